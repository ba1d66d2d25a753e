/**
 * The relay's HTTP API under /api: every request body is parsed with these schemas
 * on the relay, and the client uses the same types. Errors are always
 * `{ code, message }` (ApiError) with a matching HTTP status.
 *
 * Authentication: the browser holds an HttpOnly, SameSite=Strict session cookie;
 * scripts send `Authorization: Bearer <access token>` (from `npm run admin -- token`
 * or POST /api/auth/token). WebSockets take the access token as `?token=`. Only the
 * session cookie mints access tokens, never a bearer token (SECURITY.md [ACCT4]).
 *
 * | method | path                          | who            | body / result                    |
 * |--------|-------------------------------|----------------|----------------------------------|
 * | GET    | /api/setup                    | anyone         | → SetupState                     |
 * | POST   | /api/setup                    | first visitor  | SetupBody → Me (+ cookie)        |
 * | POST   | /api/auth/login               | anyone         | LoginBody → Me (+ cookies) (429) |
 * | POST   | /api/auth/logout              | signed in      | → {}                             |
 * | POST   | /api/auth/token               | session cookie | → AccessToken                    |
 * | POST   | /api/auth/password            | signed in      | PasswordChangeBody → {} (429)    |
 * | GET    | /api/me                       | signed in      | → Me                             |
 * | GET    | /api/invites/:token           | anyone         | → InvitePreview                  |
 * | POST   | /api/invites/:token/accept    | anyone         | AcceptInviteBody → Me (+ cookie) |
 * | GET    | /api/invites                  | admin          | → InviteSummary[]                |
 * | POST   | /api/invites                  | admin          | InviteCreateBody → CreatedInvite |
 * | DELETE | /api/invites/:id              | admin          | → {} (revokes)                   |
 * | GET    | /api/users                    | non-guest      | → UserSummary[]                  |
 * | PATCH  | /api/users/:id                | admin          | UserUpdateBody → UserSummary     |
 * | POST   | /api/users/:id/deactivate     | admin          | DeactivateBody → UserSummary     |
 * | POST   | /api/users/:id/reactivate     | admin          | → UserSummary                    |
 * | GET    | /api/groups                   | non-guest      | → GroupSummary[]                 |
 * | POST   | /api/groups                   | admin          | GroupCreateBody → GroupSummary   |
 * | PATCH  | /api/groups/:id               | admin          | GroupUpdateBody → GroupSummary   |
 * | DELETE | /api/groups/:id               | admin          | → {}                             |
 * | GET    | /api/rooms                    | signed in      | → DirectoryRoom[] (readable only)|
 * | POST   | /api/rooms                    | non-guest      | RoomCreateBody → DirectoryRoom   |
 * | GET    | /api/rooms/:id                | can read       | → DirectoryRoom                  |
 * | PATCH  | /api/rooms/:id                | can write      | RoomUpdateBody → DirectoryRoom   |
 * | PUT    | /api/rooms/:id/favourite      | can read       | FavouriteBody → DirectoryRoom    |
 * | POST   | /api/rooms/:id/files          | can write      | raw bytes → StoredFile (201)     |
 * | GET    | /api/rooms/:id/files/:fileId  | can read       | → the bytes, cached for a year   |
 * | DELETE | /api/rooms/:id/files/:fileId  | uploader/manager| → {} (bytes freed) [QUOTA3]     |
 * | GET    | /api/rooms/:id/retention      | can read       | → RetentionPolicy [RETAIN2]      |
 * | PUT    | /api/rooms/:id/retention      | room manager   | RetentionBody → RetentionPolicy  |
 * | GET    | /api/usage                    | admin          | → storage use and quotas [QUOTA3]|
 * | GET    | /api/rooms/:id/access         | can read       | → RoomAccess                     |
 * | PUT    | /api/rooms/:id/access         | room manager   | RoomAccess → RoomAccess          |
 * | POST   | /api/rooms/:id/ding           | can write      | DingRequest → DingPermit (429)   |
 * | POST   | /api/rooms/:id/ding/verify    | can read       | DingPermit → DingVerification    |
 * | POST   | /api/rooms/:id/notify         | can write      | NotifyBody → NotifyResult        |
 * | GET    | /api/notifications            | signed in      | → Notification[] (newest first)  |
 * | POST   | /api/notifications/read       | signed in      | MarkReadBody → {}                |
 * | GET    | /api/audit                    | admin          | → AuditEntry[] (newest first)    |
 * | GET    | /api/models                   | signed in      | → ModelInfo[] (AI models)        |
 * | GET    | /api/admin/export             | admin          | → ZIP stream (429; OPERATIONS.md)|
 * | GET    | /api/export                   | signed in      | → ZIP of what they read (429)    |
 *
 * Outside /api, signed-in browsers fetch model files from GET /models/<name>/<file>
 * (range requests, ETag, a year-long private cache; README, "On-device AI").
 *
 * A room the caller may not read answers 404, exactly like a room that does not
 * exist, so ids and titles of private rooms do not leak.
 */
import { z } from 'zod';
import { AccessLevel, GrantLevel, Role } from '../access/levels.js';
import { NoticeReason } from './approvals.js';

export { AccessLevel, GrantLevel, Role };

export const ApiError = z.object({ code: z.string(), message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

/** Error codes the client reacts to (others are shown as their message). */
export const ApiErrorCode = {
  unauthenticated: 'unauthenticated',
  deactivated: 'account_deactivated',
  forbidden: 'forbidden',
  notFound: 'not_found',
  invalidInput: 'invalid_input',
  invalidCredentials: 'invalid_credentials',
  rateLimited: 'rate_limited',
  conflict: 'conflict',
  inviteInvalid: 'invite_invalid',
  alreadySetUp: 'already_set_up',
  /** The relay's disk is full (HTTP 507): nothing was stored; try again later. */
  storageFull: 'storage_full',
  /**
   * The relay cannot check a limit it must enforce (HTTP 503, with Retry-After): the
   * shared rate-limit store is unreachable, so nothing was done; try again later.
   */
  unavailable: 'unavailable',
  /**
   * An upload would go over a storage quota (HTTP 507 for the workspace's, 413 for the
   * person's); the body also has `scope` ('workspace' | 'person'), `used` and `limit`
   * in bytes [QUOTA1][QUOTA2]. Nothing was stored.
   */
  quotaExceeded: 'quota_exceeded',
} as const;

/** Room ids are chosen by the creating device (so rooms can be made offline). */
export const RoomId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'room id: 1–64 of A–Z a–z 0–9 _ -');
export type RoomId = z.infer<typeof RoomId>;

export const RoomKind = z.enum(['channel', 'dm', 'doc', 'board', 'calendar']);
export type RoomKind = z.infer<typeof RoomKind>;

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'a valid email address' }).max(254));
const Password = z.string().min(10, 'at least 10 characters').max(256, 'at most 256 characters');
const Name = z.string().trim().min(1, 'required').max(80);
const Title = z.string().trim().min(1, 'required').max(200);
const Id = z.string().min(1).max(64);

export const SetupState = z.object({
  needsSetup: z.boolean(),
  workspaceName: z.string().nullable(),
});
export type SetupState = z.infer<typeof SetupState>;

export const SetupBody = z.object({
  workspaceName: Name,
  name: Name,
  email: Email,
  password: Password,
});
export type SetupBody = z.infer<typeof SetupBody>;

export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(256) });
export type LoginBody = z.infer<typeof LoginBody>;

export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: Password,
});
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;

export const AccessToken = z.object({ token: z.string(), expiresAt: z.number() });
export type AccessToken = z.infer<typeof AccessToken>;

export const UserSummary = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  active: z.boolean(),
  groups: z.array(z.string()),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const Me = z.object({
  user: UserSummary,
  workspace: z.object({ name: z.string() }),
});
export type Me = z.infer<typeof Me>;

export const InviteCreateBody = z.object({
  role: z.enum(['admin', 'member', 'guest']).default('member'),
  groups: z.array(Id).max(50).default([]),
  /** Hours until the link stops working (at most 30 days). */
  expiresInHours: z.number().int().min(1).max(720).default(72),
  maxUses: z.number().int().min(1).max(1000).default(1),
});
export type InviteCreateBody = z.input<typeof InviteCreateBody>;

export const InviteSummary = z.object({
  id: z.string(),
  role: Role,
  groups: z.array(z.string()),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
  expiresAt: z.number(),
  maxUses: z.number(),
  uses: z.number(),
  revoked: z.boolean(),
});
export type InviteSummary = z.infer<typeof InviteSummary>;

/** The secret link token is only ever shown once, here. */
export const CreatedInvite = InviteSummary.extend({ token: z.string(), path: z.string() });
export type CreatedInvite = z.infer<typeof CreatedInvite>;

export const InvitePreview = z.object({
  workspaceName: z.string(),
  role: Role,
  expiresAt: z.number(),
});
export type InvitePreview = z.infer<typeof InvitePreview>;

export const AcceptInviteBody = z.object({ name: Name, email: Email, password: Password });
export type AcceptInviteBody = z.infer<typeof AcceptInviteBody>;

export const UserUpdateBody = z
  .object({ role: Role.optional(), name: Name.optional(), groups: z.array(Id).max(100).optional() })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UserUpdateBody = z.infer<typeof UserUpdateBody>;

export const DeactivateBody = z.object({
  /** Who becomes owner of the rooms the person owned (required when they own any). */
  transferTo: Id.optional(),
});
export type DeactivateBody = z.infer<typeof DeactivateBody>;

export const GroupSummary = z.object({
  id: z.string(),
  name: z.string(),
  members: z.array(z.string()),
});
export type GroupSummary = z.infer<typeof GroupSummary>;

export const GroupCreateBody = z.object({ name: Name, members: z.array(Id).max(1000).default([]) });
export type GroupCreateBody = z.input<typeof GroupCreateBody>;

export const GroupUpdateBody = z
  .object({ name: Name.optional(), members: z.array(Id).max(1000).optional() })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type GroupUpdateBody = z.infer<typeof GroupUpdateBody>;

const Grant = z.object({ id: Id, level: GrantLevel });

/** A room's access rule on the wire (see shared/access/evaluate.ts for its meaning). */
export const RoomAccess = z.object({
  workspace: AccessLevel,
  groups: z.array(Grant).max(200),
  users: z.array(Grant).max(1000),
});
export type RoomAccess = z.infer<typeof RoomAccess>;

export const RoomCreateBody = z.object({
  id: RoomId,
  kind: RoomKind,
  title: Title,
  /** Defaults to private: only the creator. */
  access: RoomAccess.default({ workspace: 'none', groups: [], users: [] }),
  /** A doc to nest this doc under (docs only; the caller must be able to read it). */
  parentId: RoomId.nullable().optional(),
});
export type RoomCreateBody = z.input<typeof RoomCreateBody>;

/** Rename, move (docs under docs; null = top level), or move to / back from the trash. */
export const RoomUpdateBody = z
  .object({
    title: Title.optional(),
    parentId: RoomId.nullable().optional(),
    trashed: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type RoomUpdateBody = z.infer<typeof RoomUpdateBody>;

export const FavouriteBody = z.object({ favourite: z.boolean() });
export type FavouriteBody = z.infer<typeof FavouriteBody>;

/** File types the relay stores, recognised from their first bytes (never SVG or HTML). */
export const FileContentType = z.enum([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
]);
export type FileContentType = z.infer<typeof FileContentType>;

/** A file in a room's file store; `url` is relative to the relay. */
export const StoredFile = z.object({
  id: z.string(),
  contentType: FileContentType,
  size: z.number(),
  name: z.string(),
  url: z.string(),
});
export type StoredFile = z.infer<typeof StoredFile>;

export const DirectoryRoom = z.object({
  id: RoomId,
  kind: RoomKind,
  title: z.string(),
  ownerId: z.string(),
  /** The caller's own level: read or write. */
  level: GrantLevel,
  /** True when the caller may change the access rule. */
  canManage: z.boolean(),
  createdAt: z.number(),
  /** The doc it nests under; null at the top level or when the caller cannot read the parent. */
  parentId: RoomId.nullable().default(null),
  /** When it went to the trash, or null. */
  trashedAt: z.number().nullable().default(null),
  /** The caller's own favourite mark. */
  favourite: z.boolean().default(false),
  /** False when the access rule keeps the workspace out (a private channel or doc); absent from older relays. */
  workspaceWide: z.boolean().optional(),
});
export type DirectoryRoom = z.infer<typeof DirectoryRoom>;

export const AuditEntry = z.object({
  seq: z.number(),
  at: z.number(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * DING (urgent alert) permits. The relay never reads chat documents, so the per-sender
 * limit on urgent alerts is enforced here: a sender asks for a permit before writing
 * the DING into the channel's meta doc, and recipients' apps ring only for DINGs whose
 * permit the relay confirms (POST /api/rooms/:id/ding/verify).
 */
export const DING_RATE = { max: 3, windowMs: 10 * 60 * 1000 } as const;

export const DingRequest = z.object({
  messageId: z.string().min(1).max(64),
  recipients: z.array(Id).min(1, 'choose at least one recipient').max(200),
});
export type DingRequest = z.infer<typeof DingRequest>;

export const DingPermit = z.object({ permit: z.string() });
export type DingPermit = z.infer<typeof DingPermit>;

export const DingVerification = z.object({
  valid: z.boolean(),
  sender: z.string().nullable(),
  messageId: z.string().nullable(),
  recipients: z.array(z.string()),
});
export type DingVerification = z.infer<typeof DingVerification>;

/**
 * Notifications (an @mention in chat or a doc; a request one is on that moved, whose
 * rows are the relay's approval notices [APPR70]): the relay keeps a small inbox per
 * person, because the mentioned person may have no room the mentioning person can
 * write to. The relay checks that the sender may write the room and delivers only to
 * people who may read it; the excerpt is what the sender chose to send.
 */
export const NotifyBody = z.object({
  kind: z.literal('mention'),
  userIds: z.array(Id).min(1).max(50),
  /** A short, plain-text excerpt around the mention. */
  excerpt: z.string().trim().max(280).default(''),
  /** Where in the room the mention is (a chat message's id), so the inbox opens it [CHAT12]. */
  anchor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'anchor: 1–64 of A–Z a–z 0–9 _ -')
    .optional(),
});
export type NotifyBody = z.input<typeof NotifyBody>;

export const NotifyResult = z.object({ delivered: z.number() });
export type NotifyResult = z.infer<typeof NotifyResult>;

/**
 * Why a room notification was sent: a mention, or a calendar invite that was made,
 * changed, cancelled or DINGed [CAL42]. For the calendar kinds `roomTitle` is the
 * event's title (the attendee may not read the calendar) and `anchor` its id.
 */
export const NotificationKind = z.enum([
  'mention',
  'event-invited',
  'event-changed',
  'event-cancelled',
  'event-ding',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** A notification about a room: a mention, or a calendar invite (NotificationKind). */
export const MentionNotification = z.object({
  id: z.string(),
  kind: NotificationKind,
  roomId: z.string(),
  roomKind: RoomKind,
  roomTitle: z.string(),
  actorName: z.string(),
  excerpt: z.string(),
  /** The message the mention is in; null for a doc, or one sent before anchors existed. */
  anchor: z.string().nullable().default(null),
  at: z.number(),
  read: z.boolean(),
});

/** A request one is on moved in a way that concerns one [APPR40] [APPR70]. */
export const ApprovalNotification = z.object({
  id: z.string(),
  kind: z.literal('approval'),
  requestId: z.string(),
  templateName: z.string(),
  reason: NoticeReason,
  actorName: z.string(),
  at: z.number(),
  read: z.boolean(),
});
export type ApprovalNotification = z.infer<typeof ApprovalNotification>;

export const Notification = z.discriminatedUnion('kind', [
  MentionNotification,
  ApprovalNotification,
]);
export type Notification = z.infer<typeof Notification>;

export const MarkReadBody = z.object({ ids: z.array(z.string().min(1).max(64)).max(200) });
export type MarkReadBody = z.infer<typeof MarkReadBody>;

/** What an on-device AI model is for (client/src/features/ai); transcriber: speech to text. */
export const ModelRole = z.enum(['summarizer', 'embedder', 'transcriber']);
export type ModelRole = z.infer<typeof ModelRole>;

/** A model the operator installed in MODELS_DIR; its files are under /models/<name>/. */
export const ModelInfo = z.object({
  name: z.string(),
  role: ModelRole,
  /** Transformers.js dtype: which onnx/*.onnx files the browser loads (fp32, q8, ...). */
  dtype: z.string(),
  /** Where the operator got it (a URL), or null when unknown. */
  source: z.string().nullable(),
  bytes: z.number(),
  files: z.array(z.object({ path: z.string(), bytes: z.number() })),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

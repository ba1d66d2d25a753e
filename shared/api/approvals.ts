/**
 * Bodies and answers of the approvals API (relay: routes/approvals-route.ts; rules:
 * shared/protocol/APPROVALS.md). The relay resolves every route from its own org
 * chart and signs every log entry; a device never proposes a route or an actor.
 *
 * | method | path                                        | who                | body / result                        |
 * |--------|---------------------------------------------|--------------------|--------------------------------------|
 * | GET    | /api/approvals/key                          | non-guest          | → RelayKey                           |
 * | GET    | /api/approvals/templates                    | non-guest          | → TemplateList (admins: + archived)  |
 * | GET    | /api/approvals/templates/:id                | non-guest          | → TemplateRecord (latest version)    |
 * | GET    | /api/approvals/templates/:id/versions/:v    | non-guest          | → TemplateRecord (that version)      |
 * | POST   | /api/approvals/templates                    | admin              | TemplateBody → TemplateRecord (201)  |
 * | PUT    | /api/approvals/templates/:id                | admin              | TemplateUpdateBody → TemplateRecord  |
 * | PUT    | /api/approvals/templates/:id/archived       | admin              | ArchiveBody → TemplateRecord         |
 * | POST   | /api/approvals/preview                      | non-guest          | PreviewBody → RoutePreview           |
 * | POST   | /api/approvals/requests                     | non-guest          | SubmitBody → ActionResult (201)      |
 * | POST   | /api/approvals/requests/:id/actions         | on the request     | ActBody → ActionResult               |
 * | GET    | /api/approvals/requests/:id                 | on the request     | → RequestDetail                      |
 * | GET    | /api/approvals/requests?box=…&before=…      | non-guest          | → RequestList                        |
 * | GET    | /api/approvals/count                        | non-guest          | → ApprovalCount                      |
 *
 * The relay's notices of a request that moved [APPR40] are listed and marked read with
 * the person's other notifications: GET /api/notifications, POST /api/notifications/read
 * (shared/api/schemas.ts, `Notification` of kind `approval`) [APPR70].
 *
 * Out-of-office delegation is the org chart's: PUT/DELETE /api/org/delegation
 * (shared/api/org.ts, DelegationBody); it applies when a route is resolved [APPR9].
 *
 * Errors are `ApiError` bodies. A refused action is HTTP 409 (400 for `malformed`)
 * with `code` one of the [APPR22] refusal codes (`RefusalCode`), and nothing was
 * appended. Someone who is not on a request gets 404 for it, as if it did not exist.
 */
import { z } from 'zod';
import { FormValues } from '../approvals/form.js';
import { LogEntry } from '../approvals/log.js';
import { RouteStep } from '../approvals/route.js';
import { Action, REFUSALS } from '../approvals/state.js';
import { Field, FlowStep, Template } from '../approvals/template.js';

const Id = z.string().min(1).max(100);

/** [APPR22] codes as they appear in an error body's `code`. */
export const RefusalCode = z.enum(REFUSALS);
export type RefusalCode = z.infer<typeof RefusalCode>;

/** The relay's approval signing key [APPR30]: devices verify logs with `publicKey`. */
export const RelayKey = z.object({
  algorithm: z.literal('Ed25519'),
  /** 32 bytes, lower-case hex. */
  publicKey: z.string().regex(/^[0-9a-f]{64}$/),
  /** What a person compares with `npm run admin -- approvals-key` [APPR31]. */
  fingerprint: z.string(),
});
export type RelayKey = z.infer<typeof RelayKey>;

/** A template version as stored: the template itself plus who saved it when. */
export const TemplateRecord = z.object({
  template: Template,
  archived: z.boolean(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});
export type TemplateRecord = z.infer<typeof TemplateRecord>;

/** Latest version of each template, by name; archived ones only for admins. */
export const TemplateList = z.object({ templates: z.array(TemplateRecord) });
export type TemplateList = z.infer<typeof TemplateList>;

/** A new template; the relay assigns `id` and version 1. */
export const TemplateBody = z.object({
  name: z.string().trim().min(1).max(200),
  fields: z.array(Field).max(100),
  flow: z.array(FlowStep).max(50),
});
export type TemplateBody = z.infer<typeof TemplateBody>;

/**
 * A new version of a template [APPR33]. `baseVersion` is the version the editor
 * started from; when another admin saved since, the answer is 409 `conflict`.
 */
export const TemplateUpdateBody = TemplateBody.extend({
  baseVersion: z.number().int().nonnegative(),
});
export type TemplateUpdateBody = z.infer<typeof TemplateUpdateBody>;

/** Archived templates take no new requests; requests already made go on. */
export const ArchiveBody = z.object({ archived: z.boolean() });
export type ArchiveBody = z.infer<typeof ArchiveBody>;

/** A form, possibly half filled, to preview the route of. */
export const PreviewBody = z.object({ templateId: Id, form: FormValues });
export type PreviewBody = z.infer<typeof PreviewBody>;

export const FormError = z.object({ field: z.string(), message: z.string() });

/** Names of the people a route or log mentions, id → display name. */
export const PeopleNames = z.record(z.string(), z.string());

/**
 * The exact route the relay would record for this form now [APPR34]; nothing is
 * written. `formErrors` lists what submit would refuse (empty when it would accept).
 */
export const RoutePreview = z.object({
  templateVersion: z.number().int(),
  orgVersion: z.number().int(),
  route: z.array(RouteStep),
  skipped: z.array(
    z.object({
      stepId: z.string(),
      reason: z.enum(['condition', 'submitter', 'decidedBefore', 'noRecipient']),
    }),
  ),
  people: PeopleNames,
  formErrors: z.array(FormError),
});
export type RoutePreview = z.infer<typeof RoutePreview>;

/**
 * A client-generated id per action (a UUID is fine): the offline queue retries with
 * the same id, and the relay appends it at most once and answers the first result
 * again [APPR35].
 */
export const ActionId = z.string().min(8).max(100);

/** Submit: the relay validates the form and resolves the route; the latest version is used. */
export const SubmitBody = z.object({ actionId: ActionId, templateId: Id, form: FormValues });
export type SubmitBody = z.infer<typeof SubmitBody>;

/**
 * What a device may ask for on an existing request. `resubmit` carries only the edited
 * form (the relay resolves the route again); no action names its actor — the actor is
 * always the signed-in person [APPR32].
 */
const [, approve, reject, giveBack, transfer, addApprover, withdraw, , comment, urge] =
  Action.options;
export const ClientAction = z.discriminatedUnion('kind', [
  approve,
  reject,
  giveBack,
  transfer,
  addApprover,
  withdraw,
  z.object({ kind: z.literal('resubmit'), form: FormValues }).strict(),
  comment,
  urge,
]);
export type ClientAction = z.infer<typeof ClientAction>;

export const ActBody = z.object({ actionId: ActionId, action: ClientAction });
export type ActBody = z.infer<typeof ActBody>;

export const RequestStatus = z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn']);

/** One row of a box: the request's state as its log leads to, recomputed by the relay. */
export const RequestSummary = z.object({
  id: Id,
  templateId: Id,
  templateVersion: z.number().int(),
  templateName: z.string(),
  submitterId: z.string(),
  status: RequestStatus,
  /** Who may decide now ([APPR12]); empty once closed. */
  currentApprovers: z.array(z.string()),
  submittedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Entries in the log; a device holding fewer knows it is behind. */
  entries: z.number().int(),
});
export type RequestSummary = z.infer<typeof RequestSummary>;

/** The answer to a submit or an accepted action: the entry appended and where the request is. */
export const ActionResult = z.object({
  request: RequestSummary,
  entry: LogEntry,
  /** True when this is a retry of an action already appended (same actionId). */
  replayed: z.boolean(),
});
export type ActionResult = z.infer<typeof ActionResult>;

/** One request with its whole signed log and the template version it was made with. */
export const RequestDetail = z.object({
  request: RequestSummary,
  entries: z.array(LogEntry),
  template: Template,
  people: PeopleNames,
});
export type RequestDetail = z.infer<typeof RequestDetail>;

/**
 * Boxes [APPR36]: `toApprove` (I may decide now), `submitted` (mine), `approved` (I
 * approved at some step), `cc` (CC'd to me).
 */
export const Box = z.enum(['toApprove', 'submitted', 'approved', 'cc']);
export type Box = z.infer<typeof Box>;

/** Newest first; `before` is the previous page's `nextBefore` (an updatedAt + id cursor). */
export const RequestListQuery = z.object({
  box: Box,
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RequestListQuery = z.infer<typeof RequestListQuery>;

export const RequestList = z.object({
  requests: z.array(RequestSummary),
  people: PeopleNames,
  nextBefore: z.string().nullable(),
});
export type RequestList = z.infer<typeof RequestList>;

/** The nav badge: requests waiting for my decision. */
export const ApprovalCount = z.object({ toApprove: z.number().int().nonnegative() });
export type ApprovalCount = z.infer<typeof ApprovalCount>;

/** Why a person is told a request moved [APPR40] [APPR70]. */
export const NoticeReason = z.enum([
  'toApprove',
  'transferred',
  'approved',
  'rejected',
  'returned',
  'cc',
  'urged',
  'commented',
]);
export type NoticeReason = z.infer<typeof NoticeReason>;

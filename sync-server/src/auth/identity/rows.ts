import type { AccessLevel, GrantLevel, Role } from '../../../../shared/access/levels.js';
import type { NotificationKind, RoomKind } from '../../../../shared/api/schemas.js';

/** Rows as the identity store keeps them (snake_case, like the SQLite columns). */

export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  active: 0 | 1;
  created_at: number;
}

export interface GroupRow {
  id: string;
  name: string;
}

export interface GroupWithMembers extends GroupRow {
  members: string[];
}

export interface SessionRow {
  user_id: string;
  expires_at: number;
}

export interface InviteRow {
  id: string;
  token_hash: string;
  role: Role;
  group_ids: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  max_uses: number;
  uses: number;
  revoked_at: number | null;
}

export interface RoomRow {
  id: string;
  kind: RoomKind;
  title: string;
  owner_id: string;
  workspace_level: AccessLevel;
  created_at: number;
  /** The doc this one nests under (docs only); null at the top level. */
  parent_id: string | null;
  /** When the room went to the trash; null when it is not in the trash. */
  trashed_at: number | null;
}

export interface GrantRow {
  subject_type: 'group' | 'user';
  subject_id: string;
  level: GrantLevel;
}

export interface FileRow {
  room_id: string;
  id: string;
  content_type: string;
  size: number;
  name: string;
  uploaded_by: string;
  created_at: number;
}

export interface RetentionRow {
  room_id: string;
  /** Messages older than this many days are deleted (at least 1). */
  days: number;
  set_by: string;
  set_at: number;
}

export interface NotificationRow {
  id: string;
  user_id: string;
  room_id: string;
  kind: NotificationKind;
  actor_id: string;
  excerpt: string;
  /** What in the room the mention points at (a chat message id); null: the room. */
  anchor: string | null;
  at: number;
  read_at: number | null;
}

export interface AuditRow {
  seq: number;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target: string | null;
  details: string;
}

/** A sign-in sent to the identity provider and not yet back (sso-store.ts). */
export interface SsoPendingRow {
  state: string;
  /** sha256 of the secret in the browser's pending-sign-in cookie. */
  binding_hash: string;
  nonce: string;
  code_verifier: string;
  /** Where the app goes after sign-in: a path of this origin. */
  return_to: string;
  /** sha256 of the invite token the sign-in started from, if any. */
  invite_hash: string | null;
  expires_at: number;
}

export interface SsoGroupLinkRow {
  group_id: string;
  idp_group: string;
}

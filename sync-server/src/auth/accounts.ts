import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../../shared/access/levels.js';
import {
  ApiErrorCode,
  type AcceptInviteBody,
  type CreatedInvite,
  type GroupSummary,
  type InvitePreview,
  type InviteSummary,
  type Me,
  type SetupBody,
  type UserSummary,
  type UserUpdateBody,
} from '../../../shared/api/schemas.js';
import type { Clock } from '../clock.js';
import { ApiFailure, fail } from './api-failure.js';
import type { IdentityStore } from './identity-store.js';
import { newId, type InviteRow, type UserRow } from './identity-store.js';
import { LoginLimiter } from './login-limiter.js';
import { burnPasswordCheck, scryptHasher, type PasswordHasher } from './passwords.js';
import { signAccessToken, verifyAccessToken, ACCESS_TOKEN_TTL_MS } from './tokens.js';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const SCRATCHPAD_ROOM_ID = 'scratchpad';

const rank: Record<Role, number> = { guest: 0, member: 1, admin: 2, owner: 3 };

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export interface AuthDeps {
  store: IdentityStore;
  clock: Clock;
  /** Called after every change that can alter someone's access. */
  changed: () => void;
  /** Default: scrypt (passwords.ts). */
  passwords?: PasswordHasher | undefined;
}

export type Authenticated = { user: UserRow; sessionHash: string | null };

export function isAdmin(user: UserRow): boolean {
  return user.role === 'owner' || user.role === 'admin';
}

/**
 * Accounts: first-run setup, sign-in, sessions and access tokens, invites, people
 * and groups. Every change to who someone is or what they belong to is audited and
 * bumps the access epoch in the same transaction.
 */
export class Accounts {
  readonly limiter: LoginLimiter;
  private readonly passwords: PasswordHasher;

  constructor(private readonly deps: AuthDeps) {
    this.limiter = new LoginLimiter(() => deps.clock.now());
    this.passwords = deps.passwords ?? scryptHasher;
  }

  private get store(): IdentityStore {
    return this.deps.store;
  }

  private now(): number {
    return this.deps.clock.now();
  }

  /** Runs an access-changing write and its audit entry atomically, then notifies. */
  private change<T>(
    actor: string | null,
    action: string,
    target: string | null,
    details: object,
    fn: () => T,
  ): T {
    const result = this.store.tx(() => {
      const value = fn();
      this.store.audit({ at: this.now(), actorId: actor, action, target, details });
      this.store.bumpEpoch();
      return value;
    });
    this.deps.changed();
    return result;
  }

  summary(user: UserRow): UserSummary {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      active: user.active === 1,
      groups: this.store.groupsOf(user.id),
    };
  }

  me(user: UserRow): Me {
    return { user: this.summary(user), workspace: { name: this.store.workspace()?.name ?? '' } };
  }

  needsSetup(): boolean {
    return this.store.workspace() === null;
  }

  /** First run: creates the workspace, its owner and the workspace-wide scratchpad. */
  async setup(body: SetupBody, via: 'web' | 'cli'): Promise<UserRow> {
    const passwordHash = await this.passwords.hash(body.password);
    const id = newId();
    const at = this.now();
    return this.change(id, 'workspace.create', body.workspaceName, { via }, () => {
      // Checked inside the transaction, so two first visitors cannot both win.
      if (!this.needsSetup())
        throw new ApiFailure(409, ApiErrorCode.alreadySetUp, 'this relay already has a workspace');
      this.store.createWorkspace(body.workspaceName, at);
      this.store.insertUser({
        id,
        email: body.email,
        name: body.name,
        password_hash: passwordHash,
        role: 'owner',
        created_at: at,
      });
      this.store.insertRoom({
        id: SCRATCHPAD_ROOM_ID,
        kind: 'doc',
        title: 'Team scratchpad',
        owner_id: id,
        workspace_level: 'write',
        created_at: at,
      });
      return this.store.userById(id)!;
    });
  }

  /**
   * Email and password. Unknown emails cost the same scrypt work and get the same
   * answer as wrong passwords, so responses do not reveal who has an account.
   */
  async login(email: string, password: string, address: string): Promise<UserRow> {
    const wait = this.limiter.waitMs(email, address);
    if (wait > 0) {
      throw new ApiFailure(
        429,
        ApiErrorCode.rateLimited,
        'too many failed sign-ins; try again later',
        Math.ceil(wait / 1000),
      );
    }
    const user = this.store.userByEmail(email);
    const ok = user
      ? await this.passwords.verify(password, user.password_hash)
      : (await burnPasswordCheck(this.passwords, password), false);
    if (!user || !ok) {
      this.limiter.recordFailure(email, address);
      throw new ApiFailure(401, ApiErrorCode.invalidCredentials, 'wrong email or password');
    }
    if (user.active !== 1) throw fail.deactivated();
    return user;
  }

  /** A new session; returns the secret cookie value (only its hash is stored). */
  openSession(userId: string): { secret: string; expiresAt: number } {
    const secret = randomBytes(32).toString('base64url');
    const at = this.now();
    this.store.insertSession(sha256(secret), userId, at, at + SESSION_TTL_MS);
    return { secret, expiresAt: at + SESSION_TTL_MS };
  }

  /** The signed-in person behind a session cookie; sliding expiry. */
  sessionUser(secret: string): Authenticated {
    const hash = sha256(secret);
    const session = this.store.session(hash);
    const at = this.now();
    if (!session || session.expires_at <= at)
      throw fail.unauthenticated('your session has ended; sign in again');
    const user = this.store.userById(session.user_id);
    if (!user) throw fail.unauthenticated();
    if (user.active !== 1) throw fail.deactivated();
    if (session.expires_at - at < SESSION_TTL_MS / 2)
      this.store.extendSession(hash, at + SESSION_TTL_MS);
    return { user, sessionHash: hash };
  }

  closeSession(secret: string): void {
    this.store.deleteSession(sha256(secret));
    this.deps.changed();
  }

  async mintToken(userId: string, sessionHash: string | null, ttlMs = ACCESS_TOKEN_TTL_MS) {
    const claims = sessionHash ? { sub: userId, sid: sessionHash } : { sub: userId };
    return signAccessToken(this.store.secret(), claims, this.now(), ttlMs);
  }

  /** Checks an access token and the account and session behind it, now. */
  async tokenUser(token: string): Promise<Authenticated> {
    const claims = await verifyAccessToken(this.store.secret(), token);
    if (!claims) throw fail.unauthenticated('invalid or expired token');
    const user = this.store.userById(claims.sub);
    if (!user) throw fail.unauthenticated('invalid token');
    if (user.active !== 1) throw fail.deactivated();
    if (claims.sid && !this.store.session(claims.sid))
      throw fail.unauthenticated('your session has ended; sign in again');
    return { user, sessionHash: claims.sid ?? null };
  }

  async changePassword(
    user: UserRow,
    current: string,
    next: string,
    keepSession: string | null,
  ): Promise<void> {
    if (!(await this.passwords.verify(current, user.password_hash))) {
      throw new ApiFailure(401, ApiErrorCode.invalidCredentials, 'the current password is wrong');
    }
    await this.setPassword(user.id, next, user.id, keepSession);
  }

  /** Sets a password and ends every other session of that person. */
  async setPassword(
    userId: string,
    password: string,
    actor: string | null,
    keepSession: string | null = null,
  ): Promise<void> {
    const hash = await this.passwords.hash(password);
    this.change(actor, 'user.password', userId, {}, () => {
      this.store.updateUser(userId, { password_hash: hash });
      this.store.deleteSessionsOf(userId);
    });
    if (keepSession)
      this.store.insertSession(keepSession, userId, this.now(), this.now() + SESSION_TTL_MS);
  }

  // -- invites -------------------------------------------------------------

  requireAdmin(user: UserRow): void {
    if (!isAdmin(user)) throw fail.forbidden('only admins can do this');
  }

  private inviteSummary(row: InviteRow): InviteSummary {
    return {
      id: row.id,
      role: row.role,
      groups: JSON.parse(row.group_ids) as string[],
      createdBy: row.created_by,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      maxUses: row.max_uses,
      uses: row.uses,
      revoked: row.revoked_at !== null,
    };
  }

  createInvite(
    actor: UserRow | null,
    body: {
      role: Exclude<Role, 'owner'>;
      groups: string[];
      expiresInHours: number;
      maxUses: number;
    },
  ): CreatedInvite {
    if (actor) this.requireAdmin(actor);
    if (actor?.role === 'admin' && body.role === 'admin')
      throw fail.forbidden('only the owner can invite admins');
    for (const id of body.groups)
      if (!this.store.group(id)) throw fail.invalid(`unknown group ${id}`);
    const token = randomBytes(24).toString('base64url');
    const id = newId();
    const at = this.now();
    const row = {
      id,
      token_hash: sha256(token),
      role: body.role,
      group_ids: JSON.stringify(body.groups),
      created_by: actor?.id ?? null,
      created_at: at,
      expires_at: at + body.expiresInHours * 3600_000,
      max_uses: body.maxUses,
    };
    this.change(
      actor?.id ?? null,
      'invite.create',
      id,
      { role: body.role, groups: body.groups, maxUses: body.maxUses },
      () => this.store.insertInvite(row),
    );
    return {
      ...this.inviteSummary({ ...row, uses: 0, revoked_at: null }),
      token,
      path: `/invite/${token}`,
    };
  }

  invites(actor: UserRow): InviteSummary[] {
    this.requireAdmin(actor);
    return this.store.invites().map((row) => this.inviteSummary(row));
  }

  revokeInvite(actor: UserRow, id: string): void {
    this.requireAdmin(actor);
    this.change(actor.id, 'invite.revoke', id, {}, () => {
      if (!this.store.revokeInvite(id, this.now())) throw fail.notFound('invite');
    });
  }

  /** Expired, revoked, used up and unknown links all get the same answer. */
  private usableInvite(token: string): InviteRow {
    const row = this.store.inviteByTokenHash(sha256(token));
    if (
      !row ||
      row.revoked_at !== null ||
      row.expires_at <= this.now() ||
      row.uses >= row.max_uses
    ) {
      throw new ApiFailure(
        410,
        ApiErrorCode.inviteInvalid,
        'this invite link has expired or was revoked',
      );
    }
    return row;
  }

  previewInvite(token: string): InvitePreview {
    const row = this.usableInvite(token);
    return {
      workspaceName: this.store.workspace()?.name ?? '',
      role: row.role,
      expiresAt: row.expires_at,
    };
  }

  async acceptInvite(token: string, body: AcceptInviteBody): Promise<UserRow> {
    this.usableInvite(token);
    const passwordHash = await this.passwords.hash(body.password);
    const id = newId();
    return this.change(id, 'invite.accept', id, { email: body.email }, () => {
      const row = this.usableInvite(token); // again, inside the transaction
      if (this.store.userByEmail(body.email))
        throw fail.conflict('this email cannot be used; sign in instead');
      this.store.insertUser({
        id,
        email: body.email,
        name: body.name,
        password_hash: passwordHash,
        role: row.role,
        created_at: this.now(),
      });
      const groups = (JSON.parse(row.group_ids) as string[]).filter((g) => this.store.group(g));
      this.store.setUserGroups(id, groups);
      this.store.useInvite(row.id);
      return this.store.userById(id)!;
    });
  }

  // -- people --------------------------------------------------------------

  users(actor: UserRow): UserSummary[] {
    if (actor.role === 'guest') throw fail.forbidden('guests cannot list the workspace');
    return this.store.users().map((u) => this.summary(u));
  }

  private target(actor: UserRow, id: string): UserRow {
    this.requireAdmin(actor);
    const user = this.store.userById(id);
    if (!user) throw fail.notFound('user');
    if (user.id === actor.id) throw fail.forbidden('you cannot change your own role or status');
    if (actor.role !== 'owner' && rank[user.role] >= rank[actor.role]) {
      throw fail.forbidden('only the owner can manage admins');
    }
    return user;
  }

  updateUser(actor: UserRow, id: string, body: UserUpdateBody): UserSummary {
    const user =
      body.role === undefined && body.groups === undefined && id === actor.id
        ? actor
        : this.target(actor, id);
    if (body.role === 'owner' && actor.role !== 'owner')
      throw fail.forbidden('only the owner can hand over ownership');
    if (body.role === 'admin' && actor.role !== 'owner')
      throw fail.forbidden('only the owner can make admins');
    for (const g of body.groups ?? [])
      if (!this.store.group(g)) throw fail.invalid(`unknown group ${g}`);
    this.change(actor.id, 'user.update', id, { ...body }, () => {
      if (body.name !== undefined) this.store.updateUser(id, { name: body.name });
      if (body.groups !== undefined) this.store.setUserGroups(id, body.groups);
      if (body.role !== undefined) {
        this.store.updateUser(id, { role: body.role });
        // Ownership moves: the old owner stays on as an admin.
        if (body.role === 'owner') this.store.updateUser(actor.id, { role: 'admin' });
      }
    });
    return this.summary(this.store.userById(user.id)!);
  }

  /**
   * Offboarding: the account stops working at once (the relay closes its
   * connections and refuses its sessions), and the rooms it owned pass to `transferTo`.
   */
  deactivate(actor: UserRow | null, id: string, transferTo: string | undefined): UserSummary {
    const user = actor ? this.target(actor, id) : this.store.userById(id);
    if (!user) throw fail.notFound('user');
    if (user.role === 'owner')
      throw fail.forbidden('hand over ownership before deactivating the owner');
    const heir = transferTo ? this.store.userById(transferTo) : undefined;
    if (transferTo && (!heir || heir.active !== 1 || heir.id === id || heir.role === 'guest')) {
      throw fail.invalid('rooms can only be handed to another active member');
    }
    this.change(
      actor?.id ?? null,
      'user.deactivate',
      id,
      { transferTo: transferTo ?? null },
      () => {
        const owned = this.store.rooms().filter((room) => room.owner_id === id);
        if (owned.length > 0 && !heir)
          throw fail.invalid(
            `${user.name} owns ${owned.length} room(s): choose who takes them over`,
          );
        if (heir) this.store.transferRooms(id, heir.id);
        this.store.updateUser(id, { active: 0 });
        // Sessions stay (they no longer work) so that the person's devices learn, on
        // their next contact, that the account was deactivated and wipe their copies.
      },
    );
    return this.summary(this.store.userById(id)!);
  }

  reactivate(actor: UserRow, id: string): UserSummary {
    this.target(actor, id);
    this.change(actor.id, 'user.reactivate', id, {}, () => {
      this.store.updateUser(id, { active: 1 });
      this.store.deleteSessionsOf(id); // devices wiped on deactivation sign in afresh
    });
    return this.summary(this.store.userById(id)!);
  }

  // -- groups --------------------------------------------------------------

  groups(actor: UserRow): GroupSummary[] {
    if (actor.role === 'guest') throw fail.forbidden('guests cannot list groups');
    return this.store.groups();
  }

  private checkMembers(members: readonly string[]): void {
    for (const m of members) if (!this.store.userById(m)) throw fail.invalid(`unknown user ${m}`);
  }

  createGroup(actor: UserRow, name: string, members: readonly string[]): GroupSummary {
    this.requireAdmin(actor);
    this.checkMembers(members);
    const id = newId();
    this.change(actor.id, 'group.create', id, { name, members }, () => {
      if (this.store.groups().some((g) => g.name.toLowerCase() === name.toLowerCase())) {
        throw fail.conflict(`a group called ${name} already exists`);
      }
      this.store.insertGroup(id, name, this.now());
      this.store.setGroupMembers(id, members);
    });
    return this.group(id);
  }

  private group(id: string): GroupSummary {
    const group = this.store.groups().find((g) => g.id === id);
    if (!group) throw fail.notFound('group');
    return group;
  }

  updateGroup(
    actor: UserRow,
    id: string,
    body: { name?: string | undefined; members?: string[] | undefined },
  ): GroupSummary {
    this.requireAdmin(actor);
    this.group(id);
    if (body.members) this.checkMembers(body.members);
    this.change(actor.id, 'group.update', id, { ...body }, () => {
      if (body.name !== undefined) this.store.renameGroup(id, body.name);
      if (body.members !== undefined) this.store.setGroupMembers(id, body.members);
    });
    return this.group(id);
  }

  deleteGroup(actor: UserRow, id: string): void {
    this.requireAdmin(actor);
    const group = this.group(id);
    this.change(actor.id, 'group.delete', id, { name: group.name }, () =>
      this.store.deleteGroup(id),
    );
  }
}

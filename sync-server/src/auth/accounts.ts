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
import {
  newId,
  type IdentityStore,
  type InviteRow,
  type UserRow,
} from './identity/identity-store.js';
import { MemoryRateLimits } from '../limits/memory-rate-limits.js';
import type { RateLimits } from '../limits/rate-limits.js';
import { AttemptBudgets, type Charge } from './attempt-budgets.js';
import { readKnownDevice, signKnownDevice } from './known-device.js';
import { LoginLimiter } from './login-limiter.js';
import { burnPasswordCheck, scryptHasher, type PasswordHasher } from './passwords.js';
import { PasswordChangeLimiter } from './password-change-limiter.js';
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
  /** Called after every change that can alter someone's access; awaited before answering. */
  changed: () => Promise<void>;
  /**
   * Called after a change that alters what `GET /api/rooms` shows but not who may
   * read what: a room renamed, moved, trashed or restored, or one person's favourite.
   */
  listed?: ((change: ListedChange) => void) | undefined;
  /** Default: scrypt (passwords.ts). */
  passwords?: PasswordHasher | undefined;
  /** Where sign-in and password-change budgets live; default: this process's memory. */
  limits?: RateLimits | undefined;
}

/** A refused guess: same shape for sign-in and password change. */
function tooMany(charge: Extract<Charge, { ok: false }>, what: string): ApiFailure {
  return new ApiFailure(
    429,
    ApiErrorCode.rateLimited,
    `too many ${what}; try again later`,
    charge.retryAfterSeconds,
  );
}

function alreadySetUp(): ApiFailure {
  return new ApiFailure(409, ApiErrorCode.alreadySetUp, 'this relay already has a workspace');
}

/** Whose directory a change that is not an access change can alter. */
export type ListedChange = { kind: 'room'; roomId: string } | { kind: 'person'; userId: string };

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
  private readonly loginLimiter: LoginLimiter;
  private readonly passwordChangeLimiter: PasswordChangeLimiter;
  private readonly passwords: PasswordHasher;
  /** Invite accepts between their first check and their insert, by invite id [ACCT8]. */
  private readonly accepting = new Map<string, number>();

  constructor(private readonly deps: AuthDeps) {
    const budgets = new AttemptBudgets(deps.limits ?? new MemoryRateLimits(), () =>
      deps.clock.now(),
    );
    this.loginLimiter = new LoginLimiter(budgets);
    this.passwordChangeLimiter = new PasswordChangeLimiter(budgets);
    this.passwords = deps.passwords ?? scryptHasher;
  }

  private get store(): IdentityStore {
    return this.deps.store;
  }

  private now(): number {
    return this.deps.clock.now();
  }

  /**
   * Runs an access-changing write, its audit entry and an epoch bump in one
   * transaction, then has the connection guard recheck before the caller answers.
   * `fn` must do all its reads and writes through `tx`.
   */
  private async change<T>(
    actor: string | null,
    action: string,
    target: string | null,
    details: object,
    fn: (tx: IdentityStore) => Promise<T>,
  ): Promise<T> {
    const result = await this.store.transaction(async (tx) => {
      const value = await fn(tx);
      await tx.audit.append({ at: this.now(), actorId: actor, action, target, details });
      await tx.workspace.bumpEpoch();
      return value;
    });
    await this.deps.changed();
    return result;
  }

  async summary(user: UserRow): Promise<UserSummary> {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      active: user.active === 1,
      groups: await this.store.groups.groupsOf(user.id),
    };
  }

  async me(user: UserRow): Promise<Me> {
    const [summary, workspace] = await Promise.all([
      this.summary(user),
      this.store.workspace.get(),
    ]);
    return { user: summary, workspace: { name: workspace?.name ?? '' } };
  }

  async needsSetup(store: IdentityStore = this.store): Promise<boolean> {
    return (await store.workspace.get()) === null;
  }

  /** First run: creates the workspace, its owner and the workspace-wide scratchpad. */
  async setup(body: SetupBody, via: 'web' | 'cli'): Promise<UserRow> {
    // Before hashing: anyone may call this, and a hash costs the relay 32 MiB [ACCT7].
    if (!(await this.needsSetup())) throw alreadySetUp();
    const passwordHash = await this.passwords.hash(body.password);
    const id = newId();
    const at = this.now();
    return this.change(id, 'workspace.create', body.workspaceName, { via }, async (tx) => {
      // Checked again inside the transaction, so two first visitors cannot both win.
      if (!(await this.needsSetup(tx))) throw alreadySetUp();
      await tx.workspace.create(body.workspaceName, at);
      await tx.people.insert({
        id,
        email: body.email,
        name: body.name,
        password_hash: passwordHash,
        role: 'owner',
        created_at: at,
      });
      await tx.rooms.insert({
        id: SCRATCHPAD_ROOM_ID,
        kind: 'doc',
        title: 'Team scratchpad',
        owner_id: id,
        workspace_level: 'write',
        created_at: at,
      });
      return (await tx.people.byId(id))!;
    });
  }

  /**
   * Email and password, limited as login-limiter.ts explains. Unknown emails cost
   * the same scrypt work and get the same answer as wrong passwords, so responses do
   * not reveal who has an account. `device` is the known-device cookie, if any.
   */
  async login(attempt: {
    email: string;
    password: string;
    address: string;
    device: string | null;
  }): Promise<UserRow> {
    const { email, password } = attempt;
    const user = await this.store.people.byEmail(email);
    const known = attempt.device
      ? await readKnownDevice(await this.store.workspace.secret(), attempt.device)
      : null;
    const charge = await this.loginLimiter.begin({
      email,
      address: attempt.address,
      knownDevice: known && user && known.userId === user.id ? known.deviceId : null,
    });
    if (!charge.ok) throw tooMany(charge, 'failed sign-ins');
    const ok = user
      ? await this.passwords.verify(password, user.password_hash)
      : (await burnPasswordCheck(this.passwords, password), false);
    if (!user || !ok)
      throw new ApiFailure(401, ApiErrorCode.invalidCredentials, 'wrong email or password');
    await charge.giveBack();
    if (user.active !== 1) throw fail.deactivated();
    return user;
  }

  /** The known-device cookie value for a browser that just signed in as `userId`. */
  async knownDevice(userId: string): Promise<string> {
    return signKnownDevice(await this.store.workspace.secret(), userId, this.now());
  }

  /** A new session; returns the secret cookie value (only its hash is stored). */
  async openSession(userId: string): Promise<{ secret: string; expiresAt: number }> {
    const secret = randomBytes(32).toString('base64url');
    const at = this.now();
    await this.store.sessions.insert(sha256(secret), userId, at, at + SESSION_TTL_MS);
    return { secret, expiresAt: at + SESSION_TTL_MS };
  }

  /** The signed-in person behind a session cookie; sliding expiry. */
  async sessionUser(secret: string): Promise<Authenticated> {
    const hash = sha256(secret);
    const session = await this.store.sessions.get(hash);
    const at = this.now();
    if (!session || session.expires_at <= at)
      throw fail.unauthenticated('your session has ended; sign in again');
    const user = await this.store.people.byId(session.user_id);
    if (!user) throw fail.unauthenticated();
    if (user.active !== 1) throw fail.deactivated();
    if (session.expires_at - at < SESSION_TTL_MS / 2)
      await this.store.sessions.extend(hash, at + SESSION_TTL_MS);
    return { user, sessionHash: hash };
  }

  async closeSession(secret: string): Promise<void> {
    await this.store.sessions.delete(sha256(secret));
    await this.deps.changed();
  }

  /** A live session of `userId`, or null when it ended (signed out, expired, reset). */
  private async liveSession(sessionHash: string, userId: string) {
    const session = await this.store.sessions.get(sessionHash);
    return session && session.user_id === userId && session.expires_at > this.now()
      ? session
      : null;
  }

  /**
   * An access token. With a session (the only way over HTTP [ACCT4]) it carries the
   * session and expires no later than it [ACCT5]; without one (the operator's
   * command line [ACCT6]) it lives for its own TTL only.
   */
  async mintToken(userId: string, sessionHash: string | null, ttlMs = ACCESS_TOKEN_TTL_MS) {
    const secret = await this.store.workspace.secret();
    if (!sessionHash) return signAccessToken(secret, { sub: userId }, this.now(), ttlMs);
    const session = await this.liveSession(sessionHash, userId);
    if (!session) throw fail.unauthenticated('your session has ended; sign in again');
    const ttl = Math.min(ttlMs, session.expires_at - this.now());
    return signAccessToken(secret, { sub: userId, sid: sessionHash }, this.now(), ttl);
  }

  /** Checks an access token and the account and session behind it, now [ACCT5]. */
  async tokenUser(token: string): Promise<Authenticated> {
    const claims = await verifyAccessToken(await this.store.workspace.secret(), token, this.now());
    if (!claims) throw fail.unauthenticated('invalid or expired token');
    const user = await this.store.people.byId(claims.sub);
    if (!user) throw fail.unauthenticated('invalid token');
    if (user.active !== 1) throw fail.deactivated();
    if (claims.sid && !(await this.liveSession(claims.sid, user.id)))
      throw fail.unauthenticated('your session has ended; sign in again');
    return { user, sessionHash: claims.sid ?? null };
  }

  /** Limited per session and per account, charged before the check [ACCT9]. */
  async changePassword(
    user: UserRow,
    current: string,
    next: string,
    keepSession: string | null,
  ): Promise<void> {
    const charge = await this.passwordChangeLimiter.begin(user.id, keepSession);
    if (!charge.ok) throw tooMany(charge, 'wrong current passwords');
    if (!(await this.passwords.verify(current, user.password_hash))) {
      throw new ApiFailure(401, ApiErrorCode.invalidCredentials, 'the current password is wrong');
    }
    await charge.giveBack();
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
    await this.change(actor, 'user.password', userId, {}, async (tx) => {
      await tx.people.update(userId, { password_hash: hash });
      await tx.sessions.deleteOf(userId);
      if (keepSession)
        await tx.sessions.insert(keepSession, userId, this.now(), this.now() + SESSION_TTL_MS);
    });
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

  async createInvite(
    actor: UserRow | null,
    body: {
      role: Exclude<Role, 'owner'>;
      groups: string[];
      expiresInHours: number;
      maxUses: number;
    },
  ): Promise<CreatedInvite> {
    if (actor) this.requireAdmin(actor);
    if (actor?.role === 'admin' && body.role === 'admin')
      throw fail.forbidden('only the owner can invite admins');
    for (const id of body.groups)
      if (!(await this.store.groups.get(id))) throw fail.invalid(`unknown group ${id}`);
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
    await this.change(
      actor?.id ?? null,
      'invite.create',
      id,
      { role: body.role, groups: body.groups, maxUses: body.maxUses },
      (tx) => tx.invites.insert(row),
    );
    return {
      ...this.inviteSummary({ ...row, uses: 0, revoked_at: null }),
      token,
      path: `/invite/${token}`,
    };
  }

  async invites(actor: UserRow): Promise<InviteSummary[]> {
    this.requireAdmin(actor);
    return (await this.store.invites.all()).map((row) => this.inviteSummary(row));
  }

  async revokeInvite(actor: UserRow, id: string): Promise<void> {
    this.requireAdmin(actor);
    await this.change(actor.id, 'invite.revoke', id, {}, async (tx) => {
      if (!(await tx.invites.revoke(id, this.now()))) throw fail.notFound('invite');
    });
  }

  /** Expired, revoked, used up and unknown links all get the same answer. */
  private async usableInvite(token: string, store = this.store): Promise<InviteRow> {
    const row = await store.invites.byTokenHash(sha256(token));
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

  async previewInvite(token: string): Promise<InvitePreview> {
    const row = await this.usableInvite(token);
    return {
      workspaceName: (await this.store.workspace.get())?.name ?? '',
      role: row.role,
      expiresAt: row.expires_at,
    };
  }

  /**
   * Every cheap refusal comes before the hash, and no more accepts hash at once than
   * the link has uses left, so that a link cannot be used to burn the relay's CPU [ACCT8].
   */
  async acceptInvite(token: string, body: AcceptInviteBody): Promise<UserRow> {
    const invite = await this.usableInvite(token);
    const emailTaken = async (store: IdentityStore) => {
      if (await store.people.byEmail(body.email))
        throw fail.conflict('this email cannot be used; sign in instead');
    };
    await emailTaken(this.store);
    const inFlight = this.accepting.get(invite.id) ?? 0;
    if (inFlight >= invite.max_uses - invite.uses)
      throw new ApiFailure(
        429,
        ApiErrorCode.rateLimited,
        'this invite link is being used right now; try again in a moment',
        1,
      );
    this.accepting.set(invite.id, inFlight + 1);
    let passwordHash: string;
    try {
      passwordHash = await this.passwords.hash(body.password);
    } finally {
      const left = (this.accepting.get(invite.id) ?? 1) - 1;
      if (left > 0) this.accepting.set(invite.id, left);
      else this.accepting.delete(invite.id);
    }
    const id = newId();
    return this.change(id, 'invite.accept', id, { email: body.email }, async (tx) => {
      const row = await this.usableInvite(token, tx); // again, inside the transaction
      await emailTaken(tx);
      await tx.people.insert({
        id,
        email: body.email,
        name: body.name,
        password_hash: passwordHash,
        role: row.role,
        created_at: this.now(),
      });
      const groups: string[] = [];
      for (const g of JSON.parse(row.group_ids) as string[])
        if (await tx.groups.get(g)) groups.push(g);
      await tx.groups.setGroupsOf(id, groups);
      await tx.invites.use(row.id);
      return (await tx.people.byId(id))!;
    });
  }

  // -- people --------------------------------------------------------------

  async users(actor: UserRow): Promise<UserSummary[]> {
    if (actor.role === 'guest') throw fail.forbidden('guests cannot list the workspace');
    const [users, groups] = await Promise.all([this.store.people.all(), this.store.groups.all()]);
    const of = new Map<string, string[]>();
    for (const g of [...groups].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
      for (const m of g.members) of.set(m, [...(of.get(m) ?? []), g.id]);
    return users.map((user) => ({
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      active: user.active === 1,
      groups: of.get(user.id) ?? [],
    }));
  }

  private async target(actor: UserRow, id: string): Promise<UserRow> {
    this.requireAdmin(actor);
    const user = await this.store.people.byId(id);
    if (!user) throw fail.notFound('user');
    if (user.id === actor.id) throw fail.forbidden('you cannot change your own role or status');
    if (actor.role !== 'owner' && rank[user.role] >= rank[actor.role]) {
      throw fail.forbidden('only the owner can manage admins');
    }
    return user;
  }

  async updateUser(actor: UserRow, id: string, body: UserUpdateBody): Promise<UserSummary> {
    const user =
      body.role === undefined && body.groups === undefined && id === actor.id
        ? actor
        : await this.target(actor, id);
    if (body.role === 'owner' && actor.role !== 'owner')
      throw fail.forbidden('only the owner can hand over ownership');
    if (body.role === 'admin' && actor.role !== 'owner')
      throw fail.forbidden('only the owner can make admins');
    for (const g of body.groups ?? [])
      if (!(await this.store.groups.get(g))) throw fail.invalid(`unknown group ${g}`);
    await this.change(actor.id, 'user.update', id, { ...body }, async (tx) => {
      if (body.name !== undefined) await tx.people.update(id, { name: body.name });
      if (body.groups !== undefined) await tx.groups.setGroupsOf(id, body.groups);
      if (body.role !== undefined) {
        await tx.people.update(id, { role: body.role });
        // Ownership moves: the old owner stays on as an admin.
        if (body.role === 'owner') await tx.people.update(actor.id, { role: 'admin' });
      }
    });
    return this.summary((await this.store.people.byId(user.id))!);
  }

  /**
   * Offboarding: the account stops working at once (the relay closes its
   * connections and refuses its sessions), and the rooms it owned pass to `transferTo`.
   */
  async deactivate(
    actor: UserRow | null,
    id: string,
    transferTo: string | undefined,
  ): Promise<UserSummary> {
    const user = actor ? await this.target(actor, id) : await this.store.people.byId(id);
    if (!user) throw fail.notFound('user');
    if (user.role === 'owner')
      throw fail.forbidden('hand over ownership before deactivating the owner');
    const heir = transferTo ? await this.store.people.byId(transferTo) : undefined;
    if (transferTo && (!heir || heir.active !== 1 || heir.id === id || heir.role === 'guest')) {
      throw fail.invalid('rooms can only be handed to another active member');
    }
    await this.change(
      actor?.id ?? null,
      'user.deactivate',
      id,
      { transferTo: transferTo ?? null },
      async (tx) => {
        const owned = (await tx.rooms.all()).filter((room) => room.owner_id === id);
        if (owned.length > 0 && !heir)
          throw fail.invalid(
            `${user.name} owns ${owned.length} room(s): choose who takes them over`,
          );
        if (heir) await tx.rooms.transfer(id, heir.id);
        await tx.people.update(id, { active: 0 });
        await tx.availability.remove(id); // [CAL55] gone with them
        // Sessions stay (they no longer work) so that the person's devices learn, on
        // their next contact, that the account was deactivated and wipe their copies.
      },
    );
    return this.summary((await this.store.people.byId(id))!);
  }

  async reactivate(actor: UserRow, id: string): Promise<UserSummary> {
    await this.target(actor, id);
    await this.change(actor.id, 'user.reactivate', id, {}, async (tx) => {
      await tx.people.update(id, { active: 1 });
      await tx.sessions.deleteOf(id); // devices wiped on deactivation sign in afresh
    });
    return this.summary((await this.store.people.byId(id))!);
  }

  // -- groups --------------------------------------------------------------

  async groups(actor: UserRow): Promise<GroupSummary[]> {
    if (actor.role === 'guest') throw fail.forbidden('guests cannot list groups');
    return this.store.groups.all();
  }

  private async checkMembers(members: readonly string[]): Promise<void> {
    for (const m of members)
      if (!(await this.store.people.byId(m))) throw fail.invalid(`unknown user ${m}`);
  }

  async createGroup(
    actor: UserRow,
    name: string,
    members: readonly string[],
  ): Promise<GroupSummary> {
    this.requireAdmin(actor);
    await this.checkMembers(members);
    const id = newId();
    await this.change(actor.id, 'group.create', id, { name, members }, async (tx) => {
      if ((await tx.groups.all()).some((g) => g.name.toLowerCase() === name.toLowerCase())) {
        throw fail.conflict(`a group called ${name} already exists`);
      }
      await tx.groups.insert(id, name, this.now());
      await tx.groups.setMembers(id, members);
    });
    return this.group(id);
  }

  private async group(id: string): Promise<GroupSummary> {
    const group = (await this.store.groups.all()).find((g) => g.id === id);
    if (!group) throw fail.notFound('group');
    return group;
  }

  async updateGroup(
    actor: UserRow,
    id: string,
    body: { name?: string | undefined; members?: string[] | undefined },
  ): Promise<GroupSummary> {
    this.requireAdmin(actor);
    await this.group(id);
    if (body.members) await this.checkMembers(body.members);
    await this.change(actor.id, 'group.update', id, { ...body }, async (tx) => {
      if (body.name !== undefined) await tx.groups.rename(id, body.name);
      if (body.members !== undefined) await tx.groups.setMembers(id, body.members);
    });
    return this.group(id);
  }

  async deleteGroup(actor: UserRow, id: string): Promise<void> {
    this.requireAdmin(actor);
    const group = await this.group(id);
    await this.change(actor.id, 'group.delete', id, { name: group.name }, (tx) =>
      tx.groups.delete(id),
    );
  }
}

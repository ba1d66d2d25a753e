/**
 * Single sign-on, from the start of a sign-in to the person it signs in
 * (OPERATIONS.md, "Single sign-on"). The sign-in in flight (state, nonce, PKCE
 * verifier, return path, invite) is kept in the identity store, so that any relay of
 * several can finish what another started, and is bound to the browser that started
 * it by a secret cookie whose hash it holds [SSO5]. People are found by the
 * provider's (issuer, subject), never by email alone [SSO6]; new people join per
 * OIDC_PROVISION [SSO7]; mirrored groups follow the provider at each sign-in [SSO8].
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { sha256 } from '../accounts.js';
import { newId, type IdentityStore, type UserRow } from '../identity/identity-store.js';
import type { IdentityProvider, SignInClaims } from './identity-provider.js';
import type { SsoSettings } from './sso-settings.js';

/** A sign-in must come back from the provider within this time [SSO5]. */
export const SSO_PENDING_TTL_MS = 10 * 60_000;

/** Why a sign-in was refused; the sign-in page says each in words. */
export type SsoRefusal =
  | 'expired' // no such pending sign-in: too slow, replayed, or finished elsewhere
  | 'mismatch' // the callback came to another browser than the one that started
  | 'refused' // the provider said no (the person cancelled, or it refused the request)
  | 'invalid' // the provider's answer failed a check (signature, audience, nonce, PKCE)
  | 'not_allowed' // a new person without an invite or an allowed, verified email
  | 'email_unverified' // an account has this email, but the provider did not verify it
  | 'deactivated'
  | 'unavailable'; // the provider cannot be reached, or discovery has not succeeded

export class SsoRefused extends Error {
  constructor(
    readonly reason: SsoRefusal,
    detail: string,
  ) {
    super(detail);
  }
}

export interface SsoDeps {
  settings: SsoSettings;
  provider: IdentityProvider;
  store: IdentityStore;
  clock: Clock;
  log: Logger;
  /** Called after a change of someone's access (the connection guard's recheck). */
  changed: () => Promise<void>;
}

/** A path of this origin, or '/': never another site after sign-in. */
export function safeReturnPath(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\'))
    return '/';
  return value;
}

export class SsoSignIn {
  constructor(private readonly deps: SsoDeps) {}

  get settings(): SsoSettings {
    return this.deps.settings;
  }

  /** Discovery succeeded: sign-ins can start. */
  get ready(): boolean {
    return this.deps.provider.ready;
  }

  /**
   * In require mode, passwords are for the named admins only (a way in when the
   * provider is down) [SSO2]. Checked before any password work, and again on the
   * account once the password matched (`user`), so that a named email that is not
   * an admin's opens nothing.
   */
  passwordAllowed(email: string, user?: UserRow): boolean {
    const { mode, passwordAdmins } = this.deps.settings;
    if (mode === 'allow') return true;
    if (!passwordAdmins.includes(email.trim().toLowerCase())) return false;
    return !user || user.role === 'owner' || user.role === 'admin';
  }

  stop(): void {
    this.deps.provider.stop();
  }

  private get store(): IdentityStore {
    return this.deps.store;
  }

  /** The provider's URL to send the browser to, and the secret for its cookie. */
  async start(options: {
    returnTo: string;
    invite: string | null;
  }): Promise<{ url: URL; browserSecret: string }> {
    if (!this.deps.provider.ready)
      throw new SsoRefused('unavailable', 'the identity provider has not answered yet');
    const now = this.deps.clock.now();
    const authorization = await this.deps.provider.authorize();
    const browserSecret = randomBytes(32).toString('base64url');
    await this.store.sso.dropExpiredPending(now);
    await this.store.sso.insertPending({
      state: authorization.state,
      binding_hash: sha256(browserSecret),
      nonce: authorization.nonce,
      code_verifier: authorization.codeVerifier,
      return_to: safeReturnPath(options.returnTo),
      invite_hash: options.invite ? sha256(options.invite) : null,
      expires_at: now + SSO_PENDING_TTL_MS,
    });
    return { url: authorization.url, browserSecret };
  }

  /**
   * Finishes the sign-in the provider sent back to `query` (the callback's query);
   * `browserSecret` is the pending-sign-in cookie. Returns the person and where to go.
   */
  async finish(
    query: URLSearchParams,
    browserSecret: string | null,
  ): Promise<{ user: UserRow; returnTo: string }> {
    const state = query.get('state');
    if (!state) throw new SsoRefused('expired', 'the callback has no state');
    // Taken (deleted) before anything else: whatever happens next, it is used up [SSO5].
    const pending = await this.store.sso.takePending(state);
    if (!pending || pending.expires_at <= this.deps.clock.now())
      throw new SsoRefused('expired', 'no pending sign-in with this state (expired or used)');
    if (!browserSecret || sha256(browserSecret) !== pending.binding_hash)
      throw new SsoRefused('mismatch', 'the sign-in was started in another browser');
    if (query.has('error'))
      throw new SsoRefused('refused', `the provider answered ${query.get('error')}`);
    if (!this.deps.provider.ready)
      throw new SsoRefused('unavailable', 'the identity provider has not answered yet');
    const callback = new URL(this.deps.settings.redirectUrl);
    callback.search = query.toString();
    let claims: SignInClaims;
    try {
      claims = await this.deps.provider.finish(callback, {
        state: pending.state,
        nonce: pending.nonce,
        codeVerifier: pending.code_verifier,
      });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      // A provider that cannot be reached is not an attack; a failed check may be.
      const unreachable = error instanceof TypeError && /fetch failed/i.test(detail);
      throw new SsoRefused(unreachable ? 'unavailable' : 'invalid', detail);
    }
    const user = await this.signIn(claims, pending.invite_hash);
    return { user, returnTo: pending.return_to };
  }

  /** The person behind checked claims: linked, or linked now, or new [SSO6][SSO7]. */
  private async signIn(claims: SignInClaims, inviteHash: string | null): Promise<UserRow> {
    const { settings } = this.deps;
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
    const verified = email !== null && (claims.email_verified === true || settings.trustEmail);
    const idpGroups = groupsOf(claims[settings.groupsClaim]);
    const at = this.deps.clock.now();
    const outcome = await this.store.transaction(async (tx) => {
      const audit = (actorId: string | null, action: string, target: string, details: object) =>
        tx.audit.append({ at, actorId, action, target, details });
      let changed = false;
      let userId = await tx.sso.linkedUser(claims.iss, claims.sub);
      if (!userId && email) {
        const existing = await tx.people.byEmail(email);
        if (existing) {
          if (existing.active !== 1)
            return refusal('deactivated', `${existing.email} is deactivated`);
          if (!verified)
            return refusal(
              'email_unverified',
              `an account has ${email}, not verified by the provider`,
            );
          await tx.sso.link(claims.iss, claims.sub, existing.id, at);
          await audit(existing.id, 'sso.link', existing.id, { issuer: claims.iss, email });
          userId = existing.id;
          changed = true;
        }
      }
      if (!userId) {
        const joined = await this.provision(tx, claims, { email, verified, inviteHash, at });
        if ('refused' in joined) return joined;
        userId = joined.userId;
        changed = true;
      }
      const user = await tx.people.byId(userId);
      if (!user) throw new Error(`linked person ${userId} is missing`);
      if (user.active !== 1) return refusal('deactivated', `${user.email} is deactivated`);
      if (await this.mirrorGroups(tx, user.id, idpGroups, at)) changed = true;
      await audit(user.id, 'sso.sign-in', user.id, { issuer: claims.iss });
      if (changed) await tx.workspace.bumpEpoch();
      return { user, changed };
    });
    if ('refused' in outcome) {
      // Refusals of a real, checked identity are the admins' business: audited.
      await this.store.audit.append({
        at,
        actorId: null,
        action: 'sso.refused',
        target: email ?? claims.sub,
        details: { issuer: claims.iss, reason: outcome.refused, detail: outcome.detail },
      });
      throw new SsoRefused(outcome.refused, outcome.detail);
    }
    if (outcome.changed) await this.deps.changed();
    return outcome.user;
  }

  private async provision(
    tx: IdentityStore,
    claims: SignInClaims,
    who: { email: string | null; verified: boolean; inviteHash: string | null; at: number },
  ): Promise<{ userId: string } | Refusal> {
    const { settings } = this.deps;
    const { email, at } = who;
    if (!email) return refusal('not_allowed', 'the provider sent no email for a new person');
    const invite = who.inviteHash ? await tx.invites.byTokenHash(who.inviteHash) : undefined;
    const inviteUsable =
      invite &&
      invite.revoked_at === null &&
      invite.expires_at > at &&
      invite.uses < invite.max_uses;
    const domain = email.slice(email.lastIndexOf('@') + 1);
    const byDomain =
      settings.provision === 'domains' && who.verified && settings.allowedDomains.includes(domain);
    if (!inviteUsable && !byDomain)
      return refusal(
        'not_allowed',
        who.inviteHash
          ? 'the invite has expired, was revoked or is used up'
          : settings.provision === 'domains'
            ? `${email} is not a verified address of an allowed domain`
            : 'new people join with an invite only',
      );
    const id = newId();
    const name =
      [claims.name, claims.preferred_username].find(
        (value): value is string => typeof value === 'string' && value.trim().length > 0,
      ) ?? email;
    await tx.people.insert({
      id,
      email,
      name: name.trim().slice(0, 200),
      // No password: a sign-in with one never matches (passwords.ts) until one is set.
      password_hash: '',
      role: inviteUsable ? invite.role : settings.defaultRole,
      created_at: at,
    });
    await tx.sso.link(claims.iss, claims.sub, id, at);
    if (inviteUsable) {
      const groups: string[] = [];
      for (const g of JSON.parse(invite.group_ids) as string[])
        if (await tx.groups.get(g)) groups.push(g);
      await tx.groups.setGroupsOf(id, groups);
      await tx.invites.use(invite.id);
    }
    await tx.audit.append({
      at,
      actorId: id,
      action: 'sso.provision',
      target: id,
      details: { issuer: claims.iss, email, via: inviteUsable ? 'invite' : 'domain' },
    });
    return { userId: id };
  }

  /**
   * Sets the person's membership of every mirrored group to what the provider says;
   * groups nobody mirrors are left as they are. True when something changed [SSO8].
   */
  private async mirrorGroups(
    tx: IdentityStore,
    userId: string,
    idpGroups: ReadonlySet<string>,
    at: number,
  ): Promise<boolean> {
    const links = await tx.sso.groupLinks();
    if (links.length === 0) return false;
    const current = new Set(await tx.groups.groupsOf(userId));
    const added: string[] = [];
    const removed: string[] = [];
    for (const link of links) {
      const wanted = idpGroups.has(link.idp_group);
      if (wanted && !current.has(link.group_id)) added.push(link.group_id);
      if (!wanted && current.has(link.group_id)) removed.push(link.group_id);
    }
    if (added.length === 0 && removed.length === 0) return false;
    const next = [...current].filter((g) => !removed.includes(g)).concat(added);
    await tx.groups.setGroupsOf(userId, next);
    await tx.audit.append({
      at,
      actorId: null,
      action: 'sso.groups',
      target: userId,
      details: { added, removed },
    });
    return true;
  }
}

type Refusal = { refused: SsoRefusal; detail: string };
const refusal = (refused: SsoRefusal, detail: string): Refusal => ({ refused, detail });

/** A groups claim as a set of names: a list of strings, or one string; else none. */
function groupsOf(claim: unknown): Set<string> {
  if (typeof claim === 'string') return new Set([claim]);
  if (Array.isArray(claim)) return new Set(claim.filter((g): g is string => typeof g === 'string'));
  return new Set();
}

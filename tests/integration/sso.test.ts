import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../sync-server/src/clock.js';
import { ConfigSchema } from '../../sync-server/src/config.js';
import { ssoSettings } from '../../sync-server/src/auth/sso/sso-settings.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { ApiClient } from '../support/api-client.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import {
  OTHER_CLIENT,
  RELAY_CLIENT,
  startOidcFront,
  type OidcFront,
} from '../support/oidc-provider.js';
import { SsoBrowser } from '../support/sso-browser.js';
import { createTestClient } from '../support/test-client.js';
import { OWNER, startTestRelay, type TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';

/** Where people open the app; the provider sends them back here (a proxy in front of the relay). */
const PUBLIC_URL = 'http://workspace.test';
const cleanup = cleanupAfterEach();
let front: OidcFront;
/** A relay started before the provider, to see it wait for discovery [SSO1]. */
let early: TestRelay;

/** The clock of the relays: real time, moved forward by a test that needs it. */
let shiftMs = 0;
const clock: Clock = {
  now: () => Date.now() + shiftMs,
  setTimeout: (fn, ms) => systemClock.setTimeout(fn, ms),
};

const env = (extra: Record<string, string> = {}) => ({
  OIDC_ISSUER: front.issuer,
  OIDC_CLIENT_ID: RELAY_CLIENT.id,
  OIDC_CLIENT_SECRET: RELAY_CLIENT.secret,
  PUBLIC_URL,
  OIDC_ALLOW_HTTP: 'true',
  OIDC_SCOPES: 'openid email profile groups',
  OIDC_PROVISION: 'domains',
  OIDC_ALLOWED_DOMAINS: 'acme.test',
  OIDC_LABEL: 'Acme ID',
  ...extra,
});

async function relay(extra: Record<string, string> = {}, wait = true): Promise<TestRelay> {
  const file = join(mkdtempSync(join(tmpdir(), 'sso-')), 'relay.sqlite');
  const r = await startTestRelay({
    persistence: new SqlitePersistence({ file }),
    sso: ssoSettings(ConfigSchema.parse(env(extra))),
    clock,
  });
  if (wait) await waitFor(() => r.sso?.ready, { what: 'discovery' });
  return r;
}

beforeAll(async () => {
  front = await startOidcFront();
  early = await relay({}, false);
  for (const [login, email, groups] of [
    ['ann', 'ann@acme.test', ['design']],
    ['bob', 'bob@acme.test', []],
    ['eve', 'eve@elsewhere.test', []],
  ] as const)
    front.accounts.set(login, {
      login,
      email,
      email_verified: true,
      name: login,
      groups: [...groups],
    });
  front.accounts.set('unverified', {
    login: 'unverified',
    email: 'unv@acme.test',
    email_verified: false,
  });
});
afterAll(async () => {
  await early?.stop();
  await front?.stop();
});

/** An API client with the browser's session cookie. */
function apiOf(r: TestRelay, browser: SsoBrowser): ApiClient {
  const session = browser.session;
  if (!session) throw new Error('the browser has no session');
  return new ApiClient(r.httpUrl).setCookie('ws_session', session);
}

const refusal = (location: string) => new URL(location).searchParams.get('sso_error');

describe('starting', () => {
  it('[SSO1] a relay started before its provider answers 503 for sign-ins, then works once discovery succeeds', async () => {
    const anon = new ApiClient(early.httpUrl);
    expect((await anon.call('GET', '/auth/sso')).body).toEqual({
      enabled: true,
      required: false,
      label: 'Acme ID',
      ready: false,
    });
    expect((await anon.call('GET', '/auth/sso/start')).status).toBe(503);
    // Passwords keep working meanwhile.
    expect(
      (await anon.call('POST', '/auth/login', { email: OWNER.email, password: OWNER.password }))
        .status,
    ).toBe(200);
    await front.start([`${PUBLIC_URL}/api/auth/sso/callback`]);
    await waitFor(() => early.sso?.ready, { what: 'discovery after the provider started' });
    const browser = new SsoBrowser();
    expect(await browser.signIn(early.httpUrl, 'bob', {}, PUBLIC_URL)).toBe(`${early.httpUrl}/`);
  });

  it('[SSO1] half a configuration, a bad mode or an admin default role refuse to start', () => {
    const parse = (e: Record<string, string>) => () => ssoSettings(ConfigSchema.parse(e));
    expect(ssoSettings(ConfigSchema.parse({}))).toBeNull();
    expect(parse({ OIDC_ISSUER: 'https://idp.test' })).toThrow(/OIDC_CLIENT_ID, PUBLIC_URL/);
    expect(parse({ ...env(), OIDC_MODE: 'always' })).toThrow(
      /OIDC_MODE must be one of allow, require/,
    );
    expect(parse({ ...env(), OIDC_DEFAULT_ROLE: 'admin' })).toThrow(/OIDC_DEFAULT_ROLE/);
    expect(parse({ ...env(), OIDC_ALLOWED_DOMAINS: '' })).toThrow(/needs OIDC_ALLOWED_DOMAINS/);
    expect(parse({ ...env(), OIDC_ALLOW_HTTP: 'false' })).toThrow(/https/);
  });
});

describe('signing in', () => {
  it('[SSO3] a person of an allowed domain joins, lands where they were going, and their session works on the sync socket', async () => {
    const r = await relay();
    cleanup.push(() => r.stop());
    const browser = new SsoBrowser();
    const { callback, authorization } = await browser.toCallback(
      r.httpUrl,
      'bob',
      { next: '/rooms/notes' },
      PUBLIC_URL,
    );
    const asked = new URL(authorization).searchParams;
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('code_challenge')).toBeTruthy();
    expect(asked.get('nonce')).toBeTruthy();
    expect(await browser.deliver(callback, r.httpUrl)).toBe(`${r.httpUrl}/rooms/notes`);
    expect(browser.cookies.has('ws_device')).toBe(true); // known-device proof, as with a password [ACCT2]
    const api = apiOf(r, browser);
    const me = await api.call<{ user: { id: string; email: string; role: string; name: string } }>(
      'GET',
      '/me',
    );
    expect(me.body.user).toMatchObject({ email: 'bob@acme.test', role: 'member', name: 'bob' });
    const token = await api.call<{ token: string }>('POST', '/auth/token');
    expect(token.status).toBe(200);
    r.openRoom('team-notes');
    const client = createTestClient(r.wsUrl, 'team-notes', { token: token.body.token });
    cleanup.push(() => client.destroy());
    await client.synced();
    const actions = (await r.identity.audit.page(50)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['sso.provision', 'sso.sign-in']));
    // The second sign-in finds the same person by subject.
    const again = new SsoBrowser();
    await again
      .signIn(r.httpUrl, 'bob', {}, PUBLIC_URL)
      .then((to) => expect(to).toBe(`${r.httpUrl}/`));
    const meAgain = await apiOf(r, again).call<{ user: { id: string } }>('GET', '/me');
    expect(meAgain.body.user.id).toBe(me.body.user.id);
  });

  it('[SSO7] other domains and unverified emails do not join; nobody is created', async () => {
    const r = await relay();
    cleanup.push(() => r.stop());
    const before = (await r.identity.people.all()).length;
    expect(refusal(await new SsoBrowser().signIn(r.httpUrl, 'eve', {}, PUBLIC_URL))).toBe(
      'not_allowed',
    );
    expect(refusal(await new SsoBrowser().signIn(r.httpUrl, 'unverified', {}, PUBLIC_URL))).toBe(
      'not_allowed',
    );
    expect(await r.identity.people.all()).toHaveLength(before);
    const refused = (await r.identity.audit.page(50)).filter((row) => row.action === 'sso.refused');
    expect(refused.map((row) => row.target).sort()).toEqual([
      'eve@elsewhere.test',
      'unv@acme.test',
    ]);
  });

  it('[SSO7] invites only: nobody joins without an invite; an invite followed by single sign-on is bound', async () => {
    const r = await relay({ OIDC_PROVISION: 'invites' });
    cleanup.push(() => r.stop());
    expect(refusal(await new SsoBrowser().signIn(r.httpUrl, 'eve', {}, PUBLIC_URL))).toBe(
      'not_allowed',
    );
    const owner = r.owner!;
    const group = await r.access.accounts.createGroup(owner, 'Guests of honour', []);
    const invite = await r.access.accounts.createInvite(owner, {
      role: 'guest',
      groups: [group.id],
      expiresInHours: 1,
      maxUses: 1,
    });
    const browser = new SsoBrowser();
    expect(await browser.signIn(r.httpUrl, 'eve', { invite: invite.token }, PUBLIC_URL)).toBe(
      `${r.httpUrl}/`,
    );
    const me = await apiOf(r, browser).call<{ user: { role: string; groups: string[] } }>(
      'GET',
      '/me',
    );
    expect(me.body.user).toMatchObject({ role: 'guest', groups: [group.id] });
    // Used up: the next stranger with the same link is refused.
    front.accounts.set('mallory', {
      login: 'mallory',
      email: 'm@elsewhere.test',
      email_verified: true,
    });
    expect(
      refusal(
        await new SsoBrowser().signIn(r.httpUrl, 'mallory', { invite: invite.token }, PUBLIC_URL),
      ),
    ).toBe('not_allowed');
  });

  it('[SSO6] an existing account is linked by a verified email only; then by subject, whatever its email becomes', async () => {
    const r = await relay({ OIDC_PROVISION: 'invites' });
    cleanup.push(() => r.stop());
    const owner = r.owner!;
    front.accounts.set('owner-unverified', {
      login: 'owner-unverified',
      email: OWNER.email,
      email_verified: false,
    });
    expect(
      refusal(await new SsoBrowser().signIn(r.httpUrl, 'owner-unverified', {}, PUBLIC_URL)),
    ).toBe('email_unverified');
    front.accounts.set('owner-idp', {
      login: 'owner-idp',
      email: OWNER.email,
      email_verified: true,
    });
    const browser = new SsoBrowser();
    await browser.signIn(r.httpUrl, 'owner-idp', {}, PUBLIC_URL);
    expect(
      (await apiOf(r, browser).call<{ user: { id: string } }>('GET', '/me')).body.user.id,
    ).toBe(owner.id);
    front.accounts.set('owner-idp', {
      login: 'owner-idp',
      email: 'renamed@acme.test',
      email_verified: true,
    });
    const later = new SsoBrowser();
    await later.signIn(r.httpUrl, 'owner-idp', {}, PUBLIC_URL);
    expect((await apiOf(r, later).call<{ user: { id: string } }>('GET', '/me')).body.user.id).toBe(
      owner.id,
    );
  });

  it('[SSO6] a deactivated person is refused', async () => {
    const r = await relay();
    cleanup.push(() => r.stop());
    const browser = new SsoBrowser();
    await browser.signIn(r.httpUrl, 'bob', {}, PUBLIC_URL);
    const bob = (await r.identity.people.byEmail('bob@acme.test'))!;
    await r.access.accounts.deactivate(r.owner, bob.id, undefined);
    expect(refusal(await new SsoBrowser().signIn(r.httpUrl, 'bob', {}, PUBLIC_URL))).toBe(
      'deactivated',
    );
  });

  it('[SSO8] mirrored groups follow the provider at each sign-in; hand-made groups are left alone', async () => {
    const r = await relay();
    cleanup.push(() => r.stop());
    const owner = r.owner!;
    const design = await r.access.accounts.createGroup(owner, 'Design', []);
    const handMade = await r.access.accounts.createGroup(owner, 'Lunch club', []);
    await r.identity.sso.setGroupLink(design.id, 'design');
    front.accounts.set('ann', {
      login: 'ann',
      email: 'ann@acme.test',
      email_verified: true,
      groups: ['design'],
    });
    await new SsoBrowser().signIn(r.httpUrl, 'ann', {}, PUBLIC_URL);
    const ann = (await r.identity.people.byEmail('ann@acme.test'))!;
    expect(await r.identity.groups.groupsOf(ann.id)).toEqual([design.id].sort());
    await r.access.accounts.updateGroup(owner, handMade.id, { members: [ann.id] });
    const epoch = await r.identity.workspace.epoch();
    front.accounts.set('ann', {
      login: 'ann',
      email: 'ann@acme.test',
      email_verified: true,
      groups: [],
    });
    await new SsoBrowser().signIn(r.httpUrl, 'ann', {}, PUBLIC_URL);
    expect(await r.identity.groups.groupsOf(ann.id)).toEqual([handMade.id]);
    expect(await r.identity.workspace.epoch()).toBeGreaterThan(epoch);
    const changes = (await r.identity.audit.page(50)).filter((row) => row.action === 'sso.groups');
    expect(changes.map((row) => JSON.parse(row.details) as unknown)).toEqual(
      expect.arrayContaining([
        { added: [design.id], removed: [] },
        { added: [], removed: [design.id] },
      ]),
    );
  });
});

describe('require mode', () => {
  it('[SSO2] passwords are refused but for the named admins; invites are taken through the provider', async () => {
    const r = await relay({
      OIDC_MODE: 'require',
      OIDC_PASSWORD_ADMINS: `${OWNER.email}, bob@acme.test`,
    });
    cleanup.push(() => r.stop());
    const anon = new ApiClient(r.httpUrl);
    expect((await anon.call('GET', '/auth/sso')).body).toMatchObject({
      enabled: true,
      required: true,
    });
    const owner = r.owner!;
    await r.access.accounts.createInvite(owner, {
      role: 'member',
      groups: [],
      expiresInHours: 1,
      maxUses: 1,
    });
    const invite = await r.access.accounts.createInvite(owner, {
      role: 'member',
      groups: [],
      expiresInHours: 1,
      maxUses: 1,
    });
    const accepted = await anon.call('POST', `/invites/${invite.token}/accept`, {
      name: 'Pat',
      email: 'pat@acme.test',
      password: 'a long password',
    });
    expect(accepted.status).toBe(403);
    // Bob is named, but not an admin: his password opens nothing.
    await new SsoBrowser().signIn(r.httpUrl, 'bob', {}, PUBLIC_URL);
    const bob = (await r.identity.people.byEmail('bob@acme.test'))!;
    await r.access.accounts.setPassword(bob.id, 'bobs long password', null);
    const bobLogin = await anon.call('POST', '/auth/login', {
      email: 'bob@acme.test',
      password: 'bobs long password',
    });
    expect(bobLogin.status).toBe(403);
    const pat = await anon.call('POST', '/auth/login', {
      email: 'pat@acme.test',
      password: 'whatever it is',
    });
    expect(pat.status).toBe(403);
    const breakGlass = await anon.call('POST', '/auth/login', {
      email: OWNER.email,
      password: OWNER.password,
    });
    expect(breakGlass.status).toBe(200);
  });
});

describe('attacks', () => {
  let r: TestRelay;
  beforeAll(async () => {
    r = await relay();
  });
  afterAll(() => r?.stop());
  const noSessionFor = (browser: SsoBrowser) => expect(browser.session).toBeUndefined();

  it('[SSO4] an ID token whose payload was altered (bad signature) is refused', async () => {
    front.accounts.set('bob-no-email', { login: 'bob-no-email' });
    const browser = new SsoBrowser();
    const { callback } = await browser.toCallback(r.httpUrl, 'bob-no-email', {}, PUBLIC_URL);
    front.tamper = (body) => {
      const [header, payload, signature] = String(body.id_token).split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      // Bob claims the owner's verified email: he would be linked to the owner's account.
      const forged = Buffer.from(
        JSON.stringify({ ...claims, email: OWNER.email, email_verified: true }),
      ).toString('base64url');
      return { ...body, id_token: `${header}.${forged}.${signature}` };
    };
    try {
      expect(refusal(await browser.deliver(callback, r.httpUrl))).toBe('invalid');
    } finally {
      front.tamper = null;
    }
    noSessionFor(browser);
  });

  it('[SSO4] a genuine ID token issued to another application (wrong audience) is refused', async () => {
    const browser = new SsoBrowser();
    const { callback, authorization } = await browser.toCallback(r.httpUrl, 'bob', {}, PUBLIC_URL);
    // The same person at the same provider, for another app, with the relay's own nonce.
    const foreign = await otherAppIdToken(
      browser,
      new URL(authorization).searchParams.get('nonce')!,
    );
    front.tamper = (body) => ({ ...body, id_token: foreign });
    try {
      expect(refusal(await browser.deliver(callback, r.httpUrl))).toBe('invalid');
    } finally {
      front.tamper = null;
    }
    noSessionFor(browser);
  });

  it('[SSO5] a callback delivered twice signs in once; the replay is refused', async () => {
    const browser = new SsoBrowser();
    const { callback } = await browser.toCallback(r.httpUrl, 'bob', {}, PUBLIC_URL);
    const ws_sso = browser.cookies.get('ws_sso')!;
    expect(await browser.deliver(callback, r.httpUrl)).toBe(`${r.httpUrl}/`);
    const replay = new SsoBrowser();
    replay.cookies.set('ws_sso', ws_sso);
    expect(refusal(await replay.deliver(callback, r.httpUrl))).toBe('expired');
    noSessionFor(replay);
  });

  it('[SSO5] a callback opened in another browser is refused, and used up', async () => {
    const victim = new SsoBrowser();
    const { callback } = await new SsoBrowser().toCallback(r.httpUrl, 'bob', {}, PUBLIC_URL);
    expect(refusal(await victim.deliver(callback, r.httpUrl))).toBe('mismatch');
    noSessionFor(victim);
  });

  it('[SSO5] a sign-in that comes back after its ten minutes is refused', async () => {
    const browser = new SsoBrowser();
    const { callback } = await browser.toCallback(r.httpUrl, 'bob', {}, PUBLIC_URL);
    shiftMs = 11 * 60_000;
    try {
      expect(refusal(await browser.deliver(callback, r.httpUrl))).toBe('expired');
    } finally {
      shiftMs = 0;
    }
    noSessionFor(browser);
  });

  it('[SSO4] a code issued for another sign-in (no matching PKCE verifier) is refused', async () => {
    const browser = new SsoBrowser();
    const own = await browser.toCallback(r.httpUrl, 'bob', {}, PUBLIC_URL);
    // The attacker's code, injected into the victim's callback with the victim's state.
    const attacker = await new SsoBrowser().toCallback(r.httpUrl, 'eve', {}, PUBLIC_URL);
    const injected = new URL(own.callback);
    injected.searchParams.set('code', new URL(attacker.callback).searchParams.get('code')!);
    expect(refusal(await browser.deliver(injected.href, r.httpUrl))).toBe('invalid');
    noSessionFor(browser);
  });

  it('[SSO5] a return path to another site is replaced by the app itself', async () => {
    const browser = new SsoBrowser();
    expect(await browser.signIn(r.httpUrl, 'bob', { next: '//evil.test/x' }, PUBLIC_URL)).toBe(
      `${r.httpUrl}/`,
    );
  });
});

/** Runs the code flow for OTHER_CLIENT by hand in `browser` and returns its ID token. */
async function otherAppIdToken(browser: SsoBrowser, nonce: string): Promise<string> {
  const verifier = 'v'.repeat(64);
  const { createHash } = await import('node:crypto');
  const authorize = new URL('/auth', front.issuer);
  authorize.search = new URLSearchParams({
    client_id: OTHER_CLIENT.id,
    redirect_uri: OTHER_CLIENT.redirect,
    response_type: 'code',
    scope: 'openid email',
    state: 'other-state',
    nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const back = await browser.follow(authorize.href, (url) => url.startsWith(OTHER_CLIENT.redirect));
  const code = new URL(back.url).searchParams.get('code');
  if (!code) throw new Error(`the provider gave the other app no code (${back.url})`);
  const response = await fetch(new URL('/token', front.issuer), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${OTHER_CLIENT.id}:${OTHER_CLIENT.secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: OTHER_CLIENT.redirect,
      code_verifier: verifier,
    }).toString(),
  });
  const body = (await response.json()) as { id_token?: string };
  if (!body.id_token) throw new Error(`no id_token for the other app: ${JSON.stringify(body)}`);
  return body.id_token;
}

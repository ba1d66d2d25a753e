import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresIdentityStore } from '../../sync-server/src/auth/identity/postgres/postgres-identity-store.js';
import { adminOnDatabase } from '../support/admin-cli.js';
import { ApiClient } from '../support/api-client.js';
import { RELAY_CLIENT, startOidcFront, type OidcFront } from '../support/oidc-provider.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { startScaledRelayProcess, type ScaledRelayProcess } from '../support/relay-process.js';
import { SsoBrowser } from '../support/sso-browser.js';
import { createTestClient } from '../support/test-client.js';
import { waitFor } from '../support/wait-for.js';
import { seedDatabase, type SeededDatabase } from '../support/workspace-seed.js';

/**
 * Single sign-on in the scaled mode: two relay processes (main.ts, configured by
 * environment) on one PostgreSQL and one Redis, behind a public address; a sign-in
 * started on one relay is finished on the other [SSO5].
 */
const PUBLIC_URL = 'http://workspace.test';
let pg: PostgresServer;
let redis: RedisServer;
let front: OidcFront;
let seeded: SeededDatabase;
let store: PostgresIdentityStore;
const relays: ScaledRelayProcess[] = [];
let databaseUrl: string;

beforeAll(async () => {
  [pg, redis, front] = await Promise.all([startPostgres(), startRedisServer(), startOidcFront()]);
  databaseUrl = await pg.createDatabase();
  seeded = await seedDatabase(databaseUrl);
  store = await PostgresIdentityStore.open({ connectionString: databaseUrl });
  const filesDir = mkdtempSync(join(tmpdir(), 'sso-scaled-'));
  const env = {
    OIDC_ISSUER: front.issuer,
    OIDC_CLIENT_ID: RELAY_CLIENT.id,
    OIDC_CLIENT_SECRET: RELAY_CLIENT.secret,
    PUBLIC_URL,
    OIDC_ALLOW_HTTP: 'true',
    OIDC_SCOPES: 'openid email profile groups',
    OIDC_PROVISION: 'domains',
    OIDC_ALLOWED_DOMAINS: 'acme.test',
  };
  for (let i = 0; i < 2; i++)
    relays.push(await startScaledRelayProcess({ databaseUrl, redisUrl: redis.url, filesDir, env }));
  front.accounts.set('kim', {
    login: 'kim',
    email: 'kim@acme.test',
    email_verified: true,
    name: 'Kim',
    groups: ['ops'],
  });
  await front.start([`${PUBLIC_URL}/api/auth/sso/callback`]);
  for (const relay of relays)
    await waitFor(
      async () =>
        (await new ApiClient(relay.httpUrl).call<{ ready: boolean }>('GET', '/auth/sso')).body
          .ready,
      { what: 'discovery on every relay' },
    );
}, 120_000);

afterAll(async () => {
  for (const relay of relays) await relay.stop();
  await store?.close();
  await seeded?.close();
  await front?.stop();
  await redis?.stop();
  await pg?.stop();
});

describe('single sign-on across relays (PostgreSQL + Redis)', () => {
  it('[SSO5] a sign-in started on one relay finishes on another, once; the session works on the first relay’s socket', async () => {
    const [one, two] = relays as [ScaledRelayProcess, ScaledRelayProcess];
    // A mirrored group, made on the shared database: the relay that finishes applies it [SSO8].
    const ops = 'ops-group';
    await store.groups.insert(ops, 'Ops', Date.now());
    const { stdout } = await adminOnDatabase(databaseUrl, 'sso-group', 'ops', 'ops');
    expect(stdout).toContain('Ops now mirrors the provider group "ops"');
    const browser = new SsoBrowser();
    const { callback } = await browser.toCallback(one.httpUrl, 'kim', {}, PUBLIC_URL);
    expect(await browser.deliver(callback, two.httpUrl)).toBe(`${two.httpUrl}/`);
    // The same callback replayed at the first relay finds nothing: it was taken.
    const replay = new SsoBrowser();
    replay.cookies.set('ws_sso', 'whatever');
    expect(new URL(await replay.deliver(callback, one.httpUrl)).searchParams.get('sso_error')).toBe(
      'expired',
    );
    const api = new ApiClient(one.httpUrl).setCookie('ws_session', browser.session!);
    const me = await api.call<{ user: { id: string; email: string; groups: string[] } }>(
      'GET',
      '/me',
    );
    expect(me.body.user).toMatchObject({ email: 'kim@acme.test', groups: [ops] });
    const token = await api.call<{ token: string }>('POST', '/auth/token');
    await seeded.openRoom('ops-notes');
    const client = createTestClient(one.wsUrl, 'ops-notes', { token: token.body.token });
    try {
      await client.synced();
    } finally {
      client.destroy();
    }
  });
});

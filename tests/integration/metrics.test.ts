import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { ApiClient } from '../support/api-client.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { openMuxSocket } from '../support/mux-socket.js';
import { metricValue, scrapeMetrics, type Sample } from '../support/prometheus-text.js';
import { openRawSocket } from '../support/raw-socket.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { waitFor } from '../support/wait-for.js';
import { SEED_OWNER } from '../support/workspace-seed.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
const cleanup = cleanupAfterEach();

let relay: RelayProcess;
/** Every line the relay wrote to stderr since it listened. */
let stderr = '';

beforeAll(async () => {
  relay = await startRelayProcess({ COMPACT_ENTRIES: '5', METRICS_TOKEN, LOG_LEVEL: 'debug' });
  relay.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
});
afterAll(async () => {
  await relay.stop();
});

const scrape = () => scrapeMetrics(relay.httpUrl, METRICS_TOKEN);

/** The log lines written so far, each parsed; a line that is not JSON fails the test. */
function logLines(): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('/metrics of a relay process', () => {
  it('[METRIC1][METRIC2][METRIC3] clients syncing, confirms and compaction move the metrics; no room name in a label', async () => {
    const before = await scrape();
    expect(metricValue(before, 'relay_build_info')).toBe(1);
    expect(before.some((s) => s.name === 'process_cpu_seconds_total')).toBe(true);
    expect(before.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);

    const room = 'metrics-room-7f3a';
    const a = relay.client(room, { confirm: true });
    const b = relay.client(room);
    cleanup.push(
      () => a.destroy(),
      () => b.destroy(),
    );
    const mux = await openMuxSocket(`${relay.wsUrl}?v=2&token=${relay.token}`);
    cleanup.push(() => mux.close());
    const onMux = mux.sync(room);
    await Promise.all([a.synced(), b.synced(), onMux.synced()]);
    for (let i = 0; i < 12; i++) a.doc.getText('t').insert(0, 'x');
    await a.allConfirmed();
    await waitFor(() => b.doc.getText('t').length === 12, { what: 'the edits at client b' });

    const after = await waitFor(
      async () => {
        const now = await scrape();
        return metricValue(now, 'relay_compaction_seconds_count') >= 1 ? now : null;
      },
      { what: 'a compaction (COMPACT_ENTRIES=5, 12 updates)' },
    );
    const moved = (name: string, labels: Record<string, string> = {}) =>
      metricValue(after, name, labels) - metricValue(before, name, labels);
    expect(metricValue(after, 'relay_connections', { protocol: 'v1' })).toBe(2);
    expect(metricValue(after, 'relay_connections', { protocol: 'v2' })).toBe(1);
    expect(metricValue(after, 'relay_subscriptions')).toBe(3);
    expect(metricValue(after, 'relay_rooms_loaded')).toBe(1);
    const inSync = { direction: 'in', protocol: 'v1', kind: 'sync' };
    expect(moved('relay_frames_total', inSync)).toBeGreaterThanOrEqual(12);
    expect(moved('relay_bytes_total', inSync)).toBeGreaterThan(moved('relay_frames_total', inSync));
    expect(moved('relay_frames_total', { direction: 'out', kind: 'confirm' })).toBeGreaterThan(0);
    expect(
      moved('relay_frames_total', { direction: 'out', protocol: 'v2', kind: 'sync' }),
    ).toBeGreaterThan(0);
    expect(moved('relay_frames_total', { direction: 'in', protocol: 'v2', kind: 'control' })).toBe(
      1,
    );
    expect(moved('relay_group_commit_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(moved('relay_group_commit_seconds_sum')).toBeGreaterThan(0);
    expect(moved('relay_compaction_seconds_count')).toBeGreaterThanOrEqual(1);
    // Two version 1 upgrades and one version 2, each answered 101.
    expect(moved('relay_http_requests_total', { route: '/sync/*', status: '1xx' })).toBe(3);
    const labelValues = after.flatMap((s: Sample) => Object.values(s.labels));
    expect(labelValues.filter((v) => v.includes(room) || v.includes(relay.token))).toEqual([]);

    a.destroy();
    b.destroy();
    mux.close();
    await waitFor(async () => metricValue(await scrape(), 'relay_connections') === 0, {
      what: 'the connection gauges back to 0',
    });
  });

  it('[METRIC4] a bad frame, a refused upgrade and a bad subscription count as closes and refusals', async () => {
    const before = await scrape();
    relay.openRoom('metrics-bad-frame');
    const raw = await openRawSocket(`${relay.wsUrl}/metrics-bad-frame?token=${relay.token}`);
    raw.send(new Uint8Array([0, 9])); // sync message 9 with no payload
    expect((await raw.closed).code).toBe(CloseCode.malformedFrame);
    await expect(openRawSocket(`${relay.wsUrl}/metrics-bad-frame`)).rejects.toThrow(
      'upgrade refused',
    );
    const mux = await openMuxSocket(`${relay.wsUrl}?v=2&token=${relay.token}`);
    cleanup.push(() => mux.close());
    mux.send({ kind: 'subscribe', room: 'no/such room' });
    await mux.next('closed');

    const after = await waitFor(async () => {
      const now = await scrape();
      return metricValue(now, 'relay_closes_total', { code: '4404' }) >
        metricValue(before, 'relay_closes_total', { code: '4404' })
        ? now
        : null;
    });
    const moved = (name: string, labels: Record<string, string>) =>
      metricValue(after, name, labels) - metricValue(before, name, labels);
    expect(moved('relay_closes_total', { code: '4400', protocol: 'v1' })).toBe(1);
    expect(moved('relay_closes_total', { code: '4404', protocol: 'v2' })).toBe(1);
    expect(moved('relay_refusals_total', { reason: 'bad_frame' })).toBe(1);
    expect(moved('relay_refusals_total', { reason: 'unauthenticated' })).toBe(1);
    expect(moved('relay_refusals_total', { reason: 'bad_room_name' })).toBe(1);
  });

  it('[METRIC6] with METRICS_TOKEN, /metrics answers 401 without the exact bearer token', async () => {
    const get = (authorization?: string) =>
      fetch(`${relay.httpUrl}/metrics`, { headers: authorization ? { authorization } : {} });
    const none = await get();
    expect(none.status).toBe(401);
    expect(await none.text()).not.toContain('relay_');
    expect((await get(`Bearer ${METRICS_TOKEN}x`)).status).toBe(401);
    expect((await get(`Bearer ${METRICS_TOKEN.slice(0, -1)}`)).status).toBe(401);
    expect((await get(`Basic ${METRICS_TOKEN}`)).status).toBe(401);
    const right = await get(`Bearer ${METRICS_TOKEN}`);
    expect(right.status).toBe(200);
    expect(right.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    expect(await right.text()).toContain('relay_build_info');
  });
});

describe('logs of a relay process', () => {
  it('[METRIC5][METRIC7] a failed sign-in is counted, and its access line is JSON with the id the response carries', async () => {
    const before = await scrape();
    const person = new ApiClient(relay.httpUrl);
    const wrong = await person.call(
      'POST',
      '/auth/login',
      { email: SEED_OWNER.email, password: 'not-the-password' },
      { 'x-request-id': 'proxy-id-42' },
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('x-request-id')).toBe('proxy-id-42');
    // An id that could forge a log line or grow without bound is replaced.
    const unsafe = await person.call('GET', '/setup', undefined, {
      'x-request-id': 'a"b} {"level":"fatal',
    });
    const given = unsafe.headers.get('x-request-id') ?? '';
    expect(given).toMatch(/^[0-9a-f-]{36}$/);

    const after = await scrape();
    expect(
      metricValue(after, 'relay_signin_failures_total', { reason: 'bad_credentials' }) -
        metricValue(before, 'relay_signin_failures_total', { reason: 'bad_credentials' }),
    ).toBe(1);
    const lines = await waitFor(() => {
      const all = logLines();
      return all.some((l) => l.requestId === given) ? all : null;
    });
    expect(lines.find((l) => l.requestId === 'proxy-id-42')).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'POST',
      route: '/api/auth/login',
      status: 401,
    });
    expect(lines.find((l) => l.requestId === given)).toMatchObject({ route: '/api/setup' });
    // Socket lines carry the connection id (the first test's sockets, at LOG_LEVEL=debug).
    const opened = lines.filter((l) => l.msg === 'socket opened');
    expect(opened.length).toBeGreaterThan(0);
    for (const line of opened) expect(typeof line.connection).toBe('number');
  });

  it('[METRIC8] no password, token, cookie, invite token or query string reaches the log', async () => {
    const person = new ApiClient(relay.httpUrl);
    const signedIn = await person.call('POST', '/auth/login', {
      email: SEED_OWNER.email,
      password: SEED_OWNER.password,
    });
    expect(signedIn.status).toBe(200);
    const cookie = person.sessionCookie?.split('=')[1] ?? '';
    expect(cookie.length).toBeGreaterThan(10);
    await person.call('POST', '/auth/login', {
      email: SEED_OWNER.email,
      password: 'another-wrong-password',
    });
    await person.call('GET', '/invites/invite-secret-abcdef');
    const client = relay.client('metrics-secrets');
    cleanup.push(() => client.destroy());
    await client.synced();
    const mark = `mark-${Date.now()}`;
    await person.call('GET', '/setup', undefined, { 'x-request-id': mark });
    await waitFor(() => stderr.includes(mark), { what: 'the last access line' });

    for (const secret of [
      SEED_OWNER.password,
      'another-wrong-password',
      cookie,
      relay.token,
      'invite-secret-abcdef',
      '?token=',
    ])
      expect(stderr).not.toContain(secret);
    expect(logLines().find((l) => l.route === '/api/invites/:token')).toBeDefined();
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, describe, expect, it } from 'vitest';
import { CalendarFeedList, CreatedCalendarFeed } from '../../shared/api/calendar-feeds.js';
import { CreatedInvite, DirectoryRoom, Me } from '../../shared/api/schemas.js';
import { importIcs } from '../../shared/calendar/ics-import.js';
import { createEvent, editEvent } from '../../shared/calendar/write-events.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { ApiClient } from '../support/api-client.js';
import { startScaledPair } from '../support/scaled-pair.js';
import { createTestClient } from '../support/test-client.js';
import { startTestRelay } from '../support/test-relay.js';
import { signInOwner } from '../support/workspace-people.js';

/**
 * Subscription URLs through real relays, in both modes: one embedded relay, and two
 * scaled relays on one PostgreSQL and Redis, where the URL is made through one relay,
 * the events are written through the other, and the file is read through either.
 */
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

let joined = 0;
async function join_(url: string, admin: ApiClient, role: 'member' | 'guest', name: string) {
  const invite = await admin.ok(CreatedInvite, 'POST', '/invites', { role, groups: [] });
  const api = new ApiClient(url);
  const email = `${name.toLowerCase()}${++joined}@ics.test`;
  const me = await api.ok(Me, 'POST', `/invites/${invite.token}/accept`, {
    name,
    email,
    password: 'a long enough password',
  });
  return { id: me.user.id, email, api };
}

/** GET of a feed URL, through `via` (another relay of the same workspace) when given. */
async function feed(url: string, via?: string, headers: Record<string, string> = {}) {
  const target = via ? url.replace(/^https?:\/\/[^/]+/, via) : url;
  const response = await fetch(target, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const SERIES = {
  id: 'standup',
  title: 'Stand-up',
  time: {
    kind: 'timed' as const,
    start: '2030-03-25T09:30',
    end: '2030-03-25T09:45',
    timeZone: 'Europe/Berlin',
  },
  rrule: 'FREQ=WEEKLY;COUNT=10;BYDAY=MO,WE',
  exdates: ['2030-04-01T09:30'],
  location: 'Room 4',
};
const OFFSITE = {
  id: 'offsite',
  title: 'Offsite',
  time: { kind: 'allDay' as const, start: '2030-05-06', end: '2030-05-08' },
};

async function scenario(admin: ApiClient, wsToken: string, [one, two]: [string, string]) {
  const ann = await join_(two, admin, 'member', 'Ann');
  const gus = await join_(one, admin, 'guest', 'Gus');
  const calendarId = `cal-${randomBytes(4).toString('hex')}`;
  const readable = { workspace: 'read', groups: [], users: [] };
  await admin.ok(DirectoryRoom, 'POST', '/rooms', {
    id: calendarId,
    kind: 'calendar',
    title: 'Team days',
    access: readable,
  });
  const writer = createTestClient(`${one.replace(/^http/, 'ws')}/sync`, calendarId, {
    token: wsToken,
    confirm: true,
  });
  cleanup.push(() => Promise.resolve(writer.destroy()));
  await writer.synced();
  const ctx = { by: 'owner', now: Date.UTC(2030, 0, 1) };
  createEvent(
    writer.doc,
    { ...SERIES, organizer: ann.id, attendees: [{ kind: 'person', id: ann.id }] },
    ctx,
  );
  createEvent(writer.doc, { ...OFFSITE, organizer: ann.id }, ctx);
  await writer.allConfirmed();

  // [CAL60] someone who cannot read the calendar cannot make or list URLs for it.
  const path = `/calendar/${calendarId}/subscription`;
  expect((await gus.api.call('POST', path)).status).toBe(404);
  expect((await gus.api.call('GET', path)).status).toBe(404);
  expect((await ann.api.call('POST', '/calendar/no-such-room/subscription')).status).toBe(404);

  const created = await ann.api.ok(CreatedCalendarFeed, 'POST', path);
  expect(created.url).toMatch(new RegExp(`^${two}/ics/[A-Za-z0-9_-]{43}\\.ics$`));
  expect(created.webcalUrl).toBe(created.url.replace(/^http:/, 'webcal:'));

  // [CAL61] served through the other relay, parsed by ical.js and read back by import.
  const first = await feed(created.url, one);
  expect(first.status).toBe(200);
  expect(first.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  expect(first.headers.get('cache-control')).toContain('private');
  const etag = first.headers.get('etag');
  expect(etag).toMatch(/^".+"$/);
  const calendar = new ICAL.Component(ICAL.parse(first.text) as unknown[]);
  expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Team days');
  // [CAL63] nobody named by email.
  expect(first.text).not.toMatch(/mailto:|@ics\.test/i);
  const read = importIcs(first.text, {
    personByEmail: () => undefined,
    importer: 'me',
    fallbackZone: 'UTC',
  });
  expect(read.errors).toEqual([]);
  expect(read.events.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
    { ...OFFSITE, organizer: 'me' },
    { ...SERIES, organizer: 'me' },
  ]);
  expect((await feed(created.url, two, { 'if-none-match': etag! })).status).toBe(304);

  // A write through one relay is in the next fetch through the other.
  editEvent(writer.doc, 'offsite', { title: 'Offsite in Lisbon' }, ctx);
  await writer.allConfirmed();
  const changed = await feed(created.url, two, { 'if-none-match': etag! });
  expect(changed.status).toBe(200);
  expect(changed.headers.get('etag')).not.toBe(etag);
  expect(changed.text).toContain('SUMMARY:Offsite in Lisbon');
  const listed = await ann.api.ok(CalendarFeedList, 'GET', path);
  expect(listed.map((f) => [f.id, f.createdAt, typeof f.lastUsedAt])).toEqual([
    [created.id, created.createdAt, 'number'],
  ]);

  // [CAL62] every refusal is the answer an unknown token gets.
  const unknown = await feed(`${one}/ics/${randomBytes(32).toString('base64url')}.ics`);
  expect(unknown.status).toBe(404);
  const sameAsUnknown = async () => {
    const answer = await feed(created.url, one);
    expect([answer.status, answer.text, answer.headers.get('etag')]).toEqual([
      unknown.status,
      unknown.text,
      null,
    ]);
  };
  await admin.ok(DirectoryRoom, 'PATCH', `/rooms/${calendarId}`, { trashed: true });
  await sameAsUnknown();
  await admin.ok(DirectoryRoom, 'PATCH', `/rooms/${calendarId}`, { trashed: false });
  const noAccess = { workspace: 'none', groups: [], users: [] };
  expect((await admin.call('PUT', `/rooms/${calendarId}/access`, noAccess)).status).toBe(200);
  await sameAsUnknown();
  expect((await admin.call('PUT', `/rooms/${calendarId}/access`, readable)).status).toBe(200);
  expect((await feed(created.url, two)).status).toBe(200);
  expect((await admin.call('POST', `/users/${ann.id}/deactivate`, {})).status).toBe(200);
  await sameAsUnknown();
  expect((await admin.call('POST', `/users/${ann.id}/reactivate`)).status).toBe(200);
  expect((await feed(created.url, one)).status).toBe(200);

  // Only its creator revokes it; then it is gone for good.
  expect((await admin.call('DELETE', `${path}/${created.id}`)).status).toBe(404);
  const annAgain = new ApiClient(two);
  await annAgain.ok(Me, 'POST', '/auth/login', {
    email: ann.email,
    password: 'a long enough password',
  });
  expect((await annAgain.call('DELETE', `${path}/${created.id}`)).status).toBe(200);
  await sameAsUnknown();
  expect(await annAgain.ok(CalendarFeedList, 'GET', path)).toEqual([]);
}

describe('[CAL60] calendar subscription URLs through the relay', () => {
  it('[CAL61] [CAL62] [CAL63] [CAL64] embedded: serve, follow changes, stop when revoked or access is lost; rate limited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cal-ics-'));
    const relay = await startTestRelay({
      persistence: new SqlitePersistence({ file: join(dir, 'relay.sqlite') }),
    });
    cleanup.push(() => relay.stop());
    const owner = await signInOwner(relay);
    await scenario(owner.api, await owner.api.token(), [relay.httpUrl, relay.httpUrl]);

    // [CAL64] one token's bucket runs dry (known or not); the answer says when to retry.
    const url = `${relay.httpUrl}/ics/${randomBytes(32).toString('base64url')}.ics`;
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await feed(url)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(404));
    const limited = await fetch(url);
    expect([statuses[30], limited.status]).toEqual([429, 429]);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('[CAL61] [CAL62] scaled: the same through two relays on one PostgreSQL and Redis', async () => {
    const { admin, urls, token } = await startScaledPair(cleanup, 'cal-ics-scaled-');
    await scenario(admin, token, urls);
  }, 120_000);
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AvailabilityAnswer,
  AvailabilitySettings,
  BusyResult,
} from '../../shared/api/calendar-availability.js';
import { CreatedInvite, Me } from '../../shared/api/schemas.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { ApiClient } from '../support/api-client.js';
import { startScaledPair } from '../support/scaled-pair.js';
import { startTestRelay } from '../support/test-relay.js';
import { signInOwner } from '../support/workspace-people.js';

/**
 * Availability through real relays, in both modes: one embedded relay, and two scaled
 * relays on one PostgreSQL and Redis, where what is published through one relay is
 * read through the other.
 */
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

let joined = 0;
async function join_(url: string, admin: ApiClient, role: 'member' | 'guest', name: string) {
  const invite = await admin.ok(CreatedInvite, 'POST', '/invites', { role, groups: [] });
  const api = new ApiClient(url);
  const me = await api.ok(Me, 'POST', `/invites/${invite.token}/accept`, {
    name,
    email: `${name.toLowerCase()}${++joined}@avail.test`,
    password: 'a long enough password',
  });
  return { id: me.user.id, api };
}

const H = 3_600_000;
const T0 = Date.UTC(2030, 0, 7); // a Monday
const WEEKDAYS = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

async function scenario(admin: ApiClient, [one, two]: [string, string]) {
  const ann = await join_(one, admin, 'member', 'Ann');
  const bob = await join_(two, admin, 'member', 'Bob');
  const gus = await join_(one, admin, 'guest', 'Gus');
  const ask = (api: ApiClient, people: string[], from = T0, to = T0 + 7 * 24 * H) =>
    api.call<unknown>(
      'GET',
      `/calendar/availability?people=${people.join(',')}&from=${from}&to=${to}`,
    );

  // [CAL51] Published through one relay, overlapping intervals merged, read through the other.
  const published = await ann.api.ok(BusyResult, 'PUT', '/calendar/busy', {
    timeZone: 'Europe/Berlin',
    busy: [
      { start: T0 + 10 * H, end: T0 + 11 * H },
      { start: T0 + 10.5 * H, end: T0 + 12 * H },
      { start: T0 + 30 * H, end: T0 + 31 * H },
    ],
  });
  expect(published).toEqual({ stored: true, intervals: 2 });
  await bob.api.ok(AvailabilitySettings, 'PUT', '/calendar/settings', {
    timeZone: 'America/New_York',
    workingHours: WEEKDAYS,
    hidden: false,
  });
  const first = await ask(bob.api, [ann.id, bob.id, 'nobody'], T0, T0 + 24 * H);
  expect(first.status).toBe(200);
  const answer = AvailabilityAnswer.parse(first.body);
  expect(answer.people).toEqual([
    {
      person: ann.id,
      state: 'shared',
      timeZone: 'Europe/Berlin',
      workingHours: null,
      // [CAL54] clipped to the question: the second day's interval is left out.
      busy: [{ start: T0 + 10 * H, end: T0 + 12 * H }],
      publishedAt: expect.any(Number) as number,
    },
    {
      person: bob.id,
      state: 'shared',
      timeZone: 'America/New_York',
      workingHours: WEEKDAYS,
      busy: [],
      publishedAt: null,
    },
    { person: 'nobody', state: 'unknown' },
  ]);
  // [CAL54] Start, end and state only: never a title or anything else about an event.
  const keys = new Set(
    JSON.stringify(first.body)
      .match(/"(\w+)":/g)!
      .map((k) => k.slice(1, -2)),
  );
  expect([...keys].sort()).toEqual(
    [
      'busy',
      'days',
      'end',
      'people',
      'person',
      'publishedAt',
      'start',
      'state',
      'timeZone',
      'workingHours',
    ].sort(),
  );

  // [CAL51] Bad input is refused with a clear error and what was stored stays.
  const refusals: Array<[unknown, RegExp]> = [
    [{ timeZone: 'UTC', busy: [{ start: T0 + 2 * H, end: T0 + H }] }, /ends before it starts/],
    [
      { timeZone: 'UTC', busy: Array.from({ length: 1001 }, (_, i) => ({ start: i, end: i + 1 })) },
      /at most 1000 busy intervals/,
    ],
    [{ timeZone: 'UTC', busy: [{ start: T0, end: T0 + H, title: 'Board' }] }, /title/],
    [{ timeZone: 'Mars/Olympus', busy: [] }, /unknown time zone/],
  ];
  for (const [body, message] of refusals) {
    const refused = await ann.api.call<{ message: string }>('PUT', '/calendar/busy', body);
    expect(refused.status, JSON.stringify(refused.body).slice(0, 200)).toBe(400);
    expect(refused.body.message).toMatch(message);
  }
  const badQuery = await ask(bob.api, [ann.id], T0 + H, T0);
  expect(badQuery.status).toBe(400);
  expect((badQuery.body as { message: string }).message).toMatch(/to must be after from/);
  const unchanged = AvailabilityAnswer.parse((await ask(bob.api, [ann.id])).body);
  expect(unchanged.people[0]).toMatchObject({
    busy: [
      { start: T0 + 10 * H, end: T0 + 12 * H },
      { start: T0 + 30 * H, end: T0 + 31 * H },
    ],
  });

  // [CAL53] A guest cannot ask, not even about someone who can see the guest.
  const guest = await ask(gus.api, [ann.id]);
  expect(guest.status).toBe(403);
  expect(JSON.stringify(guest.body)).not.toContain('busy');
  const outsider = await new ApiClient(two).call(
    'GET',
    `/calendar/availability?people=${ann.id}&from=${T0}&to=${T0 + H}`,
  );
  expect(outsider.status).toBe(401);

  // [CAL52] Hiding drops what was published; a later publication stores nothing.
  await ann.api.ok(AvailabilitySettings, 'PUT', '/calendar/settings', {
    timeZone: 'Europe/Berlin',
    workingHours: WEEKDAYS,
    hidden: true,
  });
  expect(
    await ann.api.ok(BusyResult, 'PUT', '/calendar/busy', {
      timeZone: 'Europe/Berlin',
      busy: [{ start: T0, end: T0 + H }],
    }),
  ).toEqual({ stored: false, intervals: 0 });
  const hidden = AvailabilityAnswer.parse((await ask(bob.api, [ann.id])).body);
  expect(hidden.people).toEqual([
    { person: ann.id, state: 'hidden', timeZone: 'Europe/Berlin', workingHours: WEEKDAYS },
  ]);
  expect(JSON.stringify(hidden)).not.toContain(String(T0 + 10 * H));

  // [CAL55] A deactivated person's availability is gone with them.
  expect((await admin.call('POST', `/users/${bob.id}/deactivate`, {})).status).toBe(200);
  const gone = AvailabilityAnswer.parse((await ask(ann.api, [bob.id])).body);
  expect(gone.people).toEqual([{ person: bob.id, state: 'unknown' }]);
}

describe('[CAL50] availability through the relay', () => {
  it('[CAL51] embedded: publish, read, hide, refuse bad input, guests and deactivation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'availability-'));
    const relay = await startTestRelay({
      persistence: new SqlitePersistence({ file: join(dir, 'relay.sqlite') }),
    });
    cleanup.push(() => relay.stop());
    const owner = await signInOwner(relay);
    await scenario(owner.api, [relay.httpUrl, relay.httpUrl]);
  });

  it('[CAL51] scaled: the same through two relays on one PostgreSQL', async () => {
    const { admin, urls } = await startScaledPair(cleanup, 'availability-scaled-');
    await scenario(admin, urls);
  }, 120_000);
});

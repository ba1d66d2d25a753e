import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AnswerList,
  Invitation,
  InviteDingResult,
  MyInvitations,
  PublishResult,
  type InviteSnapshot,
} from '../../shared/api/calendar-invites.js';
import { CreatedInvite, DirectoryRoom, Me, MentionNotification } from '../../shared/api/schemas.js';
import { OrgChart } from '../../shared/org/org-chart.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { ApiClient } from '../support/api-client.js';
import { startScaledPair } from '../support/scaled-pair.js';
import { startTestRelay } from '../support/test-relay.js';
import { signInOwner } from '../support/workspace-people.js';

/**
 * Invites and answers through real relays, in both modes: one embedded relay, and
 * two scaled relays on one PostgreSQL and Redis where the organiser publishes
 * through one relay and the attendees answer through the other.
 */
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

let joined = 0;
async function join_(url: string, admin: ApiClient, name: string) {
  const invite = await admin.ok(CreatedInvite, 'POST', '/invites', { role: 'member', groups: [] });
  const api = new ApiClient(url);
  const me = await api.ok(Me, 'POST', `/invites/${invite.token}/accept`, {
    name,
    email: `${name.toLowerCase()}${++joined}@cal.test`,
    password: 'a long enough password',
  });
  return { id: me.user.id, api };
}

const inbox = (api: ApiClient) => api.ok(MentionNotification.array(), 'GET', '/notifications');

async function scenario(admin: ApiClient, [one, two]: [string, string]): Promise<void> {
  const org = await join_(one, admin, 'Olga');
  const ann = await join_(two, admin, 'Ann');
  const ben = await join_(two, admin, 'Ben');
  const dee = await join_(two, admin, 'Dee');
  const eve = await join_(two, admin, 'Eve'); // invited to nothing, reads nothing
  const chart = await admin.ok(OrgChart, 'POST', '/org/departments', {
    name: 'Design',
    parentId: null,
  });
  const design = chart.departments.find((d) => d.name === 'Design')!;
  await admin.ok(OrgChart, 'PUT', `/org/departments/${design.id}/members`, { userIds: [dee.id] });

  const calendarId = `cal-${++joined}`;
  await org.api.ok(DirectoryRoom, 'POST', '/rooms', {
    id: calendarId,
    kind: 'calendar',
    title: 'Olga private plans',
  });
  const base = `/calendar/invites/${calendarId}/ev1`;
  const event: InviteSnapshot = {
    title: 'Design review',
    time: {
      kind: 'timed',
      start: '2026-12-03T09:00',
      end: '2026-12-03T10:00',
      timeZone: 'Europe/Berlin',
    },
    rrule: null,
    exdates: [],
    overrides: {},
    location: 'Room 4',
    meetingUrl: null,
    description: '',
    organizer: org.id,
    attendees: [
      { kind: 'person', id: ann.id },
      { kind: 'person', id: ben.id },
      { kind: 'department', id: design.id },
    ],
    notesDoc: null,
    cancelled: false,
  };

  // [CAL40] Only a writer of the calendar publishes; attendees are told, nobody else.
  expect((await ann.api.call('PUT', base, { event })).status).toBe(404);
  const first = await org.api.ok(PublishResult, 'PUT', base, { event });
  expect(first).toEqual({ sequence: 1, changed: true, notified: 3 });
  // [CAL41] The same content again is no new version and tells nobody.
  expect(await org.api.ok(PublishResult, 'PUT', base, { event })).toEqual({
    sequence: 1,
    changed: false,
    notified: 0,
  });
  for (const who of [ann, ben, dee]) {
    const [notice] = await inbox(who.api);
    expect(notice).toMatchObject({
      kind: 'event-invited',
      roomId: calendarId,
      roomTitle: 'Design review',
      anchor: 'ev1',
      actorName: 'Olga',
    });
    expect(notice!.excerpt).toContain('2026-12-03 09:00–10:00 (Europe/Berlin)');
  }
  expect(await inbox(eve.api)).toEqual([]);
  expect(await inbox(org.api)).toEqual([]);

  // [CAL44] Someone neither invited nor able to read the calendar learns nothing.
  for (const path of [base, `${base}/answers`])
    expect((await eve.api.call('GET', path)).status).toBe(404);
  expect((await eve.api.call('POST', `${base}/answer`, { answer: 'yes' })).status).toBe(404);
  expect((await eve.api.call('GET', `/calendar/invites/${calendarId}/nope`)).status).toBe(404);
  expect((await eve.api.ok(MyInvitations, 'GET', '/calendar/invites')).invitations).toEqual([]);

  // [CAL43] The answer is the session's person's: a body naming someone else is ignored.
  const annAnswer = await ann.api.ok(Invitation, 'POST', `${base}/answer`, {
    answer: 'maybe',
    note: 'might be late',
    userId: ben.id,
  });
  expect(annAnswer.answer).toMatchObject({ answer: 'maybe', note: 'might be late' });
  const mine = await ann.api.ok(MyInvitations, 'GET', '/calendar/invites');
  expect(mine.invitations).toHaveLength(1);
  expect(mine.invitations[0]).toMatchObject({ event: { title: 'Design review' }, invited: true });
  const answers = await org.api.ok(AnswerList, 'GET', `${base}/answers`);
  expect(answers.counts).toEqual({ yes: 0, no: 0, maybe: 1, none: 2 });
  expect(answers.attendees.find((a) => a.userId === ann.id)?.answer?.note).toBe('might be late');
  expect(answers.attendees.find((a) => a.userId === ben.id)?.answer).toBeNull();
  expect((await ann.api.call('POST', `${base}/answer`, { answer: 'often' })).status).toBe(400);

  // [CAL45] DING those who have not answered: Ben and Dee, from the DING budget.
  expect((await ann.api.call('POST', `${base}/ding`, {})).status).toBe(404);
  expect(await org.api.ok(InviteDingResult, 'POST', `${base}/ding`, {})).toEqual({ dinged: 2 });
  expect((await inbox(ben.api))[0]).toMatchObject({
    kind: 'event-ding',
    roomTitle: 'Design review',
  });
  expect((await inbox(ann.api)).some((n) => n.kind === 'event-ding')).toBe(false);
  await org.api.ok(InviteDingResult, 'POST', `${base}/ding`, {});
  await org.api.ok(InviteDingResult, 'POST', `${base}/ding`, {});
  const limited = await org.api.call('POST', `${base}/ding`, {});
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toBeTruthy();

  // [CAL42] A change of time tells everyone the new time and clears answers; Ben,
  // removed, gets a cancellation and can no longer answer.
  const moved: InviteSnapshot = {
    ...event,
    time: { ...event.time, start: '2026-12-03T11:00', end: '2026-12-03T12:00' },
    attendees: event.attendees.filter((a) => a.id !== ben.id),
  };
  const second = await org.api.ok(PublishResult, 'PUT', base, { event: moved });
  expect(second).toMatchObject({ sequence: 2, changed: true, notified: 3 });
  expect((await inbox(ann.api))[0]).toMatchObject({ kind: 'event-changed' });
  expect((await inbox(ann.api))[0]!.excerpt).toContain('new time: 2026-12-03 11:00–12:00');
  expect((await inbox(ben.api))[0]).toMatchObject({ kind: 'event-cancelled' });
  expect((await ann.api.ok(Invitation, 'GET', base)).answer).toBeNull();
  expect((await ben.api.call('POST', `${base}/answer`, { answer: 'yes' })).status).toBe(409);
  expect((await ben.api.ok(Invitation, 'GET', base)).removed).toBe(true);

  // Deleting the event cancels it for everyone still invited.
  const gone = await org.api.ok(PublishResult, 'PUT', base, { event: null });
  expect(gone).toMatchObject({ sequence: 3, notified: 2 });
  expect((await inbox(dee.api))[0]).toMatchObject({ kind: 'event-cancelled' });
  expect((await ann.api.ok(Invitation, 'GET', base)).event.cancelled).toBe(true);
  expect((await ann.api.call('POST', `${base}/answer`, { answer: 'yes' })).status).toBe(409);
}

describe('[CAL40] calendar invites through the relay', () => {
  it('[CAL43] embedded: invite, answer bound to the session, DING, change, cancel', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cal-invites-'));
    const relay = await startTestRelay({
      persistence: new SqlitePersistence({ file: join(dir, 'relay.sqlite') }),
    });
    cleanup.push(() => relay.stop());
    const owner = await signInOwner(relay);
    await scenario(owner.api, [relay.httpUrl, relay.httpUrl]);
  });

  it('[CAL46] scaled: the same through two relays on one PostgreSQL and Redis', async () => {
    const { admin, urls } = await startScaledPair(cleanup, 'cal-invites-scaled-');
    await scenario(admin, urls);
  }, 120_000);
});

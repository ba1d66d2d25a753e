import { describe, expect, it } from 'vitest';
import type { Invitation } from '../../../../../shared/api/calendar-invites.js';
import {
  declinedEvents,
  invitationOccurrences,
} from '../../../../../client/src/workspace/calendar/invitations.js';

const invitation = (eventId: string, extra: Partial<Invitation> = {}): Invitation => ({
  calendarId: 'cal',
  eventId,
  sequence: 1,
  publishedBy: 'olga',
  organizerName: 'Olga',
  event: {
    title: eventId,
    time: {
      kind: 'timed',
      start: '2026-12-01T09:00',
      end: '2026-12-01T10:00',
      timeZone: 'Europe/Berlin',
    },
    rrule: 'FREQ=DAILY;COUNT=3',
    exdates: ['2026-12-02T09:00'],
    overrides: {},
    location: '',
    meetingUrl: null,
    description: '',
    organizer: 'olga',
    attendees: [{ kind: 'person', id: 'ann' }],
    notesDoc: null,
    cancelled: false,
  },
  removed: false,
  invited: true,
  answer: null,
  updatedAt: 1,
  ...extra,
});

describe('[CAL48] invitations in my calendar', () => {
  it('expands invited series like my own events, skipping calendars I read anyway', () => {
    const window = { start: Date.UTC(2026, 11, 1), end: Date.UTC(2026, 11, 5) };
    const shown = invitationOccurrences(
      [invitation('a'), { ...invitation('b'), calendarId: 'mine' }],
      window,
      'Asia/Tokyo',
      new Set(['mine']),
    );
    expect(shown.map((s) => s.occurrence.recurrenceId)).toEqual([
      '2026-12-01T09:00',
      '2026-12-03T09:00',
    ]);
    const removed = invitationOccurrences([invitation('c', { removed: true })], window, 'UTC');
    expect(removed.map((s) => s.occurrence.cancelled)).toEqual([true, true]);
  });

  it('[CAL14] declined, removed and cancelled invitations count as free', () => {
    const declined = declinedEvents([
      invitation('yes', { answer: { answer: 'yes', note: '', at: 1 } }),
      invitation('no', { answer: { answer: 'no', note: '', at: 1 } }),
      invitation('gone', { removed: true }),
      invitation('open'),
    ]);
    expect([...declined].sort()).toEqual(['cal/gone', 'cal/no']);
  });
});

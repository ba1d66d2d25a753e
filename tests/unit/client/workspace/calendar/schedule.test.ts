import { describe, expect, it } from 'vitest';
import {
  dayRows,
  invitees,
  suggestions,
} from '../../../../../client/src/workspace/calendar/availability/schedule.js';
import { iso, utc } from '../../../shared/calendar/helpers.js';

const WEEKDAYS = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

describe('[CAL56] find a time over the relay answer', () => {
  const people = invitees({
    people: [
      {
        person: 'ann',
        state: 'shared',
        timeZone: 'Europe/Berlin',
        workingHours: WEEKDAYS,
        busy: [{ start: utc('2026-03-02T14:00Z'), end: utc('2026-03-02T15:00Z') }],
        publishedAt: 1,
      },
      { person: 'bob', state: 'hidden', timeZone: 'America/New_York', workingHours: WEEKDAYS },
      { person: 'cid', state: 'unknown' },
    ],
  });

  it('keeps to both zones working hours, skips busy time; hidden by hours, unknown by nothing', () => {
    // Berlin 09-17 is 08-16 UTC; New York 09-17 is 14-22 UTC: the overlap is 14-16 UTC,
    // and Ann is busy 14-15.
    const slots = suggestions(
      people,
      { start: utc('2026-03-02T00:00Z'), end: utc('2026-03-04T00:00Z') },
      60,
      3,
    );
    expect(slots.map((s) => iso(s.start))).toEqual([
      '2026-03-02T15:00',
      '2026-03-03T14:00',
      '2026-03-03T14:30',
    ]);
  });

  it('draws working hours and busy bars as fractions of the day; hidden and unknown show no busy', () => {
    const rows = dayRows(people, {
      start: utc('2026-03-02T00:00Z'),
      end: utc('2026-03-03T00:00Z'),
    });
    expect(rows.map((r) => r.knowledge)).toEqual(['shared', 'hidden', 'unknown']);
    expect(rows[0]).toMatchObject({
      working: [{ from: 8 / 24, to: 16 / 24 }],
      busy: [{ from: 14 / 24, to: 15 / 24 }],
    });
    expect(rows[1]).toMatchObject({ working: [{ from: 14 / 24, to: 22 / 24 }], busy: [] });
    expect(rows[2]).toMatchObject({ working: [], busy: [] });
  });
});

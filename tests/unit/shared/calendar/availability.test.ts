import { describe, expect, it } from 'vitest';
import {
  answerEvent,
  busyFromOccurrences,
  createEvent,
  expandAll,
  readCalendar,
  findTimes,
  freeBusy,
  mergeIntervals,
  occurrenceDates,
  showOccurrence,
  type PersonAvailability,
} from '../../../../shared/calendar/index.js';
import { ctx, iso, newCalendar, utc } from './helpers.js';

describe('[CAL13] display in the viewer zone', () => {
  it('shows a timed occurrence in the viewer zone and an all-day one on its dates', () => {
    const late = {
      time: {
        kind: 'timed' as const,
        start: '2026-07-01T20:00',
        end: '2026-07-01T22:00',
        timeZone: 'America/New_York',
      },
      start: utc('2026-07-02T00:00Z'),
      end: utc('2026-07-02T02:00Z'),
    };
    expect(showOccurrence(late, 'Australia/Sydney')).toEqual({
      kind: 'timed',
      startDate: '2026-07-02',
      startTime: '10:00',
      endDate: '2026-07-02',
      endTime: '12:00',
      lastDate: '2026-07-02',
      eventZone: 'America/New_York',
    });
    expect(showOccurrence(late, 'America/New_York')).toMatchObject({
      startDate: '2026-07-01',
      startTime: '20:00',
      eventZone: null,
    });
    expect(occurrenceDates(late, 'Europe/Berlin')).toEqual(['2026-07-02']);
    const holiday = {
      time: { kind: 'allDay' as const, start: '2026-12-24', end: '2026-12-26' },
      start: 0,
      end: 0,
    };
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'])
      expect(occurrenceDates(holiday, zone)).toEqual(['2026-12-24', '2026-12-25', '2026-12-26']);
    // Ending at midnight covers nothing of the next day.
    const toMidnight = { ...late, end: utc('2026-07-02T14:00Z') };
    expect(occurrenceDates(toMidnight, 'Australia/Sydney')).toEqual(['2026-07-02']);
  });
});

const person = (
  id: string,
  zone: string,
  busy: Array<[string, string]> = [],
  extra: Partial<PersonAvailability> = {},
): PersonAvailability => ({
  person: id,
  busy: busy.map(([start, end]) => ({ start: utc(start), end: utc(end) })),
  workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', timeZone: zone },
  hidden: false,
  ...extra,
});

describe('[CAL14] busy time', () => {
  it('merges overlapping and touching intervals, frees cancelled and all-day, hides hidden people', () => {
    expect(
      mergeIntervals([
        { start: 5, end: 7 },
        { start: 1, end: 3 },
        { start: 3, end: 4 },
        { start: 6, end: 9 },
        { start: 10, end: 10 },
      ]),
    ).toEqual([
      { start: 1, end: 4 },
      { start: 5, end: 9 },
    ]);
    const range = { start: utc('2026-03-02T00:00Z'), end: utc('2026-03-03T00:00Z') };
    const busy = (p: PersonAvailability) => freeBusy([p], range)[0]!.busy;
    const ann = person('ann', 'UTC', [['2026-03-01T23:00Z', '2026-03-02T01:00Z']]);
    expect(busy(ann)).toEqual([{ start: range.start, end: utc('2026-03-02T01:00Z') }]);
    const flagged: PersonAvailability = {
      ...ann,
      busy: [
        { start: utc('2026-03-02T10:00Z'), end: utc('2026-03-02T11:00Z'), cancelled: true },
        { start: range.start, end: range.end, allDay: true },
      ],
    };
    expect(busy(flagged)).toEqual([]);
    const doc = newCalendar();
    const meeting = (id: string, start: string, end: string) =>
      createEvent(
        doc,
        {
          id,
          title: 'Secret',
          organizer: 'ann',
          time: { kind: 'timed', start, end, timeZone: 'UTC' },
        },
        ctx(),
      );
    meeting('kept', '2026-03-02T10:00', '2026-03-02T11:00');
    meeting('declined', '2026-03-02T12:00', '2026-03-02T13:00');
    answerEvent(doc, 'declined', { person: 'ann', answer: 'no' }, ctx('ann'));
    const shared = busyFromOccurrences(expandAll(readCalendar(doc).events, range, 'UTC'), 'ann');
    expect(shared).toEqual([
      {
        start: utc('2026-03-02T10:00Z'),
        end: utc('2026-03-02T11:00Z'),
        allDay: false,
        cancelled: false,
      },
    ]);
    expect(freeBusy([{ ...ann, hidden: true }], range)).toEqual([
      { person: 'ann', hidden: true, busy: [] },
    ]);
  });
});

describe('[CAL15] [CAL16] find a time', () => {
  const week = { start: utc('2026-03-02T00:00Z'), end: utc('2026-03-09T00:00Z') };

  it("finds the earliest slots inside everyone's working hours across zones, around busy time", () => {
    // Berlin 09-17 is 08-16Z; New York 09-17 is 14-22Z (before US DST): overlap 14-16Z.
    const berlin = person('bea', 'Europe/Berlin', [['2026-03-02T14:00Z', '2026-03-02T15:00Z']]);
    const newYork = person('ned', 'America/New_York', [['2026-03-02T15:30Z', '2026-03-02T16:00Z']]);
    const slots = findTimes([berlin, newYork], { range: week, minutes: 30, count: 3 });
    expect(slots.map((s) => [iso(s.start), iso(s.end)])).toEqual([
      ['2026-03-02T15:00', '2026-03-02T15:30'],
      ['2026-03-03T14:00', '2026-03-03T14:30'],
      ['2026-03-03T14:30', '2026-03-03T15:00'],
    ]);
    expect(findTimes([newYork, berlin], { range: week, minutes: 30, count: 3 })).toEqual(slots);
  });

  it('respects weekdays, shifts past midnight, hidden people and no room at all', () => {
    const night = person('nia', 'Asia/Tokyo', [], {
      workingHours: { days: [5], start: '22:00', end: '02:00', timeZone: 'Asia/Tokyo' },
    });
    // Friday 22:00 Tokyo is 13:00Z Friday, until Saturday 02:00 Tokyo = 17:00Z Friday.
    const slots = findTimes([night], { range: week, minutes: 60, count: 10, stepMinutes: 60 });
    expect(slots.map((s) => iso(s.start))).toEqual([
      '2026-03-06T13:00',
      '2026-03-06T14:00',
      '2026-03-06T15:00',
      '2026-03-06T16:00',
    ]);
    const hidden = person('hal', 'UTC', [['2026-03-02T00:00Z', '2026-03-09T00:00Z']], {
      hidden: true,
    });
    // Their busy time is not used (it is hidden), but their working hours are.
    expect(
      findTimes([night, hidden], { range: week, minutes: 60, count: 10, stepMinutes: 60 }),
    ).toEqual(slots);
    const inSydney = {
      ...hidden,
      workingHours: {
        days: [1, 2, 3, 4, 5],
        start: '09:00',
        end: '17:00',
        timeZone: 'Australia/Sydney',
      },
    };
    expect(findTimes([night, inSydney], { range: week, minutes: 60 })).toEqual([]);
    expect(() => findTimes([night], { range: { start: 5, end: 1 }, minutes: 30 })).toThrow(
      /range ends before it starts/,
    );
  });
});

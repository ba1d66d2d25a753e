import { describe, expect, it } from 'vitest';
import {
  createEvent,
  deleteOccurrence,
  editEvent,
  editOccurrence,
  expandEvent,
  readEvent,
  answerEvent,
  splitSeries,
  type CalendarEvent,
  type CreateEventInput,
} from '../../../../shared/calendar/index.js';
import { ctx, iso, newCalendar, utc } from './helpers.js';

function series(start: string, timeZone: string, rrule: string, minutes = 30): CalendarEvent {
  const doc = newCalendar();
  const end = new Date(Date.parse(`${start}:00Z`) + minutes * 60_000).toISOString().slice(0, 16);
  createEvent(
    doc,
    { id: 's', title: 'S', time: { kind: 'timed', start, end, timeZone }, organizer: 'a', rrule },
    ctx(),
  );
  return readEvent(doc, 's')!;
}

const starts = (event: CalendarEvent, from: string, to: string, zone = 'UTC'): string[] =>
  expandEvent(event, { start: utc(from), end: utc(to) }, zone).map((o) => iso(o.start));

describe('[CAL8] wall-clock time across DST', () => {
  it('keeps 09:00 in Berlin, New York and Sydney when the offset changes', () => {
    const berlin = series('2026-03-23T09:00', 'Europe/Berlin', 'FREQ=WEEKLY');
    expect(starts(berlin, '2026-03-20T00:00Z', '2026-04-01T00:00Z')).toEqual([
      '2026-03-23T08:00',
      '2026-03-30T07:00',
    ]);
    const newYork = series('2026-03-07T09:00', 'America/New_York', 'FREQ=DAILY;COUNT=3');
    expect(starts(newYork, '2026-03-01T00:00Z', '2026-04-01T00:00Z')).toEqual([
      '2026-03-07T14:00',
      '2026-03-08T13:00',
      '2026-03-09T13:00',
    ]);
    const sydney = series('2026-03-29T10:00', 'Australia/Sydney', 'FREQ=WEEKLY;COUNT=2');
    expect(starts(sydney, '2026-03-01T00:00Z', '2026-05-01T00:00Z')).toEqual([
      '2026-03-28T23:00',
      '2026-04-05T00:00',
    ]);
  });

  it('reads a time in the spring-forward gap with the offset before it, and a repeated time as the first', () => {
    const berlin = series('2026-03-28T02:30', 'Europe/Berlin', 'FREQ=DAILY;COUNT=3');
    // 02:30 does not exist on the 29th: +01:00 gives 01:30Z, i.e. 03:30 CEST.
    expect(starts(berlin, '2026-03-01T00:00Z', '2026-04-01T00:00Z')).toEqual([
      '2026-03-28T01:30',
      '2026-03-29T01:30',
      '2026-03-30T00:30',
    ]);
    const autumn = series('2026-10-25T02:30', 'Europe/Berlin', 'FREQ=DAILY;COUNT=1');
    expect(starts(autumn, '2026-10-01T00:00Z', '2026-11-01T00:00Z')).toEqual(['2026-10-25T00:30']);
    const newYork = series('2026-03-08T02:30', 'America/New_York', 'FREQ=DAILY;COUNT=1');
    expect(starts(newYork, '2026-03-01T00:00Z', '2026-04-01T00:00Z')).toEqual(['2026-03-08T07:30']);
    const sydney = series('2026-10-04T02:30', 'Australia/Sydney', 'FREQ=DAILY;COUNT=1');
    expect(starts(sydney, '2026-10-01T00:00Z', '2026-11-01T00:00Z')).toEqual(['2026-10-03T16:30']);
  });

  it('compares a UTC UNTIL with the series wall clock in its zone', () => {
    // 07:00Z on the 30th is 09:00 CEST: that occurrence is the last one.
    const berlin = series('2026-03-27T09:00', 'Europe/Berlin', 'FREQ=DAILY;UNTIL=20260330T070000Z');
    expect(starts(berlin, '2026-03-01T00:00Z', '2026-05-01T00:00Z')).toHaveLength(4);
  });
});

describe('[CAL9] month ends and leap days', () => {
  it('BYMONTHDAY=31 skips short months, -1 is every last day, Feb 29 only in leap years', () => {
    const on31 = series('2026-01-31T12:00', 'UTC', 'FREQ=MONTHLY;BYMONTHDAY=31');
    expect(
      starts(on31, '2026-01-01T00:00Z', '2027-01-01T00:00Z').map((s) => s.slice(5, 10)),
    ).toEqual(['01-31', '03-31', '05-31', '07-31', '08-31', '10-31', '12-31']);
    const last = series('2028-01-31T12:00', 'Europe/Berlin', 'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3');
    expect(
      starts(last, '2028-01-01T00:00Z', '2029-01-01T00:00Z').map((s) => s.slice(0, 10)),
    ).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
    const doc = newCalendar();
    createEvent(
      doc,
      {
        id: 'leap',
        title: 'Leap',
        time: { kind: 'allDay', start: '2024-02-29', end: '2024-02-29' },
        organizer: 'a',
        rrule: 'FREQ=YEARLY',
      },
      ctx(),
    );
    const leap = expandEvent(
      readEvent(doc, 'leap')!,
      { start: utc('2024-01-01T00:00Z'), end: utc('2033-01-01T00:00Z') },
      'Asia/Tokyo',
    );
    expect(leap.map((o) => o.recurrenceId)).toEqual(['2024-02-29', '2028-02-29', '2032-02-29']);
  });
});

describe('[CAL10] exceptions and overrides', () => {
  it('drops exdates, applies overrides, and finds an occurrence moved into the window', () => {
    const doc = newCalendar();
    const weekly: CreateEventInput = {
      id: 'w',
      title: 'Weekly',
      time: { kind: 'timed', start: '2026-06-01T10:00', end: '2026-06-01T11:00', timeZone: 'UTC' },
      organizer: 'a',
      rrule: 'FREQ=WEEKLY;COUNT=6',
    };
    createEvent(doc, weekly, ctx());
    deleteOccurrence(doc, 'w', '2026-06-08T10:00', ctx());
    editOccurrence(
      doc,
      'w',
      '2026-06-15T10:00',
      {
        title: 'Moved',
        time: { ...weekly.time, start: '2026-07-20T10:00', end: '2026-07-20T11:00' },
      },
      ctx(),
    );
    editOccurrence(doc, 'w', '2026-06-22T10:00', { cancelled: true }, ctx());
    expect(() => editOccurrence(doc, 'w', '2026-06-23T10:00', { title: 'x' }, ctx())).toThrow(
      /no occurrence/,
    );
    expect(() => deleteOccurrence(doc, 'w', '2026-06-08T10:00', ctx())).toThrow(/no occurrence/);
    const event = readEvent(doc, 'w')!;
    const june = expandEvent(
      event,
      { start: utc('2026-06-01T00:00Z'), end: utc('2026-07-01T00:00Z') },
      'UTC',
    );
    expect(june.map((o) => [o.recurrenceId, o.cancelled])).toEqual([
      ['2026-06-01T10:00', false],
      ['2026-06-22T10:00', true],
      ['2026-06-29T10:00', false],
    ]);
    const july = expandEvent(
      event,
      { start: utc('2026-07-20T00:00Z'), end: utc('2026-07-21T00:00Z') },
      'UTC',
    );
    expect(july.map((o) => [o.recurrenceId, o.title, iso(o.start)])).toEqual([
      ['2026-06-15T10:00', 'Moved', '2026-07-20T10:00'],
    ]);
  });
});

describe('[CAL11] [CAL12] this and following, and all', () => {
  it('splits a counted series in two that together keep every occurrence', () => {
    const doc = newCalendar();
    createEvent(
      doc,
      {
        id: 'd',
        title: 'Daily',
        time: {
          kind: 'timed',
          start: '2026-03-26T09:00',
          end: '2026-03-26T09:30',
          timeZone: 'Europe/Berlin',
        },
        organizer: 'a',
        rrule: 'FREQ=DAILY;COUNT=10',
        exdates: ['2026-03-27T09:00', '2026-03-31T09:00'],
        overrides: { '2026-04-02T09:00': { title: 'Demo day' } },
      },
      ctx(),
    );
    answerEvent(doc, 'd', { person: 'bob', answer: 'yes' }, ctx('bob'));
    const newTime = {
      kind: 'timed',
      start: '2026-03-30T10:00',
      end: '2026-03-30T10:45',
      timeZone: 'Europe/Berlin',
    } as const;
    expect(splitSeries(doc, 'd', '2026-03-30T09:00', 'd2', { time: newTime }, ctx())).toBe('d2');
    const window = { start: utc('2026-03-01T00:00Z'), end: utc('2026-05-01T00:00Z') };
    const head = readEvent(doc, 'd')!;
    const tail = readEvent(doc, 'd2')!;
    expect(expandEvent(head, window, 'UTC').map((o) => o.recurrenceId)).toEqual([
      '2026-03-26T09:00',
      '2026-03-28T09:00',
      '2026-03-29T09:00',
    ]);
    const tailOccurrences = expandEvent(tail, window, 'UTC');
    expect(tailOccurrences.map((o) => o.recurrenceId)).toEqual([
      '2026-03-30T10:00',
      '2026-04-01T10:00',
      '2026-04-02T10:00',
      '2026-04-03T10:00',
      '2026-04-04T10:00',
    ]);
    expect(tailOccurrences[2]?.title).toBe('Demo day');
    expect(tailOccurrences[0]!.end - tailOccurrences[0]!.start).toBe(45 * 60_000);
    expect(tail.answers).toEqual({});
    expect(head.answers.bob?.answer).toBe('yes');

    // "All" on the tail: a day later, same exceptions, same override.
    editEvent(
      doc,
      'd2',
      { time: { ...newTime, start: '2026-03-31T10:00', end: '2026-03-31T10:45' } },
      ctx(),
    );
    const shifted = expandEvent(readEvent(doc, 'd2')!, window, 'UTC');
    expect(shifted.map((o) => o.recurrenceId?.slice(5))).toEqual([
      '03-31T10:00',
      '04-02T10:00',
      '04-03T10:00',
      '04-04T10:00',
      '04-05T10:00',
    ]);
    expect(shifted[2]?.title).toBe('Demo day');
  });

  it('at the first occurrence edits the whole series', () => {
    const doc = newCalendar();
    createEvent(
      doc,
      {
        id: 'a',
        title: 'A',
        time: { kind: 'allDay', start: '2026-05-01', end: '2026-05-01' },
        organizer: 'a',
        rrule: 'FREQ=WEEKLY;UNTIL=20260601',
      },
      ctx(),
    );
    expect(splitSeries(doc, 'a', '2026-05-01', 'b', { title: 'B' }, ctx())).toBe('a');
    expect(readEvent(doc, 'a')?.title).toBe('B');
    expect(readEvent(doc, 'b')).toBeUndefined();
  });
});

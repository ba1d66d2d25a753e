import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  answerEvent,
  createEvent,
  editOccurrence,
  expandEvent,
  exportIcs,
  importIcs,
  readCalendar,
  type CalendarEvent,
} from '../../../../shared/calendar/index.js';
import { ctx, iso, newCalendar, utc } from './helpers.js';

const people: Record<string, string> = { 'ann@example.com': 'ann', 'bob@example.com': 'bob' };
const emails = Object.fromEntries(Object.entries(people).map(([email, id]) => [id, email]));
const options = {
  personByEmail: (email: string) => people[email],
  importer: 'ann',
  fallbackZone: 'Europe/Berlin',
};

/** What survives .ics: everything but bookkeeping, notes links and answer times. */
const comparable = (event: CalendarEvent) => ({
  ...event,
  createdAt: 0,
  createdBy: '',
  notesDoc: null,
  answers: Object.fromEntries(
    Object.entries(event.answers).map(([person, answer]) => [person, answer.answer]),
  ),
});

describe('[CAL19] export', () => {
  it('writes a calendar that ical.js parses back to the same events', () => {
    const doc = newCalendar();
    createEvent(
      doc,
      {
        id: 'weekly-1',
        title: 'Planning; with commas, and a very long title that has to be folded over lines',
        time: {
          kind: 'timed',
          start: '2026-03-23T09:00',
          end: '2026-03-23T10:30',
          timeZone: 'Europe/Berlin',
        },
        organizer: 'ann',
        attendees: [
          { kind: 'person', id: 'ann' },
          { kind: 'person', id: 'bob' },
        ],
        description: 'Line one\nLine two: "quoted", \\ backslash',
        meetingUrl: 'https://meet.example.com/x?y=1',
        location: 'Room 4',
        reminders: [10, 0],
        rrule: 'FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20260501T070000Z',
        exdates: ['2026-03-26T09:00'],
      },
      ctx(),
    );
    editOccurrence(
      doc,
      'weekly-1',
      '2026-03-30T09:00',
      {
        title: 'Moved planning',
        time: {
          kind: 'timed',
          start: '2026-03-31T14:00',
          end: '2026-03-31T15:00',
          timeZone: 'America/New_York',
        },
      },
      ctx(),
    );
    editOccurrence(
      doc,
      'weekly-1',
      '2026-04-02T09:00',
      { cancelled: true, location: 'Online' },
      ctx(),
    );
    answerEvent(doc, 'weekly-1', { person: 'bob', answer: 'maybe' }, ctx('bob'));
    createEvent(
      doc,
      {
        id: 'offsite',
        title: 'Offsite',
        time: { kind: 'allDay', start: '2026-02-27', end: '2026-03-01' },
        organizer: 'bob',
        rrule: 'FREQ=YEARLY;COUNT=3',
      },
      ctx(),
    );
    createEvent(
      doc,
      {
        id: 'utc-call',
        title: 'Call',
        time: {
          kind: 'timed',
          start: '2026-05-01T23:30',
          end: '2026-05-02T00:15',
          timeZone: 'UTC',
        },
        organizer: 'ann',
        cancelled: true,
      },
      ctx(),
    );
    const before = readCalendar(doc).events;
    const text = exportIcs(before, { emailOf: (id) => emails[id], now: utc('2026-03-01T00:00Z') });
    expect(text.split('\r\n').every((line) => line.length <= 75)).toBe(true);

    const imported = importIcs(text, options);
    expect(imported.errors).toEqual([]);
    const again = newCalendar(2);
    for (const input of imported.events) createEvent(again, input, ctx());
    expect(readCalendar(again).events.map(comparable)).toEqual(before.map(comparable));
  });
});

const FILE = (events: string, extra = '') =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', extra, events, 'END:VCALENDAR']
    .filter(Boolean)
    .join('\r\n');

describe('[CAL17] [CAL18] import', () => {
  it('reads Outlook zones, vendor TZIDs, durations and overrides, and reports each bad VEVENT', () => {
    const windowsZone = [
      'BEGIN:VTIMEZONE',
      'TZID:W. Europe Standard Time',
      'BEGIN:STANDARD',
      'DTSTART:16011028T030000',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:16010325T020000',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
    ].join('\r\n');
    const events = [
      [
        'BEGIN:VEVENT',
        'UID:outlook-1',
        'SUMMARY:Outlook',
        'DTSTART;TZID=W. Europe Standard Time:20260701T090000',
        'DURATION:PT45M',
        'ORGANIZER:mailto:carol@elsewhere.org',
        'ATTENDEE;PARTSTAT=ACCEPTED:mailto:Bob@Example.com',
        'ATTENDEE:mailto:dave@elsewhere.org',
        'END:VEVENT',
      ],
      ['BEGIN:VEVENT', 'UID:no-start', 'SUMMARY:Broken', 'END:VEVENT'],
      [
        'BEGIN:VEVENT',
        'UID:moz',
        'SUMMARY:Mozilla',
        'DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20260302T080000',
        'DTEND;TZID=/mozilla.org/20050126_1/America/New_York:20260302T090000',
        'RRULE:FREQ=DAILY;COUNT=5',
        'EXDATE:20260303T130000Z',
        'END:VEVENT',
      ],
      [
        'BEGIN:VEVENT',
        'UID:moz',
        'RECURRENCE-ID;TZID=America/New_York:20260304T080000',
        'SUMMARY:Mozilla (late)',
        'DTSTART;TZID=America/New_York:20260304T100000',
        'DTEND;TZID=America/New_York:20260304T110000',
        'END:VEVENT',
      ],
      [
        'BEGIN:VEVENT',
        'UID:orphan',
        'RECURRENCE-ID:20260101T000000Z',
        'DTSTART:20260101T000000Z',
        'END:VEVENT',
      ],
      [
        'BEGIN:VEVENT',
        'UID:mars',
        'SUMMARY:Mars',
        'DTSTART;TZID=Mars/Olympus:20260101T000000',
        'END:VEVENT',
      ],
      ['BEGIN:VEVENT', 'UID:day', 'SUMMARY:Day', 'DTSTART;VALUE=DATE:20260310', 'END:VEVENT'],
    ]
      .map((lines) => lines.join('\r\n'))
      .join('\r\n');
    const result = importIcs(FILE(events, windowsZone), options);
    expect(result.errors).toEqual([
      { index: 2, uid: 'no-start', message: 'no DTSTART' },
      { index: 5, uid: 'orphan', message: 'an occurrence without its series' },
      { index: 6, uid: 'mars', message: 'unknown time zone Mars/Olympus and no VTIMEZONE for it' },
    ]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'attendee dave@elsewhere.org has no account here and was left out',
    ]);
    expect(result.events.map((e) => e.id)).toEqual(['outlook-1', 'moz', 'day']);
    const [outlook, moz, day] = result.events;
    expect(outlook).toMatchObject({
      time: {
        kind: 'timed',
        start: '2026-07-01T09:00',
        end: '2026-07-01T09:45',
        timeZone: 'Europe/Berlin',
      },
      organizer: 'ann',
      attendees: [{ kind: 'person', id: 'bob' }],
      answers: { bob: { answer: 'yes' } },
    });
    expect(day?.time).toEqual({ kind: 'allDay', start: '2026-03-10', end: '2026-03-10' });

    const doc = newCalendar();
    createEvent(doc, moz!, ctx());
    const series = readCalendar(doc).events[0]!;
    const occurrences = expandEvent(
      series,
      { start: utc('2026-03-01T00:00Z'), end: utc('2026-03-10T00:00Z') },
      'UTC',
    );
    expect(occurrences.map((o) => [iso(o.start), o.title])).toEqual([
      ['2026-03-02T13:00', 'Mozilla'],
      ['2026-03-04T15:00', 'Mozilla (late)'],
      ['2026-03-05T13:00', 'Mozilla'],
      ['2026-03-06T13:00', 'Mozilla'],
    ]);
  });

  it('turns a file ical.js cannot parse into one error', () => {
    const result = importIcs('BEGIN:VCALENDAR\r\nthis is not ics', options);
    expect(result.events).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toMatch(/^not an iCalendar file/);
    expect(() => void ICAL.parse('BEGIN:VCALENDAR\r\nthis is not ics')).toThrow();
  });
});

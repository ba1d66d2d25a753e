import { describe, expect, it } from 'vitest';
import { importIcs } from '../../../../shared/calendar/index.js';

const options = { personByEmail: () => undefined, importer: 'ann', fallbackZone: 'UTC' };

describe('[CAL67] RDATE on import', () => {
  it('each extra date is an event of its own with the same length, in the series zone', () => {
    const file = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:board',
      'DTSTART;TZID=Europe/Berlin:20300114T100000',
      'DTEND;TZID=Europe/Berlin:20300114T113000',
      'RDATE;TZID=Europe/Berlin:20300211T100000,20300714T150000',
      'RDATE;VALUE=PERIOD:20300901T080000Z/PT1H',
      'SUMMARY:Board',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const read = importIcs(file, options);
    expect(read.errors).toEqual([]);
    expect(read.events.map((e) => [e.id, e.title, e.time])).toEqual([
      ['board', 'Board', timed('2030-01-14T10:00', '2030-01-14T11:30')],
      ['board~203002111000', 'Board', timed('2030-02-11T10:00', '2030-02-11T11:30')],
      ['board~203007141500', 'Board', timed('2030-07-14T15:00', '2030-07-14T16:30')],
      // 08:00 UTC is 10:00 summer time in Berlin.
      ['board~203009011000', 'Board', timed('2030-09-01T10:00', '2030-09-01T11:30')],
    ]);
    expect(read.warnings.map((w) => w.message)).toEqual([
      'its 3 RDATE date(s) were imported as separate events',
    ]);
  });
});

function timed(start: string, end: string) {
  return { kind: 'timed', start, end, timeZone: 'Europe/Berlin' };
}

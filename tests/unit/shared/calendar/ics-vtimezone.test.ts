import type ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  createEvent,
  exportIcs,
  importIcs,
  readCalendar,
} from '../../../../shared/calendar/index.js';
import { vtimezone } from '../../../../shared/calendar/ics-vtimezone.js';
import { ctx, newCalendar } from './helpers.js';

const observances = (zone: ICAL.Component) =>
  zone
    .getAllSubcomponents()
    .map((o) => [
      o.name,
      String(o.getFirstPropertyValue('dtstart')),
      String(o.getFirstPropertyValue('tzoffsetfrom')),
      String(o.getFirstPropertyValue('tzoffsetto')),
    ]);

describe('[CAL65] VTIMEZONE', () => {
  it('lists the offset at the start and every change of the years, north and south', () => {
    expect(observances(vtimezone('Europe/Berlin', 2030, 2030))).toEqual([
      ['standard', '2030-01-01T01:00:00', '+01:00', '+01:00'],
      ['daylight', '2030-03-31T02:00:00', '+01:00', '+02:00'],
      ['standard', '2030-10-27T03:00:00', '+02:00', '+01:00'],
    ]);
    expect(observances(vtimezone('Australia/Sydney', 2030, 2030))).toEqual([
      ['standard', '2030-01-01T11:00:00', '+11:00', '+11:00'],
      ['standard', '2030-04-07T03:00:00', '+11:00', '+10:00'],
      ['daylight', '2030-10-06T02:00:00', '+10:00', '+11:00'],
    ]);
    expect(observances(vtimezone('Asia/Tokyo', 2029, 2031))).toHaveLength(1);
  });

  it('places events right in a reader that knows the zone only by the file’s VTIMEZONE', () => {
    const doc = newCalendar();
    const at = (id: string, start: string, timeZone: string) =>
      createEvent(
        doc,
        {
          id,
          title: id,
          time: { kind: 'timed', start, end: start.replace(/T10/, 'T11'), timeZone },
          organizer: 'ann',
        },
        ctx(),
      );
    at('berlin-winter', '2030-01-15T10:00', 'Europe/Berlin');
    at('berlin-summer', '2030-07-15T10:00', 'Europe/Berlin');
    at('sydney-summer', '2030-01-15T10:00', 'Australia/Sydney');
    at('sydney-winter', '2030-07-15T10:00', 'Australia/Sydney');
    at('tokyo', '2030-07-15T10:00', 'Asia/Tokyo');
    const file = exportIcs(readCalendar(doc).events, { emailOf: () => undefined, now: 0 });
    expect(file.match(/BEGIN:VTIMEZONE/g)).toHaveLength(3);
    // Names no reader knows: only the VTIMEZONE says what they mean.
    const renamed = file.replace(/(?:Europe|Australia|Asia)\/(\w+)/g, 'Custom $1');
    expect(renamed).toContain('TZID=Custom Sydney:');
    const read = importIcs(renamed, {
      personByEmail: () => undefined,
      importer: 'ann',
      fallbackZone: 'UTC',
    });
    expect(read.errors).toEqual([]);
    expect(
      Object.fromEntries(read.events.map((e) => [e.id, e.time.kind === 'timed' && e.time.start])),
    ).toEqual({
      'berlin-winter': '2030-01-15T09:00',
      'berlin-summer': '2030-07-15T08:00',
      'sydney-summer': '2030-01-14T23:00',
      'sydney-winter': '2030-07-15T00:00',
      tokyo: '2030-07-15T01:00',
    });
  });
});

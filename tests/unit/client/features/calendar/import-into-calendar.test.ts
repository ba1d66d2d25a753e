import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  eventIdOf,
  importIntoCalendar,
} from '../../../../../client/src/features/calendar/ics/import-into-calendar.js';
import { editEvent, readCalendar } from '../../../../../shared/calendar/index.js';

const origin = Symbol('import');
const options = {
  me: 'ann',
  zone: 'Europe/Berlin',
  personByEmail: (email: string) => (email === 'bob@example.com' ? 'bob' : undefined),
  origin,
  now: 1,
};

const FILE = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VEVENT',
  'UID:plain-1@example.com',
  'DTSTART;TZID=Europe/Berlin:20300107T090000',
  'DTEND;TZID=Europe/Berlin:20300107T100000',
  'SUMMARY:Review',
  'ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.com',
  'ATTENDEE:mailto:stranger@example.com',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:{odd uid/with spaces}',
  'DTSTART;VALUE=DATE:20300110',
  'SUMMARY:Holiday',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:broken',
  'SUMMARY:No start',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('[CAL66] importing .ics into a calendar', () => {
  it('adds the readable events in one transaction and names the rest', () => {
    const doc = new Y.Doc();
    const transactions: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => transactions.push(tr.origin));
    const result = importIntoCalendar(doc, FILE, options);
    expect(transactions).toEqual([origin]);
    expect(result).toMatchObject({ added: 2, already: 0 });
    expect(result.errors).toEqual([{ index: 3, uid: 'broken', message: 'no DTSTART' }]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'attendee stranger@example.com has no account here and was left out',
    ]);
    const events = readCalendar(doc).events;
    expect(events.map((e) => [e.id, e.title]).sort()).toEqual([
      [eventIdOf('{odd uid/with spaces}'), 'Holiday'],
      ['plain-1@example.com', 'Review'],
    ]);
    expect(eventIdOf('{odd uid/with spaces}')).toMatch(/^ics-[0-9a-f]{40}$/);
    expect(events.find((e) => e.id === 'plain-1@example.com')?.answers.bob?.answer).toBe('yes');
  });

  it('importing the same file again adds nothing and keeps edits made since', () => {
    const doc = new Y.Doc();
    importIntoCalendar(doc, FILE, options);
    editEvent(doc, 'plain-1@example.com', { title: 'Review (moved room)' }, { by: 'ann', now: 2 });
    const again = importIntoCalendar(doc, FILE, options);
    expect(again).toMatchObject({ added: 0, already: 2 });
    const events = readCalendar(doc).events;
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.id === 'plain-1@example.com')?.title).toBe('Review (moved room)');
  });

  it('a file that is not iCalendar is one error and writes nothing', () => {
    const doc = new Y.Doc();
    const result = importIntoCalendar(doc, 'hello, I am a CSV', options);
    expect(result.added).toBe(0);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toMatch(/^not an iCalendar file/);
    expect(readCalendar(doc).events).toEqual([]);
  });
});

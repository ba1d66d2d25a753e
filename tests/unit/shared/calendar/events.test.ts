import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CalendarError } from '../../../../shared/calendar/index.js';
import {
  answerEvent,
  createEvent,
  deleteEvent,
  editEvent,
  readCalendar,
  readEvent,
  type CreateEventInput,
} from '../../../../shared/calendar/index.js';
import { ctx, newCalendar } from './helpers.js';

const standup: CreateEventInput = {
  id: 'standup',
  title: 'Stand-up',
  time: {
    kind: 'timed',
    start: '2026-03-02T09:00',
    end: '2026-03-02T09:15',
    timeZone: 'Europe/Berlin',
  },
  organizer: 'alice',
  attendees: [
    { kind: 'person', id: 'bob' },
    { kind: 'department', id: 'eng' },
  ],
  meetingUrl: 'https://meet.example.com/standup',
  reminders: [10],
  rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR',
  notesDoc: 'notes-standup',
};

describe('events in the doc', () => {
  it('[CAL1] [CAL2] [CAL3] create, edit, answer and read back an event', () => {
    const doc = newCalendar();
    createEvent(doc, standup, ctx());
    editEvent(
      doc,
      'standup',
      { location: 'Room 4', attendees: [{ kind: 'person', id: 'carol' }] },
      ctx(),
    );
    answerEvent(doc, 'standup', { person: 'bob', answer: 'maybe', note: 'late' }, ctx('bob', 5));
    const event = readEvent(doc, 'standup');
    expect(event).toMatchObject({
      title: 'Stand-up',
      location: 'Room 4',
      organizer: 'alice',
      attendees: [{ kind: 'person', id: 'carol' }],
      answers: { bob: { answer: 'maybe', note: 'late', at: 5 } },
      rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR',
      notesDoc: 'notes-standup',
      reminders: [10],
    });
    deleteEvent(doc, 'standup', ctx());
    expect(readCalendar(doc)).toEqual({ events: [], problems: [] });
  });

  it('[CAL4] [CAL6] refuses bad input with a clear error and writes nothing', () => {
    const doc = newCalendar();
    createEvent(doc, standup, ctx());
    const before = Y.encodeStateAsUpdate(doc);
    const refused = (fn: () => void): CalendarError => {
      try {
        fn();
      } catch (error) {
        return error as CalendarError;
      }
      throw new Error('expected a refusal');
    };
    const backwards = { ...standup.time, end: '2026-03-02T08:00' };
    expect(refused(() => editEvent(doc, 'standup', { time: backwards }, ctx())).message).toContain(
      'the end is before the start',
    );
    expect(
      refused(() => editEvent(doc, 'standup', { meetingUrl: 'javascript:alert(1)' }, ctx())).code,
    ).toBe('invalid-input');
    expect(
      refused(() => editEvent(doc, 'standup', { rrule: 'FREQ=DAILY;BYHOUR=x' }, ctx())).message,
    ).toContain('BYHOUR');
    expect(
      refused(() => editEvent(doc, 'standup', { rrule: 'FREQ=SOMETIMES' }, ctx())).message,
    ).toContain('FREQ');
    expect(refused(() => createEvent(doc, standup, ctx())).code).toBe('event-exists');
    expect(refused(() => editEvent(doc, 'nope', { title: 'x' }, ctx())).code).toBe(
      'event-not-found',
    );
    const zone = { ...standup.time, timeZone: 'Mars/Olympus' };
    expect(refused(() => editEvent(doc, 'standup', { time: zone }, ctx())).message).toContain(
      'unknown time zone',
    );
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('[CAL5] reads around foreign and malformed data without throwing', () => {
    const doc = newCalendar();
    createEvent(doc, standup, ctx());
    const events = doc.getMap<unknown>('events');
    const map = events.get('standup') as Y.Map<unknown>;
    doc.transact(() => {
      map.set('reminders', 'soon');
      map.set('meetingUrl', 'javascript:alert(1)');
      (map.get('attendees') as Y.Map<unknown>).set('robot:r2', true);
      (map.get('exdates') as Y.Map<unknown>).set('next tuesday', true);
      map.set('futureField', { anything: 1 });
      events.set('broken', new Y.Map());
      events.set('number', 42);
      const bad = new Y.Map<unknown>();
      events.set('bad-time', bad);
      bad.set('title', 'x');
      bad.set('time', { kind: 'timed', start: '2026-13-01T09:00', end: 'x', timeZone: 'UTC' });
    });
    const { events: read, problems } = readCalendar(doc);
    expect(read.map((event) => event.id)).toEqual(['standup']);
    expect(read[0]).toMatchObject({ reminders: [], meetingUrl: null, exdates: [] });
    expect(problems.map((problem) => problem.eventId).sort()).toEqual([
      'bad-time',
      'broken',
      'number',
      'standup',
      'standup',
      'standup',
      'standup',
    ]);
    expect(problems.find((problem) => problem.eventId === 'bad-time')?.reason).toMatch(
      /^skipped: time/,
    );
  });
});

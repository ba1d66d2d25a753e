import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  answerEvent,
  CalendarError,
  createEvent,
  deleteOccurrence,
  editEvent,
  editOccurrence,
  expandAll,
  readCalendar,
  readEvent,
  splitSeries,
  type EventTime,
} from '../../../../shared/calendar/index.js';
import { ctx, newCalendar, T0, utc } from './helpers.js';

const WINDOW = { start: utc('2026-03-01T00:00Z'), end: utc('2026-05-01T00:00Z') };
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney'];

function base(): Y.Doc {
  const doc = newCalendar(1);
  createEvent(
    doc,
    {
      id: 'one',
      title: 'One',
      time: { kind: 'timed', start: '2026-03-10T09:00', end: '2026-03-10T10:00', timeZone: 'UTC' },
      organizer: 'p0',
      attendees: [{ kind: 'person', id: 'p1' }],
    },
    ctx(),
  );
  createEvent(
    doc,
    {
      id: 'series',
      title: 'Series',
      time: {
        kind: 'timed',
        start: '2026-03-02T09:00',
        end: '2026-03-02T09:30',
        timeZone: 'Europe/Berlin',
      },
      organizer: 'p0',
      rrule: 'FREQ=DAILY;COUNT=40',
      exdates: ['2026-03-05T09:00'],
      overrides: { '2026-03-06T09:00': { title: 'Special' } },
    },
    ctx(),
  );
  return doc;
}

function replica(from: Y.Doc, clientID: number): Y.Doc {
  const doc = newCalendar(clientID);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(from));
  return doc;
}

function send(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function randomTime(gen: prng.PRNG): EventTime {
  const day = String(prng.int32(gen, 1, 28)).padStart(2, '0');
  const hour = String(prng.int32(gen, 0, 22)).padStart(2, '0');
  return {
    kind: 'timed',
    start: `2026-03-${day}T${hour}:00`,
    end: `2026-03-${day}T${hour}:45`,
    timeZone: prng.oneOf(gen, ZONES),
  };
}

/** One random edit on `doc`; a refusal (a stale occurrence) is part of the game. */
function randomEdit(gen: prng.PRNG, doc: Y.Doc, step: number): boolean {
  const edit = ctx(`p${doc.clientID}`, T0 + step);
  const { events } = readCalendar(doc);
  if (events.length === 0) return false;
  const event = prng.oneOf(gen, events);
  const occurrences = expandAll([event], WINDOW, 'UTC').filter((o) => o.recurrenceId);
  const occurrence = occurrences.length > 0 ? prng.oneOf(gen, occurrences) : undefined;
  const rid = occurrence?.recurrenceId ?? undefined;
  const roll = prng.int32(gen, 0, 99);
  try {
    if (roll < 15) editEvent(doc, event.id, { title: `T${step}` }, edit);
    else if (roll < 25) editEvent(doc, event.id, { location: `L${step}` }, edit);
    else if (roll < 32) editEvent(doc, event.id, { time: randomTime(gen) }, edit);
    else if (roll < 42)
      answerEvent(
        doc,
        event.id,
        {
          person: `p${prng.int32(gen, 0, 3)}`,
          answer: prng.oneOf(gen, ['yes', 'no', 'maybe'] as const),
        },
        edit,
      );
    else if (roll < 47)
      editEvent(
        doc,
        event.id,
        { attendees: [{ kind: 'person', id: `p${prng.int32(gen, 0, 5)}` }] },
        edit,
      );
    else if (roll < 62 && rid) editOccurrence(doc, event.id, rid, { title: `O${step}` }, edit);
    else if (roll < 70 && rid) editOccurrence(doc, event.id, rid, { location: `OL${step}` }, edit);
    else if (roll < 75 && rid) deleteOccurrence(doc, event.id, rid, edit);
    else if (roll < 78 && rid)
      splitSeries(doc, event.id, rid, `split-${doc.clientID}-${step}`, { title: `S${step}` }, edit);
    else return false;
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    return false;
  }
  return true;
}

function run(seed: number): number {
  const gen = prng.create(seed);
  const origin = base();
  const docs = [1, 2, 3].map((i) => replica(origin, 100 + i));
  let edits = 0;
  for (let step = 0; step < 150; step++) {
    const doc = prng.oneOf(gen, docs);
    if (prng.int32(gen, 0, 99) < 25) send(doc, prng.oneOf(gen, docs));
    else if (randomEdit(gen, doc, step)) edits++;
  }
  // Everyone gets everything, in a random order of pairs.
  for (let round = 0; round < 3; round++)
    for (const from of prng.oneOf(gen, [docs, [...docs].reverse()]))
      for (const to of docs) if (from !== to) send(from, to);
  const reads = docs.map(readCalendar);
  for (const read of reads) {
    expect(read.problems).toEqual([]);
    expect(read).toEqual(reads[0]);
  }
  const months = docs.map((doc) => expandAll(readCalendar(doc).events, WINDOW, 'Asia/Tokyo'));
  for (const month of months) expect(month).toEqual(months[0]);
  return edits;
}

describe('[CAL20] seeded random concurrent edits', () => {
  for (const seed of [1, 42, 2026])
    it(`converge to the same valid events (seed ${seed}, 3 replicas)`, () => {
      expect(run(seed)).toBeGreaterThan(40);
    });

  it('keep concurrent edits of different fields of one event and one occurrence', () => {
    const origin = base();
    const [alice, bob] = [replica(origin, 10), replica(origin, 20)];
    editEvent(alice, 'one', { title: 'Renamed' }, ctx('alice'));
    editEvent(bob, 'one', { location: 'Room 7' }, ctx('bob'));
    answerEvent(alice, 'one', { person: 'alice', answer: 'yes' }, ctx('alice'));
    answerEvent(bob, 'one', { person: 'bob', answer: 'no', note: 'away' }, ctx('bob'));
    editOccurrence(alice, 'series', '2026-03-09T09:00', { title: 'Retro' }, ctx('alice'));
    editOccurrence(bob, 'series', '2026-03-09T09:00', { location: 'Roof' }, ctx('bob'));
    deleteOccurrence(alice, 'series', '2026-03-10T09:00', ctx('alice'));
    deleteOccurrence(bob, 'series', '2026-03-11T09:00', ctx('bob'));
    send(alice, bob);
    send(bob, alice);
    for (const doc of [alice, bob]) {
      expect(readEvent(doc, 'one')).toMatchObject({
        title: 'Renamed',
        location: 'Room 7',
        answers: { alice: { answer: 'yes' }, bob: { answer: 'no', note: 'away' } },
      });
      const series = readEvent(doc, 'series')!;
      expect(series.overrides['2026-03-09T09:00']).toEqual({ title: 'Retro', location: 'Roof' });
      expect(series.exdates).toEqual(['2026-03-05T09:00', '2026-03-10T09:00', '2026-03-11T09:00']);
    }
  });
});

/**
 * Calendars (shared/calendar, CALENDAR.md): opening the month view of a calendar
 * with 5,000 events, 200 of them recurring series (some with exceptions and
 * overrides), built with the real model and encoded as the relay would send it:
 * decode + read every event + expand one month, against the floor of decoding
 * the same update alone (Y.applyUpdate), in the same run. Then "find a time" for
 * 20 people in 4 time zones over 4 weeks, each with their busy time and hours.
 *
 *   node --expose-gc --import tsx bench/calendar.ts      (BENCH_EVENTS=20000 for more)
 */
import * as prng from 'lib0/prng';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import {
  createEvent,
  expandAll,
  findTimes,
  readCalendar,
  type CreateEventInput,
  type PersonAvailability,
} from '../shared/calendar/index.js';
import { fmt, markdownTable, mib, ms, percentile, progress } from './lib/report.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const SERIES = Number(process.env.BENCH_SERIES ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Shanghai'];
const RULES = [
  'FREQ=WEEKLY;BYDAY=MO,WE,FR',
  'FREQ=DAILY;INTERVAL=1',
  'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
  'FREQ=MONTHLY;BYMONTHDAY=-1',
  'FREQ=MONTHLY;BYDAY=1TH;COUNT=24',
];
const ctx = { by: 'u0', now: Date.UTC(2026, 0, 1) };
const pad = (n: number): string => String(n).padStart(2, '0');

function randomEvent(gen: prng.PRNG, i: number, recurring: boolean): CreateEventInput {
  const month = recurring ? prng.int32(gen, 1, 3) : prng.int32(gen, 1, 12);
  const date = `2026-${pad(month)}-${pad(prng.int32(gen, 1, 28))}`;
  const hour = prng.int32(gen, 7, 18);
  const input: CreateEventInput = {
    id: `e${i}`,
    title: `Event ${i}`,
    time: {
      kind: 'timed',
      start: `${date}T${pad(hour)}:${prng.oneOf(gen, ['00', '30'])}`,
      end: `${date}T${pad(hour + 1)}:00`,
      timeZone: prng.oneOf(gen, ZONES),
    },
    organizer: `p${i % 50}`,
    attendees: [
      { kind: 'person', id: `p${prng.int32(gen, 0, 49)}` },
      { kind: 'person', id: `p${prng.int32(gen, 0, 49)}` },
    ],
    location: 'Room 1',
    reminders: [10],
  };
  if (!recurring) return input;
  return { ...input, rrule: prng.oneOf(gen, RULES) };
}

/** One transaction per event, as people create them; series get exceptions later. */
function buildCalendar(): Uint8Array {
  const gen = prng.create(17);
  const doc = new Y.Doc();
  for (let i = 0; i < EVENTS; i++) createEvent(doc, randomEvent(gen, i, i < SERIES), ctx);
  return Y.encodeStateAsUpdate(doc);
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function median(fn: () => void): number {
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    gc();
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return percentile(samples, 50);
}

const APRIL = { start: Date.UTC(2026, 2, 30), end: Date.UTC(2026, 4, 4) }; // the grid's 5 weeks

function people(): PersonAvailability[] {
  const gen = prng.create(20);
  return Array.from({ length: 20 }, (_, i) => {
    const busy = Array.from({ length: 60 }, () => {
      const start = Date.UTC(2026, 2, 2 + prng.int32(gen, 0, 27), prng.int32(gen, 0, 23));
      return { start, end: start + prng.oneOf(gen, [30, 60, 90]) * 60_000 };
    });
    return {
      person: `p${i}`,
      busy,
      workingHours: {
        days: [1, 2, 3, 4, 5],
        start: '08:00',
        end: '18:00',
        timeZone: ZONES[i % 2]!,
      },
      hidden: i === 19,
    };
  });
}

export function calendarBench(): string {
  progress(`calendar: building ${fmt(EVENTS)} events (${fmt(SERIES)} series) with the model...`);
  const update = buildCalendar();
  const decode = () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    return doc;
  };
  progress('calendar: measuring the month view...');
  const coldStart = performance.now();
  const coldShown = expandAll(readCalendar(decode()).events, APRIL, 'Europe/Berlin').length;
  const coldMs = performance.now() - coldStart;
  const decodeMs = median(() => void decode());
  const readMs = median(() => void readCalendar(decode()));
  let shown = 0;
  const monthMs = median(() => {
    shown = expandAll(readCalendar(decode()).events, APRIL, 'Europe/Berlin').length;
  });
  const events = readCalendar(decode()).events;
  const nextMonthMs = median(
    () => void expandAll(events, { start: APRIL.end, end: APRIL.end + 35 * 86_400_000 }, 'UTC'),
  );

  progress('calendar: measuring find-a-time...');
  const team = people();
  const range = { start: Date.UTC(2026, 2, 2), end: Date.UTC(2026, 2, 30) };
  let found = 0;
  const findMs = median(() => {
    found = findTimes(team, { range, minutes: 60, count: 10, stepMinutes: 30 }).length;
  });
  const allMs = median(
    () => void findTimes(team, { range, minutes: 30, count: 100, stepMinutes: 15 }),
  );
  const rows = [
    ['decode the Yjs update only (floor)', ms(decodeMs), '1.00x'],
    ['decode + read every event (readCalendar)', ms(readMs), `${fmt(readMs / decodeMs, 2)}x`],
    [
      `first month view in the process (cold zone-offset memo, ${fmt(coldShown)} occurrences)`,
      ms(coldMs),
      `${fmt(coldMs / decodeMs, 2)}x`,
    ],
    [
      `open the month view: decode + read + expand 5 weeks (${fmt(shown)} occurrences)`,
      ms(monthMs),
      `${fmt(monthMs / decodeMs, 2)}x`,
    ],
    ['next month: expand 5 weeks of events already read', ms(nextMonthMs), ''],
  ];
  return [
    `### Calendar month view: ${fmt(EVENTS)} events, ${fmt(SERIES)} recurring (median of ${ROUNDS}; update ${mib(update.length)})`,
    '',
    markdownTable(['step', 'time', 'vs decode'], rows),
    '',
    `### Find a time: 20 people, 2 zones, 60 busy intervals each, 4 weeks (median of ${ROUNDS})`,
    '',
    markdownTable(
      ['search', 'time'],
      [
        [`earliest 10 one-hour slots on a 30-min grid (${found} found)`, ms(findMs)],
        ['earliest 100 half-hour slots on a 15-min grid', ms(allMs)],
      ],
    ),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${calendarBench()}\n`);
}

/**
 * A calendar subscription URL's answer (issue 17, CAL60–CAL65): rendering the .ics of
 * a calendar with 5,000 timed events in 4 zones, 200 of them weekly series without an
 * end (so the VTIMEZONEs span five years past now): decode the stored update + read
 * every event + exportIcs, against the floor of decoding the same update alone
 * (Y.applyUpdate), in the same run. A poll whose ETag matches is answered from a hash
 * of the stored bytes without any of this.
 *
 *   node --import tsx bench/calendar-feed.ts     (BENCH_EVENTS, BENCH_ROUNDS)
 */
import * as Y from 'yjs';
import { createEvent, exportIcs, readCalendar } from '../shared/calendar/index.js';
import { fmt, markdownTable, ms, percentile } from './lib/report.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Tokyo'];

const doc = new Y.Doc();
doc.transact(() => {
  for (let i = 0; i < EVENTS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    createEvent(
      doc,
      {
        id: `e${i}`,
        title: `Event ${i}`,
        organizer: 'a',
        time: {
          kind: 'timed',
          start: `2030-${month}-${day}T09:00`,
          end: `2030-${month}-${day}T10:00`,
          timeZone: ZONES[i % ZONES.length]!,
        },
        ...(i < 200 ? { rrule: 'FREQ=WEEKLY;BYDAY=MO' } : {}),
      },
      { by: 'a', now: 0 },
    );
  }
});
const update = Y.encodeStateAsUpdate(doc);

const render: number[] = [];
const decode: number[] = [];
let bytes = 0;
for (let r = 0; r < ROUNDS; r++) {
  let started = performance.now();
  const copy = new Y.Doc();
  Y.applyUpdate(copy, update);
  const body = exportIcs(readCalendar(copy).events, {
    emailOf: () => undefined,
    now: Date.UTC(2026, 10, 30),
    name: 'Bench',
  });
  render.push(performance.now() - started);
  bytes = body.length;
  started = performance.now();
  Y.applyUpdate(new Y.Doc(), update);
  decode.push(performance.now() - started);
}
const floor = percentile(decode, 50);
const full = percentile(render, 50);
console.log(`### Calendar subscription feed (${fmt(EVENTS)} events, median of ${ROUNDS})\n`);
console.log(
  markdownTable(
    ['step', 'time', 'vs decode'],
    [
      ['floor: decode the stored update only', ms(floor), '1.00x'],
      ['decode + read + exportIcs (with VTIMEZONEs)', ms(full), `${(full / floor).toFixed(2)}x`],
    ],
  ),
);
console.log(`\nfile: ${fmt(bytes / 1024)} KiB`);

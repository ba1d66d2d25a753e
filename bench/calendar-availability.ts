/**
 * Availability through the relay (embedded mode, SQLite files): 20 people each
 * publish 8 weeks of busy time (three meetings a working day), then one member asks
 * for all 20 over 4 weeks (`GET /api/calendar/availability`), one request at a time,
 * and runs find-a-time over the answer as the device does. Beside it, in the same
 * run, the floor of an authenticated API call that reads one row
 * (`GET /api/calendar/settings`).
 *
 *   node --import tsx bench/calendar-availability.ts      (BENCH_ROUNDS=200 by default)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AvailabilityAnswer } from '../shared/api/calendar-availability.js';
import { SqlitePersistence } from '../sync-server/src/persistence/sqlite-persistence.js';
import { invitees, suggestions } from '../client/src/workspace/calendar/availability/schedule.js';
import { startTestRelay } from '../tests/support/test-relay.js';
import { invitePerson, signInOwner } from '../tests/support/workspace-people.js';
import { fmt, markdownTable, ms, percentile } from './lib/report.js';

const PEOPLE = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const ZONES = ['Europe/Berlin', 'America/New_York', 'Europe/Helsinki', 'Europe/London'];
const DAY = 86_400_000;
const H = 3_600_000;
const T0 = Date.UTC(2030, 0, 7);
const MEETING_HOURS = [8, 9, 11, 13, 14, 16];

const dir = mkdtempSync(join(tmpdir(), 'bench-availability-'));
const relay = await startTestRelay({
  persistence: new SqlitePersistence({ file: join(dir, 'relay.sqlite') }),
});
try {
  const owner = await signInOwner(relay);
  const ids: string[] = [];
  for (let p = 0; p < PEOPLE; p++) {
    const person = p === 0 ? owner : await invitePerson(relay, owner);
    ids.push(person.id);
    const timeZone = ZONES[p % ZONES.length]!;
    await person.api.call('PUT', '/calendar/settings', {
      timeZone,
      workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' },
      hidden: false,
    });
    const busy = [];
    for (let d = 0; d < 56; d++) {
      if (d % 7 >= 5) continue;
      // Three meetings a day at hours (UTC) shared out among people, so that some
      // hours stay free for everyone and find-a-time has slots to find.
      for (let m = 0; m < 3; m++) {
        const start = T0 + d * DAY + MEETING_HOURS[(p + m * 2) % MEETING_HOURS.length]! * H;
        busy.push({ start, end: start + H });
      }
    }
    const published = await person.api.call('PUT', '/calendar/busy', { timeZone, busy });
    if (published.status !== 200) throw new Error(`publish failed: ${published.status}`);
  }
  const question = `/calendar/availability?people=${ids.join(',')}&from=${T0}&to=${T0 + 28 * DAY}`;
  const time = async (run: () => Promise<void>) => {
    const samples: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const started = performance.now();
      await run();
      samples.push(performance.now() - started);
    }
    return samples.sort((a, b) => a - b);
  };
  for (let i = 0; i < 10; i++) await owner.api.call('GET', question); // warm up
  let answer = AvailabilityAnswer.parse((await owner.api.call('GET', question)).body);
  const ask = await time(async () => {
    answer = await owner.api.ok(AvailabilityAnswer, 'GET', question);
  });
  const floor = await time(async () => {
    await owner.api.call('GET', '/calendar/settings');
  });
  // find-a-time runs last: a long synchronous loop leaves the kept-alive socket idle.
  const bytes = JSON.stringify(answer).length;
  let slots = 0;
  const find = await time(() => {
    slots = suggestions(invitees(answer), { start: T0, end: T0 + 28 * DAY }, 60, 5).length;
    return Promise.resolve();
  });
  const p50 = (s: number[]) => percentile(s, 50);
  console.log(
    `### Availability through the relay (HTTP, embedded, ${PEOPLE} people, 4 weeks, ${ROUNDS} rounds)\n`,
  );
  console.log(
    markdownTable(
      ['operation', 'p50', 'p95', 'vs floor'],
      [
        [
          `GET availability of ${PEOPLE} people (${fmt(bytes / 1024)} KiB)`,
          ms(p50(ask)),
          ms(percentile(ask, 95)),
          `${fmt(p50(ask) / p50(floor), 1)}x`,
        ],
        [
          `find-a-time over that answer on the device (${slots} slots)`,
          ms(p50(find)),
          ms(percentile(find, 95)),
          `${fmt(p50(find) / p50(floor), 2)}x`,
        ],
        ['floor: GET /api/calendar/settings', ms(p50(floor)), ms(percentile(floor, 95)), '1.00x'],
      ],
    ),
  );
} finally {
  await relay.stop();
}

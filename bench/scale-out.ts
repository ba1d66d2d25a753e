/**
 * Scale-out (issue 18): several relays on one PostgreSQL and one Redis, side by side
 * in one run with the embedded relay (SQLite) and the raw forwarder. Fan-out across
 * relays, confirm latency, cold load from PostgreSQL, a relay SIGKILLed under load,
 * and the raw ceiling of the shared stores. Clients are version 1 (stock y-websocket
 * framing, `confirm=1` where confirms are timed).
 *
 *   node --import tsx bench/scale-out.ts                 # ~6 min on a quiet 2-core VM
 *   SO_ROUNDS=3 SO_MEASURE_MS=3000 node --import tsx bench/scale-out.ts
 *   SO_CPU_PROF=/tmp/prof SO_SECTIONS=fanout node --import tsx bench/scale-out.ts
 */
import { pathToFileURL } from 'node:url';
import { startPostgres } from '../tests/support/postgres-server.js';
import { startRedisServer } from '../tests/support/redis-server.js';
import { confirmSection } from './lib/scale-confirm.js';
import { coldLoadSection, killSection } from './lib/scale-sections.js';
import { fanoutSection } from './lib/scale-fanout-section.js';
import { ceilingSection } from './lib/scale-ceiling-section.js';
import { progress } from './lib/report.js';

const sections = (process.env.SO_SECTIONS ?? 'fanout,confirm,cold,kill,ceiling').split(',');

export async function scaleOut(): Promise<string> {
  progress('scale-out: starting PostgreSQL and Redis...');
  const postgres = await startPostgres();
  const redis = await startRedisServer();
  const stores = { postgres, redis };
  const out: string[] = [];
  try {
    const started = performance.now();
    const timed = async (name: string, fn: () => Promise<string>) => {
      if (!sections.includes(name)) return;
      const t0 = performance.now();
      out.push(await fn());
      progress(`scale-out: ${name} took ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    };
    await timed('fanout', () => fanoutSection(stores));
    await timed('confirm', () => confirmSection(stores));
    await timed('cold', () => coldLoadSection(stores));
    await timed('kill', () => killSection(stores));
    await timed('ceiling', () => ceilingSection(stores));
    progress(`scale-out: ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
  } finally {
    await redis.stop();
    await postgres.stop();
  }
  return out.join('\n\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${await scaleOut()}\n`);
}

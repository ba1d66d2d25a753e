/**
 * A synthetic team-chat thread for the AI benchmarks: varied messages (status
 * updates, questions, answers, decisions, links, code, Markdown lists, jokes and
 * acknowledgements) from 9 writers, one every ~3 minutes, generated
 * deterministically from a seed (mulberry32), so every run reads the same text.
 */
import type { SourceText } from '../../client/src/features/ai/model/index.js';

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = ['ann', 'bob', 'chen', 'dara', 'eli', 'fay', 'gus', 'hana', 'ivo'];
const SYSTEMS = [
  'checkout service',
  'search index',
  'billing export',
  'mobile login',
  'release pipeline',
  'staging database',
  'notification worker',
  'attachment upload',
  'calendar sync',
  'audit log',
];
const PROBLEMS = [
  'times out under load',
  'leaks memory after a deploy',
  'drops events on reconnect',
  'returns stale results',
  'fails on large files',
  'is slow for customers in Asia',
  'retries forever on 429 responses',
  'breaks with daylight saving time',
];
const FIXES = [
  'a bounded cache',
  'exponential backoff',
  'a feature flag',
  'a schema migration',
  'a second replica',
  'batching the writes',
  'a nightly cleanup job',
  'a circuit breaker',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const NOISE = [
  'ok',
  'thanks!',
  '👍',
  'lol',
  'haha nice',
  'on it',
  'sounds good',
  'brb coffee ☕',
  '+1',
];

export function chatThread(
  count: number,
  seed = 42,
  start = Date.UTC(2026, 2, 2, 9),
): SourceText[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const templates: Array<() => string> = [
    () => `The ${pick(SYSTEMS)} ${pick(PROBLEMS)} since the last release.`,
    () => `I looked into the ${pick(SYSTEMS)}: it ${pick(PROBLEMS)}. Trying ${pick(FIXES)} next.`,
    () => `Should we use ${pick(FIXES)} for the ${pick(SYSTEMS)}, or wait for the rewrite?`,
    () => `We agreed to ship ${pick(FIXES)} for the ${pick(SYSTEMS)} on ${pick(DAYS)}.`,
    () => `Decision: the ${pick(SYSTEMS)} owner is @${pick(PEOPLE)} until the incident review.`,
    () =>
      `PR for the ${pick(SYSTEMS)} is up: https://git.example.com/app/pull/${Math.floor(random() * 9000) + 1000}, needs a review.`,
    () =>
      `Call \`retry.withBackoff()\` in the ${pick(SYSTEMS)} client, e.g. with a 30 s cap. It fixed the same bug in the ${pick(SYSTEMS)}.`,
    () =>
      `Status for ${pick(DAYS)}:\n- ${pick(SYSTEMS)} ${pick(PROBLEMS)}\n- **${pick(FIXES)}** is merged\n- QA starts on the ${pick(SYSTEMS)}`,
    () => `Any idea why the ${pick(SYSTEMS)} ${pick(PROBLEMS)} only in production?`,
    () =>
      `Dashboards show the ${pick(SYSTEMS)} error rate went from ${Math.floor(random() * 9) + 1}% to 0.${Math.floor(random() * 9)}% after ${pick(FIXES)}.`,
    () => pick(NOISE),
    () => pick(NOISE),
  ];
  return Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    author: pick(PEOPLE),
    text: pick(templates)(),
    at: start + i * 180_000,
  }));
}

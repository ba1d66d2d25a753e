import type { ReadinessCheck } from '../stores.js';

/** A store that has not answered in this long counts as down. */
const CHECK_TIMEOUT_MS = 2_000;

export type CheckResult = 'ok' | 'down';

/** Runs every check at once; each answers `ok` or, failing or too slow, `down`. */
export async function runChecks(
  checks: readonly ReadinessCheck[],
): Promise<Record<string, CheckResult>> {
  const results = await Promise.all(
    checks.map(async (entry) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
      });
      try {
        await Promise.race([entry.check(), timeout]);
        return [entry.name, 'ok'] as const;
      } catch {
        return [entry.name, 'down'] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return Object.fromEntries(results);
}

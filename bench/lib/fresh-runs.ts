import { execFileSync } from 'node:child_process';
import { repoRoot } from './server-process.js';

/**
 * Runs `node --expose-gc --import tsx <args>` `runs` times, each in a fresh process
 * (its own heap and JIT), and parses each run's stdout as JSON.
 */
export function freshRuns<T>(args: string[], runs: number): T[] {
  return Array.from({ length: runs }, () => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    return JSON.parse(out) as T;
  });
}

export const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

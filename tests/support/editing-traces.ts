import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** [position, deleteCount, insertText], positions in unicode code points. */
export type Patch = [number, number, string];

export interface SequentialTrace {
  startContent: string;
  endContent: string;
  txns: { patches: Patch[] }[];
}

export interface ConcurrentTrace {
  kind: 'concurrent';
  endContent: string;
  numAgents: number;
  txns: { parents: number[]; agent: number; patches: Patch[] }[];
}

/**
 * Where the editing traces live (CC BY 4.0, never committed here): the
 * EDITING_TRACES_DIR variable, else ../shared/data/editing-traces beside the checkout.
 */
export const tracesDir = resolve(
  process.env.EDITING_TRACES_DIR ??
    join(fileURLToPath(new URL('../..', import.meta.url)), '../shared/data/editing-traces'),
);

export function traceAvailable(name: string): boolean {
  return existsSync(join(tracesDir, `${name}.json.gz`));
}

export function loadTrace<T = SequentialTrace>(name: string): T {
  return JSON.parse(
    gunzipSync(readFileSync(join(tracesDir, `${name}.json.gz`))).toString('utf8'),
  ) as T;
}

/** True when no insert holds a character outside the BMP, so code points equal UTF-16 indexes. */
export function bmpOnly(txns: { patches: Patch[] }[]): boolean {
  return txns.every((txn) => txn.patches.every(([, , ins]) => !/[\uD800-\uDFFF]/.test(ins)));
}

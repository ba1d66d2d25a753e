import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';

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

const MISSING_HELP = `no such trace in ${tracesDir}; put josephg/editing-traces' .json.gz files there or set EDITING_TRACES_DIR`;

export function traceAvailable(name: string): boolean {
  return existsSync(join(tracesDir, `${name}.json.gz`));
}

/**
 * Whether a test that replays these traces is to be skipped: only outside CI, and it
 * says why. Under CI (the CI variable set, as by .ci/run) a missing trace is not a
 * reason to pass: the test runs and loadTrace fails, naming the file and the folder.
 */
export function skipWithoutTraces(...names: string[]): boolean {
  const missing = names.filter((name) => !traceAvailable(name));
  if (missing.length === 0 || process.env.CI) return false;
  console.warn(`skipping the ${missing.join(', ')} replay: ${MISSING_HELP}`);
  return true;
}

export function loadTrace<T = SequentialTrace>(name: string): T {
  if (!traceAvailable(name)) throw new Error(`editing trace ${name}: ${MISSING_HELP}`);
  return JSON.parse(
    gunzipSync(readFileSync(join(tracesDir, `${name}.json.gz`))).toString('utf8'),
  ) as T;
}

/** True when no insert holds a character outside the BMP, so code points equal UTF-16 indexes. */
export function bmpOnly(txns: { patches: Patch[] }[]): boolean {
  return txns.every((txn) => txn.patches.every(([, , ins]) => !/[\uD800-\uDFFF]/.test(ins)));
}

/** Applies a trace txn's patches to a Y.Text (BMP-only traces: code points are UTF-16 indexes). */
export function applyPatches(text: Y.Text, patches: Patch[]): void {
  for (const [pos, del, ins] of patches) {
    if (del > 0) text.delete(pos, del);
    if (ins) text.insert(pos, ins);
  }
}

/**
 * Each txn of a concurrent trace as the Yjs update its agent wrote, generated on a
 * doc (one client id per agent) that holds exactly the txn's ancestors; `ends` is
 * where each txn leaves its agent's clock.
 */
export function concurrentUpdates(trace: ConcurrentTrace): {
  updates: Uint8Array[];
  ends: { client: number; clock: number }[];
} {
  const agents = Array.from({ length: trace.numAgents }, () => ({
    doc: new Y.Doc(),
    has: new Set<number>(),
  }));
  const updates: Uint8Array[] = [];
  const ends: { client: number; clock: number }[] = [];
  for (const [index, txn] of trace.txns.entries()) {
    const agent = agents[txn.agent];
    if (!agent) throw new Error(`txn ${index} names unknown agent ${txn.agent}`);
    const missing: number[] = [];
    const stack = [...txn.parents];
    while (stack.length > 0) {
      const p = stack.pop() as number;
      if (agent.has.has(p)) continue;
      agent.has.add(p);
      missing.push(p);
      stack.push(...(trace.txns[p]?.parents ?? []));
    }
    for (const p of missing.sort((a, b) => a - b))
      Y.applyUpdate(agent.doc, updates[p] as Uint8Array);
    const before = Y.encodeStateVector(agent.doc);
    agent.doc.transact(() => applyPatches(agent.doc.getText('t'), txn.patches));
    updates.push(Y.encodeStateAsUpdate(agent.doc, before));
    ends.push({
      client: agent.doc.clientID,
      clock: Y.getState(agent.doc.store, agent.doc.clientID),
    });
    agent.has.add(index);
  }
  agents.forEach((agent) => agent.doc.destroy());
  return { updates, ends };
}

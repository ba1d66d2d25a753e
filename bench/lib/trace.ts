import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { repoRoot } from './server-process.js';

/** An editing trace from josephg/editing-traces: positions are in unicode characters. */
export interface EditingTrace {
  startContent: string;
  endContent: string;
  txns: { patches: [number, number, string][] }[];
}

/** Never committed: read from EDITING_TRACES_DIR, default ../shared/data/editing-traces. */
export const tracesDir = resolve(
  process.env.EDITING_TRACES_DIR ?? join(repoRoot, '..', 'shared', 'data', 'editing-traces'),
);

export function loadTrace(name: string): EditingTrace {
  const file = join(tracesDir, `${name}.json.gz`);
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as EditingTrace;
}

/**
 * Replays a trace into a Y.Text (name 'text'), one transaction per trace txn, and
 * returns the Yjs update of each: the keystroke log a relay would have stored.
 * Y.Text indexes UTF-16 code units; the traces used here are all in the BMP, so
 * unicode-character positions and UTF-16 indexes agree (checked against endContent).
 */
export function traceUpdates(trace: EditingTrace): Uint8Array[] {
  const doc = new Y.Doc();
  // A fixed, full-width (5-byte varUint) client id keeps byte sizes the same run to run.
  doc.clientID = 2_000_000_000;
  const text = doc.getText('text');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  if (trace.startContent) text.insert(0, trace.startContent);
  for (const { patches } of trace.txns) {
    doc.transact(() => {
      for (const [pos, del, ins] of patches) {
        if (del > 0) text.delete(pos, del);
        if (ins) text.insert(pos, ins);
      }
    });
  }
  if (text.toString() !== trace.endContent) throw new Error('trace replay diverged');
  doc.destroy();
  return updates;
}

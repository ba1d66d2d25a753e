import * as Y from 'yjs';
import { applyPatches, type SequentialTrace } from '../../tests/support/editing-traces.js';

// One loader for tests and benchmarks (EDITING_TRACES_DIR, default ../shared/data/editing-traces).
export { loadTrace, tracesDir } from '../../tests/support/editing-traces.js';

/** An editing trace from josephg/editing-traces: positions are in unicode characters. */
export type EditingTrace = SequentialTrace;

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
    doc.transact(() => applyPatches(text, patches));
  }
  if (text.toString() !== trace.endContent) throw new Error('trace replay diverged');
  doc.destroy();
  return updates;
}

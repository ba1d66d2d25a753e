import type { JSONContent } from '@tiptap/core';
import type { DocRegistry, RoomHandle } from '../../../sync/doc-registry.js';
import { readDocJson } from '../../../../../shared/model/docs/doc-json.js';

const WAIT_MS = 8000;

/** Resolves once the room's local copy is loaded and, if the relay is reachable, synced. */
function settled(handle: RoomHandle): Promise<void> {
  const started = Date.now();
  return new Promise((resolve) => {
    const check = () => {
      const kind = handle.status().kind;
      const done = handle.loaded() && (kind === 'synced' || kind === 'offline' || kind === 'error');
      if (done || Date.now() - started > WAIT_MS) resolve();
      else setTimeout(check, 50);
    };
    check();
  });
}

/** Reads each doc (from this device, brought up to date by the relay when online). */
export async function readDocs(
  registry: DocRegistry,
  docs: readonly { id: string; title: string }[],
): Promise<{ title: string; json: JSONContent }[]> {
  const out: { title: string; json: JSONContent }[] = [];
  for (const doc of docs) {
    const handle = registry.acquire(doc.id);
    try {
      await settled(handle);
      out.push({ title: doc.title, json: readDocJson(handle.doc) });
    } finally {
      handle.release();
    }
  }
  return out;
}

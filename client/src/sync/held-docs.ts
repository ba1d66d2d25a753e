import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import type { DocRegistry } from './doc-registry.js';

/**
 * Rooms a view reads on demand (search opens every month, doc and project it finds):
 * `hold(name)` acquires a room once and returns its doc; `version` changes on any
 * update of any held doc, so memos that read through `hold` re-run. Everything is
 * released when the owning component is cleaned up.
 */
export function createHeldDocs(registry: DocRegistry): {
  hold: (roomName: string) => Y.Doc;
  version: Accessor<number>;
} {
  const [version, setVersion] = createSignal(0);
  const bump = () => setVersion((v) => v + 1);
  const held = new Map<string, { doc: Y.Doc; release: () => void }>();
  onCleanup(() => held.forEach((entry) => entry.release()));
  return {
    version,
    hold(name) {
      const existing = held.get(name);
      if (existing) return existing.doc;
      const handle = registry.acquire(name);
      handle.doc.on('update', bump);
      held.set(name, {
        doc: handle.doc,
        release: () => (handle.doc.off('update', bump), handle.release()),
      });
      return handle.doc;
    },
  };
}

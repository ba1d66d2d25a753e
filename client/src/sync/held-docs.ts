import { onCleanup, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import type { DocRegistry } from './doc-registry.js';
import { createYjsVersion } from './yjs-signal.js';

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
  const { version, watch } = createYjsVersion();
  const held = new Map<string, { doc: Y.Doc; release: () => void }>();
  onCleanup(() => held.forEach((entry) => entry.release()));
  return {
    version,
    hold(name) {
      const existing = held.get(name);
      if (existing) return existing.doc;
      const handle = registry.acquire(name);
      const unwatch = watch(handle.doc);
      held.set(name, { doc: handle.doc, release: () => (unwatch(), handle.release()) });
      return handle.doc;
    },
  };
}

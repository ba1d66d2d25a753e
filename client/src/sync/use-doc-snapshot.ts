import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type * as Y from 'yjs';

/**
 * A plain-data view of a Y.Doc as a Solid signal: `read` runs once now and again
 * after each burst of updates (coalesced to one read per microtask, so a sync
 * step that applies thousands of updates costs one read). Unobserves on cleanup.
 */
export function useDocSnapshot<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): Accessor<T> {
  const [value, setValue] = createSignal(read(doc), { equals: false });
  let scheduled = false;
  const onUpdate = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      setValue(() => read(doc));
    });
  };
  doc.on('update', onUpdate);
  onCleanup(() => doc.off('update', onUpdate));
  return value;
}

import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type * as Y from 'yjs';

/** A signal that changes after every update of `doc`; memos read the doc after reading it. */
export function docVersion(doc: Y.Doc): Accessor<number> {
  const [version, setVersion] = createSignal(0);
  const bump = () => setVersion((v) => v + 1);
  doc.on('update', bump);
  onCleanup(() => doc.off('update', bump));
  return version;
}

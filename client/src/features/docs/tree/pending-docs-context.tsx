import { createContext, useContext, type JSX } from 'solid-js';
import type { PendingDocs } from './pending-docs.js';

/**
 * The queue of offline-created docs is made once for the whole app (main.tsx): the
 * room registry consults it before opening any socket, and the Docs page flushes it.
 */
const PendingDocsContext = createContext<PendingDocs>();

export function PendingDocsProvider(props: { pending: PendingDocs; children: JSX.Element }) {
  return (
    <PendingDocsContext.Provider value={props.pending}>
      {props.children}
    </PendingDocsContext.Provider>
  );
}

export function usePendingDocs(): PendingDocs {
  const pending = useContext(PendingDocsContext);
  if (!pending) throw new Error('usePendingDocs needs a <PendingDocsProvider> above it');
  return pending;
}

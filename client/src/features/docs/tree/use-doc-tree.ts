import { createMemo } from 'solid-js';
import { useSession } from '../../../auth/session-context.js';
import { useDocs } from '../docs-context.js';
import { buildDocTree, docEntries } from './doc-tree.js';

/** The doc tree of the directory plus docs created here and not yet on the relay. */
export function useDocTree() {
  const session = useSession();
  const { pending } = useDocs();
  return createMemo(() => buildDocTree(docEntries(session.directory(), pending.list())));
}

import type { JSONContent } from '@tiptap/core';
import {
  createContext,
  createResource,
  onCleanup,
  onMount,
  useContext,
  type Accessor,
  type JSX,
} from 'solid-js';
import type { UserSummary } from '../../../../shared/api/schemas.js';
import { useApi, useSession } from '../../auth/session-context.js';
import { createPendingDocs, type PendingDocs } from './tree/pending-docs.js';

interface DocsServices {
  pending: PendingDocs;
  /** Markdown imported into a new doc, written into its Y.Doc when it first opens. */
  imports: Map<string, JSONContent>;
  people: Accessor<readonly UserSummary[]>;
}

const DocsContext = createContext<DocsServices>();

/** How often queued offline-created docs are retried while the Docs page is open. */
const FLUSH_MS = 15_000;

export function DocsProvider(props: { children: JSX.Element }) {
  const api = useApi();
  const session = useSession();
  const pending = createPendingDocs({
    api,
    storage: localStorage,
    registered: (room) => session.addRoom(room),
  });
  const [people] = createResource(async () => {
    try {
      return await api.users();
    } catch {
      return [];
    }
  });
  onMount(() => {
    const flush = () => void pending.flush();
    flush();
    window.addEventListener('online', flush);
    const timer = setInterval(flush, FLUSH_MS);
    onCleanup(() => {
      window.removeEventListener('online', flush);
      clearInterval(timer);
    });
  });
  const services: DocsServices = { pending, imports: new Map(), people: () => people() ?? [] };
  return <DocsContext.Provider value={services}>{props.children}</DocsContext.Provider>;
}

export function useDocs(): DocsServices {
  const services = useContext(DocsContext);
  if (!services) throw new Error('useDocs needs a <DocsProvider> above it');
  return services;
}

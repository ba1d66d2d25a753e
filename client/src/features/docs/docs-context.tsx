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
import { useApi } from '../../auth/session-context.js';
import type { PendingDocs } from './tree/pending-docs.js';
import { usePendingDocs } from './tree/pending-docs-context.js';

interface DocsServices {
  pending: PendingDocs;
  /** Markdown imported into a new doc, written into its Y.Doc when it first opens. */
  imports: Map<string, JSONContent>;
  people: Accessor<readonly UserSummary[]>;
  /** Asks the relay for the people list again (when a mention starts); keeps the old one offline. */
  refreshPeople: () => Promise<void>;
}

const DocsContext = createContext<DocsServices>();

/** How often queued offline-created docs are retried while the Docs page is open. */
const FLUSH_MS = 15_000;
const PEOPLE_REFRESH_MS = 3000;

export function DocsProvider(props: { children: JSX.Element }) {
  const api = useApi();
  const pending = usePendingDocs();
  const [people, { mutate }] = createResource(async () => {
    try {
      return await api.users();
    } catch {
      return [];
    }
  });
  let refreshedAt = 0;
  let refreshing: Promise<void> = Promise.resolve();
  const refreshPeople = () => {
    // At most every few seconds (suggestions ask on every keystroke after "@"); calls
    // meanwhile wait for the same answer, so a fast typist never sees the stale list.
    if (Date.now() - refreshedAt < PEOPLE_REFRESH_MS) return refreshing;
    refreshedAt = Date.now();
    refreshing = api.users().then(
      (list) => void mutate(list),
      () => {
        // offline or a guest: keep what we had
      },
    );
    return refreshing;
  };
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
  const services: DocsServices = {
    pending,
    imports: new Map(),
    people: () => people() ?? [],
    refreshPeople,
  };
  return <DocsContext.Provider value={services}>{props.children}</DocsContext.Provider>;
}

export function useDocs(): DocsServices {
  const services = useContext(DocsContext);
  if (!services) throw new Error('useDocs needs a <DocsProvider> above it');
  return services;
}

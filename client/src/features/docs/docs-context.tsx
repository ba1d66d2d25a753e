import type { JSONContent } from '@tiptap/core';
import { createContext, onCleanup, onMount, useContext, type JSX } from 'solid-js';
import type { PendingDocs } from './tree/pending-docs.js';
import { usePendingDocs } from './tree/pending-docs-context.js';

interface DocsServices {
  pending: PendingDocs;
  /** Markdown imported into a new doc, written into its Y.Doc when it first opens. */
  imports: Map<string, JSONContent>;
}

const DocsContext = createContext<DocsServices>();

/**
 * Outlives the provider: the Docs list and an open doc are different routes, each
 * with its own <DocsProvider>, and an import is handed from the one to the other
 * (a per-provider map was empty by the time the new doc opened) [MD6].
 */
const imports = new Map<string, JSONContent>();

/** How often queued offline-created docs are retried while the Docs page is open. */
const FLUSH_MS = 15_000;

export function DocsProvider(props: { children: JSX.Element }) {
  const pending = usePendingDocs();
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
    imports,
  };
  return <DocsContext.Provider value={services}>{props.children}</DocsContext.Provider>;
}

export function useDocs(): DocsServices {
  const services = useContext(DocsContext);
  if (!services) throw new Error('useDocs needs a <DocsProvider> above it');
  return services;
}

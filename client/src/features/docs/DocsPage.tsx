import { useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { useSession } from '../../auth/session-context.js';
import { DocsProvider, useDocs } from './docs-context.js';
import { DocView } from './DocView.js';
import { DocTreePanel } from './tree/DocTreePanel.js';
import { MovedDocsNotice } from './tree/MovedDocsNotice.js';
import { useDocTree } from './tree/use-doc-tree.js';
import './docs.css';

/** /docs and /docs/:id — the doc tree beside the open doc. */
export function DocsPage() {
  return (
    <DocsProvider>
      <DocsLayout />
    </DocsProvider>
  );
}

function DocsLayout() {
  const params = useParams<{ id?: string }>();
  const tree = useDocTree();
  const session = useSession();
  const docs = useDocs();
  return (
    <div class="page docs-page">
      <div class="stack">
        <h1>Docs</h1>
        <MovedDocsNotice pending={docs.pending} />
        <DocTreePanel current={params.id ?? null} />
      </div>
      {/* Keyed on the person and the id only: directory updates (a rename, a favourite)
          keep the editor, while someone else signing in on this device (which closes every
          open room) opens the doc afresh. */}
      <Show
        when={params.id && session.me() ? `${session.me()?.user.id}/${params.id}` : null}
        keyed
        fallback={<p class="muted">Pick a doc on the left, or create one.</p>}
      >
        {(key) => (
          <Show
            when={tree().byId.get(key.slice(key.indexOf('/') + 1))}
            fallback={<DocUnavailable />}
          >
            {(doc) => <DocView doc={doc()} />}
          </Show>
        )}
      </Show>
    </div>
  );
}

function DocUnavailable() {
  return (
    <section class="stack">
      <h2>Doc not available</h2>
      <p>This doc does not exist, or you do not have access to it.</p>
    </section>
  );
}

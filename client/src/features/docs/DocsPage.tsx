import { useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { DocsProvider } from './docs-context.js';
import { DocView } from './DocView.js';
import { DocTreePanel } from './tree/DocTreePanel.js';
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
  return (
    <div class="page docs-page">
      <div class="stack">
        <h1>Docs</h1>
        <DocTreePanel current={params.id ?? null} />
      </div>
      {/* Keyed on the id only: directory updates (a rename, a favourite) keep the editor. */}
      <Show
        when={params.id}
        keyed
        fallback={<p class="muted">Pick a doc on the left, or create one.</p>}
      >
        {(id) => (
          <Show when={tree().byId.get(id)} fallback={<DocUnavailable />}>
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

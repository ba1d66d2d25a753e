import { useParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { useSession } from '../../auth/session-context.js';
import { EmptyState } from '../../ui/States.js';
import { DocsProvider, useDocs } from './docs-context.js';
import { DocView } from './DocView.js';
import { DocTreePanel } from './tree/DocTreePanel.js';
import { MovedDocsNotice } from './tree/MovedDocsNotice.js';
import { NewDocButton } from './tree/NewDocButton.js';
import { TrashedNotice } from './tree/TrashedNotice.js';
import { useDocTree } from './tree/use-doc-tree.js';
import './docs.css';

const TREE_KEY = 'docs.treeHidden';

/** /docs and /docs/:id — the doc tree beside the open doc. */
export function DocsPage() {
  return (
    <DocsProvider>
      <DocsLayout />
    </DocsProvider>
  );
}

function readTreeHidden(): boolean {
  try {
    return localStorage.getItem(TREE_KEY) === '1';
  } catch {
    return false;
  }
}

function DocsLayout() {
  const params = useParams<{ id?: string }>();
  const tree = useDocTree();
  const session = useSession();
  const docs = useDocs();
  const [treeHidden, setTreeHidden] = createSignal(readTreeHidden());
  const hideTree = (hidden: boolean) => {
    setTreeHidden(hidden);
    try {
      localStorage.setItem(TREE_KEY, hidden ? '1' : '0');
    } catch {
      // Private mode: the choice lasts until reload.
    }
  };
  const hasDocs = () => tree().roots.length > 0 || tree().favourites.length > 0;
  return (
    // On phones one pane shows at a time: the list at /docs, the doc at /docs/:id.
    <div
      class="docs-page"
      data-pane={params.id ? 'doc' : 'list'}
      data-tree={treeHidden() ? 'hidden' : 'shown'}
    >
      <div class="docs-sidebar">
        <div class="docs-sidebar-header">
          <h1>Docs</h1>
          <NewDocButton />
          <button
            type="button"
            class="button button-small button-icon docs-hide-tree"
            aria-label="Hide doc list"
            aria-expanded="true"
            title="Hide doc list"
            onClick={() => hideTree(true)}
          >
            «
          </button>
        </div>
        <MovedDocsNotice pending={docs.pending} />
        <DocTreePanel current={params.id ?? null} />
      </div>
      <div class="docs-main">
        <TrashedNotice />
        {/* Keyed on the person and the id only: directory updates (a rename, a favourite)
            keep the editor, while someone else signing in on this device (which closes every
            open room) opens the doc afresh. */}
        <Show
          when={params.id && session.me() ? `${session.me()?.user.id}/${params.id}` : null}
          keyed
          fallback={
            <Show when={treeHidden() || hasDocs()} fallback={<NoDocsYet />}>
              <EmptyState
                title="Pick a doc"
                action={
                  <Show when={treeHidden()}>
                    <button type="button" class="button" onClick={() => hideTree(false)}>
                      Show doc list
                    </button>
                  </Show>
                }
              >
                Open one from the list, or start a new one there.
              </EmptyState>
            </Show>
          }
        >
          {(key) => (
            <Show
              when={tree().byId.get(key.slice(key.indexOf('/') + 1))}
              fallback={<DocUnavailable />}
            >
              {(doc) => (
                <DocView doc={doc()} treeHidden={treeHidden()} onShowTree={() => hideTree(false)} />
              )}
            </Show>
          )}
        </Show>
      </div>
    </div>
  );
}

function NoDocsYet() {
  return (
    <EmptyState
      title="No docs yet"
      action={
        <button
          type="button"
          class="button button-primary"
          onClick={() => document.getElementById('new-doc-title')?.focus()}
        >
          New doc
        </button>
      }
    >
      Docs are pages your team writes together, live or offline. Give the first one a title.
    </EmptyState>
  );
}

function DocUnavailable() {
  return (
    <EmptyState title="Doc not available">
      This doc does not exist, or you do not have access to it.
    </EmptyState>
  );
}

import { A, useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { useApi, useSession } from '../../../auth/session-context.js';
import { useRegistry } from '../../../sync/registry-context.js';
import { FormError } from '../../../ui/FormError.js';
import { useAction } from '../../../ui/use-action.js';
import {
  accessForVisibility,
  noAccess,
  type Visibility,
} from '../../../workspace/rooms/room-access.js';
import { useDocs } from '../docs-context.js';
import { docsZip, download } from '../markdown/export-doc.js';
import { readDocs } from '../markdown/export-workspace.js';
import { markdownToJson } from '../../../../../shared/model/docs/markdown.js';
import { createDoc } from './create-doc.js';
import type { DocEntry, DocNode } from './doc-tree.js';
import { useDocTree } from './use-doc-tree.js';

/** The doc list: new doc, import, export all, favourites, the tree and the trash. */
export function DocTreePanel(props: { current: string | null }) {
  const api = useApi();
  const session = useSession();
  const docs = useDocs();
  const registry = useRegistry();
  const navigate = useNavigate();
  const tree = useDocTree();
  const [title, setTitle] = createSignal('');
  const [visibility, setVisibility] = createSignal<Visibility>('everyone-write');

  const create = useAction(async (name: string, parentId: string | null = null) => {
    const id = await createDoc(
      { api, session, pending: docs.pending },
      { title: name, parentId, access: accessForVisibility(visibility(), noAccess) },
    );
    setTitle('');
    navigate(`/docs/${id}`);
  });
  const importFile = useAction(async (file: File) => {
    const json = markdownToJson(await file.text());
    const heading = json.content?.find((node) => node.type === 'heading')?.content?.[0]?.text;
    const name =
      (heading ?? file.name.replace(/\.(md|markdown|txt)$/i, '')).slice(0, 200) || 'Imported';
    const id = await createDoc(
      { api, session, pending: docs.pending },
      { title: name, parentId: null, access: accessForVisibility(visibility(), noAccess) },
    );
    docs.imports.set(id, json);
    navigate(`/docs/${id}`);
  });
  const exportAll = useAction(async () => {
    const all = [...tree().byId.values()].filter((d) => d.trashedAt === null);
    download('docs.zip', 'application/zip', docsZip(await readDocs(registry, all)));
  });
  const restore = useAction(async (doc: DocEntry) => {
    session.addRoom(await api.updateRoom(doc.id, { trashed: false }));
  });

  return (
    <nav class="doc-tree stack" aria-label="Docs">
      <form
        class="stack"
        aria-label="New doc"
        onSubmit={(event) => {
          event.preventDefault();
          create.run(title().trim() || 'Untitled');
        }}
      >
        <label class="field">
          <span>New doc title</span>
          <input
            id="new-doc-title"
            class="input"
            placeholder="Untitled"
            maxLength={200}
            value={title()}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </label>
        <label class="field field-small">
          <span>Who can see new docs</span>
          <select
            class="input"
            value={visibility()}
            onChange={(e) => setVisibility(e.currentTarget.value as Visibility)}
          >
            <option value="everyone-write">Everyone in the workspace can edit</option>
            <option value="everyone-read">Everyone can read</option>
            <option value="private">Only me</option>
          </select>
        </label>
        <button type="submit" class="button button-primary button-small" disabled={create.busy()}>
          New doc
        </button>
        <FormError message={create.error()} />
      </form>
      <div class="row doc-tree-tools">
        <label class="button button-small">
          Import Markdown
          <input
            type="file"
            class="visually-hidden"
            accept=".md,.markdown,.txt,text/markdown,text/plain"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) importFile.run(file);
              e.currentTarget.value = '';
            }}
          />
        </label>
        <button
          type="button"
          class="button button-small"
          disabled={exportAll.busy()}
          onClick={() => exportAll.run()}
        >
          {exportAll.busy() ? 'Exporting…' : 'Export all (zip)'}
        </button>
      </div>
      <FormError message={importFile.error() ?? exportAll.error()} />
      <Show when={tree().favourites.length > 0}>
        <h2 class="small">Favourites</h2>
        <ul class="tree-list" aria-label="Favourite docs">
          <For each={tree().favourites}>
            {(doc) => <DocLink doc={doc} current={props.current} />}
          </For>
        </ul>
      </Show>
      <h2 class="small">All docs</h2>
      <ul class="tree-list" aria-label="All docs">
        <For
          each={tree().roots}
          fallback={
            <li class="muted tree-empty">No docs yet: give the first one a title above.</li>
          }
        >
          {(node) => <TreeItem node={node} current={props.current} />}
        </For>
      </ul>
      <Show when={tree().trash.length > 0}>
        <details class="trash">
          <summary>Trash ({tree().trash.length})</summary>
          <ul class="tree-list" aria-label="Trash">
            <For each={tree().trash}>
              {(doc) => (
                <li class="row">
                  <span>{doc.title}</span>
                  <Show when={doc.canWrite}>
                    <button
                      type="button"
                      class="button button-small"
                      onClick={() => restore.run(doc)}
                    >
                      Restore {doc.title}
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
          <FormError message={restore.error()} />
        </details>
      </Show>
    </nav>
  );
}

function DocLink(props: { doc: DocEntry; current: string | null }) {
  return (
    <li>
      <A
        href={`/docs/${props.doc.id}`}
        aria-current={props.current === props.doc.id ? 'page' : undefined}
      >
        {props.doc.title}
      </A>
      <Show when={props.doc.local}>
        <span class="badge badge-warn">not yet shared</span>
      </Show>
    </li>
  );
}

function TreeItem(props: { node: DocNode; current: string | null }) {
  return (
    <li>
      <A
        href={`/docs/${props.node.doc.id}`}
        aria-current={props.current === props.node.doc.id ? 'page' : undefined}
      >
        {props.node.doc.title}
      </A>
      <Show when={props.node.doc.local}>
        {' '}
        <span class="badge badge-warn">not yet shared</span>
      </Show>
      <Show when={props.node.children.length > 0}>
        <ul class="tree-list">
          <For each={props.node.children}>
            {(child) => <TreeItem node={child} current={props.current} />}
          </For>
        </ul>
      </Show>
    </li>
  );
}

import type { Editor } from '@tiptap/core';
import { useNavigate } from '@solidjs/router';
import { createSignal, For, Show, type Accessor } from 'solid-js';
import type { DirectoryRoom } from '../../../../shared/api/schemas.js';
import { useApi, useSession } from '../../auth/session-context.js';
import { FormError } from '../../ui/FormError.js';
import { useAction } from '../../ui/use-action.js';
import { useSlots } from '../../workspace/slots.js';
import { ShareDialog } from '../../workspace/rooms/ShareDialog.js';
import { useDocs } from './docs-context.js';
import { docHtml, download, fileNameFor } from './markdown/export-doc.js';
import { jsonToMarkdown } from '../../../../shared/model/docs/markdown.js';
import { createDoc } from './tree/create-doc.js';
import { subtreeIds, type DocEntry } from './tree/doc-tree.js';
import { useDocTree } from './tree/use-doc-tree.js';

/** Rename, favourite, sub-doc, move, trash, export and share for the open doc. */
export function DocActions(props: {
  doc: DocEntry;
  room: DirectoryRoom | undefined;
  editor: Accessor<Editor | null>;
}) {
  const api = useApi();
  const session = useSession();
  const docs = useDocs();
  const navigate = useNavigate();
  const { CreateTaskDialog } = useSlots();
  const tree = useDocTree();
  const [title, setTitle] = createSignal(props.doc.title);
  const [sharing, setSharing] = createSignal(false);
  const [taskText, setTaskText] = createSignal<string | null>(null);
  const online = () => !props.doc.local;

  const update = useAction(
    async (change: { title?: string; parentId?: string | null; trashed?: boolean }) => {
      session.addRoom(await api.updateRoom(props.doc.id, change));
    },
  );
  const favourite = useAction(async () => {
    session.addRoom(await api.setFavourite(props.doc.id, !props.doc.favourite));
  });
  const subDoc = useAction(async () => {
    const room = props.room;
    const id = await createDoc(
      { api, session, pending: docs.pending },
      {
        title: 'Untitled',
        parentId: props.doc.id,
        access: room
          ? await api.roomAccess(room.id)
          : { workspace: 'write', groups: [], users: [] },
      },
    );
    navigate(`/docs/${id}`);
  });
  const parents = () => {
    const excluded = subtreeIds(tree(), props.doc.id);
    return [...tree().byId.values()].filter(
      (d) => !excluded.has(d.id) && d.trashedAt === null && !d.local,
    );
  };
  const json = () => props.editor()?.getJSON();
  const exportAs = (kind: 'md' | 'html') => {
    const content = json();
    if (!content) return;
    if (kind === 'md')
      download(fileNameFor(props.doc.title, 'md'), 'text/markdown', jsonToMarkdown(content));
    else
      download(
        fileNameFor(props.doc.title, 'html'),
        'text/html',
        docHtml(props.doc.title, content),
      );
  };

  return (
    <div class="stack doc-actions">
      <form
        class="row"
        aria-label="Rename doc"
        onSubmit={(event) => {
          event.preventDefault();
          if (title().trim()) update.run({ title: title().trim() });
        }}
      >
        <input
          class="input doc-title-input"
          aria-label="Doc title"
          maxLength={200}
          value={title()}
          readOnly={!props.doc.canWrite || !online()}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        <Show when={props.doc.canWrite && online()}>
          <button type="submit" class="button button-small">
            Rename
          </button>
        </Show>
      </form>
      <div class="row">
        <Show when={online()}>
          <button
            type="button"
            class="button button-small"
            aria-pressed={props.doc.favourite}
            onClick={() => favourite.run()}
          >
            {props.doc.favourite ? '★ Favourite' : '☆ Favourite'}
          </button>
        </Show>
        <Show when={props.doc.canWrite}>
          <button type="button" class="button button-small" onClick={() => subDoc.run()}>
            New sub-doc
          </button>
        </Show>
        <Show when={props.doc.canWrite && online()}>
          <label class="field-inline">
            <span>Move under</span>
            <select
              class="input"
              value={props.doc.parentId ?? ''}
              onChange={(e) => update.run({ parentId: e.currentTarget.value || null })}
            >
              <option value="">Top level</option>
              <For each={parents()}>{(d) => <option value={d.id}>{d.title}</option>}</For>
            </select>
          </label>
          <button
            type="button"
            class="button button-small button-danger"
            onClick={() => {
              update.run({ trashed: true });
              navigate('/docs');
            }}
          >
            Move to trash
          </button>
        </Show>
        <button
          type="button"
          class="button button-small"
          onClick={() => {
            // The selection is read when clicked: focus moves to the button, the
            // editor keeps its selection.
            const editor = props.editor();
            if (!editor) return;
            const { from, to } = editor.state.selection;
            setTaskText(
              from === to ? props.doc.title : editor.state.doc.textBetween(from, to, '\n'),
            );
          }}
        >
          Create task
        </button>
        <button type="button" class="button button-small" onClick={() => exportAs('md')}>
          Export Markdown
        </button>
        <button type="button" class="button button-small" onClick={() => exportAs('html')}>
          Export HTML
        </button>
        <Show when={props.room?.canManage}>
          <button type="button" class="button button-small" onClick={() => setSharing(true)}>
            Share
          </button>
        </Show>
      </div>
      <FormError message={update.error() ?? favourite.error() ?? subDoc.error()} />
      <Show when={taskText()}>
        {(text) => (
          <CreateTaskDialog
            source={{ kind: 'doc', room: props.doc.id }}
            text={text()}
            onClose={() => setTaskText(null)}
          />
        )}
      </Show>
      <Show when={sharing() ? props.room : undefined}>
        {(room) => <ShareDialog room={room()} onClose={() => setSharing(false)} />}
      </Show>
    </div>
  );
}

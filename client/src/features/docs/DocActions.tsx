import type { Editor } from '@tiptap/core';
import { useNavigate } from '@solidjs/router';
import { createSignal, For, Show, type Accessor } from 'solid-js';
import type { DirectoryRoom } from '../../../../shared/api/schemas.js';
import { useApi, useSession } from '../../auth/session-context.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError } from '../../ui/FormError.js';
import { Menu, type MenuItem } from '../../ui/Menu.js';
import { useAction } from '../../ui/use-action.js';
import { ShareDialog } from '../../workspace/rooms/ShareDialog.js';
import { useDocs } from './docs-context.js';
import { docHtml, download, fileNameFor } from './markdown/export-doc.js';
import { jsonToMarkdown } from '../../../../shared/model/docs/markdown.js';
import { createDoc } from './tree/create-doc.js';
import { subtreeIds, type DocEntry } from './tree/doc-tree.js';
import { setTrashed } from './tree/trashed-doc.js';
import { useDocTree } from './tree/use-doc-tree.js';

type RoomChange = { title?: string; parentId?: string | null; trashed?: boolean };

function useUpdateRoom(doc: () => DocEntry) {
  const api = useApi();
  const session = useSession();
  return useAction(async (change: RoomChange) => {
    session.addRoom(await api.updateRoom(doc().id, change));
  });
}

/** The doc's title as a large borderless field: saved on Enter or when it loses focus. */
export function DocTitle(props: { doc: DocEntry }) {
  const update = useUpdateRoom(() => props.doc);
  const editable = () => props.doc.canWrite && !props.doc.local;
  const save = (value: string) => {
    const title = value.trim();
    if (title && title !== props.doc.title) update.run({ title });
  };
  return (
    <form
      class="doc-title-form"
      aria-label="Rename doc"
      onSubmit={(event) => event.preventDefault()}
    >
      {/* A textarea so a long title wraps instead of scrolling out of sight; Enter
          saves instead of adding a line. */}
      <textarea
        name="title"
        class="doc-title-input"
        aria-label="Doc title"
        placeholder="Untitled"
        rows={1}
        maxLength={200}
        value={props.doc.title}
        readOnly={!editable()}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          save(e.currentTarget.value);
        }}
        onChange={(e) => save(e.currentTarget.value)}
      />
      <FormError message={update.error()} />
    </form>
  );
}

/** Favourite, and the "…" menu: sub-doc, move, export, share, trash. */
export function DocActions(props: {
  doc: DocEntry;
  room: DirectoryRoom | undefined;
  editor: Accessor<Editor | null>;
}) {
  const api = useApi();
  const session = useSession();
  const docs = useDocs();
  const navigate = useNavigate();
  const tree = useDocTree();
  const [sharing, setSharing] = createSignal(false);
  const [moving, setMoving] = createSignal(false);
  const online = () => !props.doc.local;
  const update = useUpdateRoom(() => props.doc);

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
  const exportAs = (kind: 'md' | 'html') => {
    const content = props.editor()?.getJSON();
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
  const trash = () => {
    const { id, title } = props.doc;
    update.run({ trashed: true });
    setTrashed({ id, title });
    navigate('/docs');
  };

  const actions = (): MenuItem[] => {
    const writable = props.doc.canWrite && online();
    return [
      ...(props.doc.canWrite ? [{ label: 'New sub-doc', run: () => subDoc.run() }] : []),
      ...(writable ? [{ label: 'Move to…', run: () => setMoving(true) }] : []),
      { label: 'Export Markdown', run: () => exportAs('md') },
      { label: 'Export HTML', run: () => exportAs('html') },
      ...(props.room?.canManage ? [{ label: 'Share…', run: () => setSharing(true) }] : []),
      ...(writable ? [{ label: 'Move to trash', run: trash, danger: true }] : []),
    ];
  };

  return (
    <div class="doc-actions">
      <Show when={online()}>
        <button
          type="button"
          class="button button-small button-icon"
          aria-label="Favourite"
          aria-pressed={props.doc.favourite}
          title={props.doc.favourite ? 'Remove from favourites' : 'Add to favourites'}
          onClick={() => favourite.run()}
        >
          {props.doc.favourite ? '★' : '☆'}
        </button>
      </Show>
      <Menu label="Doc actions" button="…" items={actions()} />
      <FormError message={update.error() ?? favourite.error() ?? subDoc.error()} />
      <Show when={sharing() ? props.room : undefined}>
        {(room) => <ShareDialog room={room()} onClose={() => setSharing(false)} />}
      </Show>
      <Show when={moving()}>
        <Dialog title={`Move “${props.doc.title}”`} onClose={() => setMoving(false)}>
          <form
            class="stack"
            method="dialog"
            onSubmit={(event) => {
              const select = event.currentTarget.elements.namedItem('parent') as HTMLSelectElement;
              update.run({ parentId: select.value || null });
              setMoving(false);
            }}
          >
            <label class="field">
              <span>Move under</span>
              <select name="parent" class="input" value={props.doc.parentId ?? ''}>
                <option value="">Top level</option>
                <For each={parents()}>{(d) => <option value={d.id}>{d.title}</option>}</For>
              </select>
            </label>
            <div class="row">
              <button type="submit" class="button button-primary button-small">
                Move
              </button>
              <button type="button" class="button button-small" onClick={() => setMoving(false)}>
                Cancel
              </button>
            </div>
          </form>
        </Dialog>
      </Show>
    </div>
  );
}

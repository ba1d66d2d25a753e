import type { Editor } from '@tiptap/core';
import { A } from '@solidjs/router';
import { createEffect, createSignal, Show } from 'solid-js';
import { useApi, useSession } from '../../auth/session-context.js';
import { useRoom } from '../../sync/registry-context.js';
import { useSlots } from '../../workspace/slots.js';
import { useDirectory, usePeople } from '../../workspace/workspace-context.js';
import { CommentsPanel } from './comments/CommentsPanel.js';
import { useComments } from './comments/use-comments.js';
import { DocActions, DocTitle } from './DocActions.js';
import { FormatToolbar } from './editor/FormatToolbar.js';
import { Skeleton } from '../../ui/States.js';
import { DocSummaryPanel } from './DocSummaryPanel.js';
import { useDocs } from './docs-context.js';
import { docFragment } from '../../../../shared/model/docs/doc-json.js';
import { writeDocJson } from '../../workspace/docs/write-doc.js';
import { DocEditor } from './editor/DocEditor.js';
import { basicSlashCommands, type SlashCommand } from './editor/slash-menu.js';
import { HistoryPanel } from './history/HistoryPanel.js';
import { useAutoVersions } from './history/use-auto-versions.js';
import { personColour } from './presence/person-colour.js';
import { WhoIsHere } from './presence/WhoIsHere.js';
import type { DocEntry } from './tree/doc-tree.js';
import { useDocTree } from './tree/use-doc-tree.js';
import { uploadFile } from '../../lib/upload-file.js';

/**
 * Mention suggestions ask on every keystroke after "@": at most one request every few
 * seconds, and calls meanwhile wait for the same answer, so a newcomer shows up.
 */
const MENTION_REFRESH_GAP_MS = 3000;

type SidePanel = 'comments' | 'history';

/**
 * One open doc: a header (who is here, side panels, the "…" menu), then the title,
 * the formatting toolbar and the text in a readable column; comments or history
 * open beside it on demand.
 */
export function DocView(props: {
  doc: DocEntry;
  /** The doc list is collapsed: offer to show it again. */
  treeHidden?: boolean;
  onShowTree?: () => void;
}) {
  const session = useSession();
  const api = useApi();
  const docs = useDocs();
  const people = usePeople();
  const tree = useDocTree();
  const handle = useRoom(props.doc.id);
  const history = useRoom(`${props.doc.id}:history`);
  const comments = useComments(handle.doc);
  const [editor, setEditor] = createSignal<Editor | null>(null);
  const [active, setActive] = createSignal<string | null>(null);
  const openComments = () => comments().filter((c) => !c.resolved).length;
  // Until the person picks a panel, open comments show beside the text (as in Notion's
  // margin) where there is room for them; on phones they wait for the button.
  const [chosen, setChosen] = createSignal<SidePanel | null | undefined>(undefined);
  const wide = window.matchMedia('(min-width: 721px)').matches;
  const panel = (): SidePanel | null => {
    const picked = chosen();
    if (picked !== undefined) return picked;
    return wide && openComments() > 0 ? 'comments' : null;
  };
  const togglePanel = (next: SidePanel) => setChosen(panel() === next ? null : next);
  const [uploadError, setUploadError] = createSignal<string | null>(null);
  const [summary, setSummary] = createSignal(false);
  const slots = useSlots();
  const me = () => session.me()?.user;
  const author = () => ({ authorId: me()?.id ?? '', authorName: me()?.name ?? 'Someone' });
  const readOnly = () => handle.readOnly() || !props.doc.canWrite;
  const directory = useDirectory();
  const room = () => directory.byId(props.doc.id);
  let fileInput!: HTMLInputElement;
  useAutoVersions({ live: handle.doc, history, readOnly, author });

  // A doc made by "Import Markdown" gets its content once its local copy is loaded.
  createEffect(() => {
    const imported = docs.imports.get(props.doc.id);
    if (!imported || !handle.loaded()) return;
    docs.imports.delete(props.doc.id);
    if (docFragment(handle.doc).length === 0) writeDocJson(handle.doc, imported);
  });

  const slashCommands = (): SlashCommand[] => [
    ...basicSlashCommands,
    {
      id: 'image',
      label: 'Image',
      hint: 'upload',
      run: (e, range) => {
        e.chain().focus().deleteRange(range).run();
        fileInput.click();
      },
    },
    ...[...tree().byId.values()]
      .filter((d) => d.id !== props.doc.id && d.trashedAt === null)
      .map((d) => ({
        id: `link-${d.id}`,
        label: `Link to ${d.title}`,
        run: (e: Editor, range: { from: number; to: number }) => {
          e.chain()
            .focus()
            .deleteRange(range)
            .insertContent([
              {
                type: 'text',
                text: d.title,
                marks: [{ type: 'link', attrs: { href: `/docs/${d.id}` } }],
              },
            ])
            .run();
        },
      })),
  ];

  return (
    <article class="doc-view" aria-label={props.doc.title}>
      <header class="doc-header">
        <A href="/docs" class="button button-small doc-back">
          ‹ Docs
        </A>
        <Show when={props.treeHidden}>
          <button
            type="button"
            class="button button-small doc-show-tree"
            aria-expanded="false"
            onClick={() => props.onShowTree?.()}
          >
            Show doc list
          </button>
        </Show>
        <div class="doc-header-status">
          <Show when={props.doc.local}>
            <span class="badge badge-warn" role="status">
              Not yet shared: saved on this device, registered when the relay is reachable
            </span>
          </Show>
          <Show when={readOnly()}>
            <span class="badge">Read only</span>
          </Show>
          <WhoIsHere awareness={handle.awareness} />
        </div>
        <div class="doc-header-actions">
          <Show when={slots.summaryEnabled('docSummary')}>
            <button
              type="button"
              class="button button-small"
              aria-expanded={summary()}
              onClick={() => setSummary((open) => !open)}
            >
              TL;DR
            </button>
          </Show>
          <div class="segmented-options row" role="group" aria-label="Side panel">
            <button
              type="button"
              class="button button-small"
              aria-pressed={panel() === 'comments'}
              onClick={() => togglePanel('comments')}
            >
              Comments
              <Show when={openComments() > 0}>
                <span class="badge">{openComments()}</span>
              </Show>
            </button>
            <button
              type="button"
              class="button button-small"
              aria-pressed={panel() === 'history'}
              onClick={() => togglePanel('history')}
            >
              History
            </button>
          </div>
          <DocActions doc={props.doc} room={room()} editor={editor} />
        </div>
      </header>
      <Show when={summary()}>
        <DocSummaryPanel
          docId={props.doc.id}
          live={handle.doc}
          history={history.doc}
          editor={editor}
          onClose={() => setSummary(false)}
        />
      </Show>
      <input
        ref={fileInput}
        type="file"
        class="visually-hidden"
        aria-label="Image to upload"
        accept="image/png,image/jpeg,image/gif,image/webp"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          const current = editor();
          if (!file || !current) return;
          uploadFile(props.doc.id, file).then(
            (stored) => {
              setUploadError(null);
              // Above the top-level block the caret is in, without moving the caret: the
              // person may have typed on while it uploaded, and an image selected or put
              // in place of their empty line would be replaced by their next key.
              const { $from } = current.state.selection;
              current
                .chain()
                .insertContentAt(
                  $from.depth > 0 ? $from.before(1) : 0,
                  { type: 'image', attrs: { src: stored.url, alt: stored.name } },
                  { updateSelection: false },
                )
                .run();
            },
            (error: unknown) =>
              setUploadError(error instanceof Error ? error.message : 'Upload failed.'),
          );
        }}
      />
      <Show when={uploadError()}>
        <p class="form-error" role="alert">
          {uploadError()}
        </p>
      </Show>
      <div class="doc-columns" data-panel={panel() ?? 'none'}>
        <div class="doc-main" data-loaded={handle.loaded() ? 'true' : 'false'}>
          <DocTitle doc={props.doc} />
          <FormatToolbar
            editor={editor}
            docId={props.doc.id}
            docTitle={props.doc.title}
            readOnly={readOnly()}
          />
          <Show when={!handle.loaded()}>
            <Skeleton label="doc" lines={4} />
          </Show>
          <DocEditor
            doc={handle.doc}
            awareness={handle.awareness}
            readOnly={readOnly()}
            user={{ name: me()?.name ?? 'Someone', color: personColour(me()?.id ?? '') }}
            label={`${props.doc.title} body`}
            comments={comments}
            activeComment={active}
            slashCommands={slashCommands}
            people={() => people.all().map((p) => ({ id: p.id, label: p.name }))}
            refreshPeople={() => people.refresh(MENTION_REFRESH_GAP_MS)}
            onEditor={setEditor}
            onMention={(userId, excerpt) => {
              // Best effort: offline, the mention stays in the doc without a notification.
              api
                .notify(props.doc.id, { kind: 'mention', userIds: [userId], excerpt })
                .catch(() => undefined);
            }}
          />
        </div>
        <Show when={panel() === 'comments'}>
          <CommentsPanel
            doc={handle.doc}
            editor={editor}
            comments={comments}
            author={author}
            readOnly={readOnly()}
            active={active}
            setActive={setActive}
          />
        </Show>
        <Show when={panel() === 'history'}>
          <HistoryPanel live={handle.doc} history={history} readOnly={readOnly()} author={author} />
        </Show>
      </div>
    </article>
  );
}

import type { Editor } from '@tiptap/core';
import { format } from 'date-fns';
import { createSignal, For, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import { useSlots } from '../../workspace/slots.js';
import { changedBlocks, docBlocks, type DocBlock } from '../../workspace/docs/doc-blocks.js';
import { readDocJson } from '../../../../shared/model/docs/doc-json.js';
import { versionDoc } from '../../workspace/docs/history-model.js';
import { useVersions } from './history/use-versions.js';

/**
 * Doc TL;DR: a summary of the whole doc, or of what changed since a chosen version.
 * Each sentence links to the block it came from; following the link moves the
 * editor's caret there.
 */
export function DocSummaryPanel(props: {
  docId: string;
  live: Y.Doc;
  history: Y.Doc;
  editor: Accessor<Editor | null>;
  onClose: () => void;
}) {
  const { SummaryPanel } = useSlots();
  const versions = useVersions(props.history);
  const [since, setSince] = createSignal<string>('');
  const [removed, setRemoved] = createSignal(0);
  /** The blocks the shown summary was made from (its links' labels). */
  let summarized: DocBlock[] = [];
  const sources = (): DocBlock[] => {
    const version = versions().find((v) => v.id === since());
    if (!version) {
      setRemoved(0);
      summarized = docBlocks(readDocJson(props.live));
    } else {
      const { changed, removed } = changedBlocks(props.live, versionDoc(version));
      setRemoved(removed);
      summarized = changed;
    }
    return summarized;
  };
  const indexOf = (id: string) => Number(id.replace(/^block-/, ''));
  const versionLabel = (v: { name: string | null; at: number; authorName: string }) =>
    `${v.name ?? 'Automatic version'}, ${format(v.at, 'd MMM HH:mm')} by ${v.authorName}`;
  return (
    <SummaryPanel
      title="TL;DR"
      feature="docSummary"
      sources={sources}
      input={since()}
      empty={since() ? 'Nothing was added or changed since that version.' : 'This doc is empty.'}
      links={{
        hrefOf: (id) => `/docs/${encodeURIComponent(props.docId)}#${id}`,
        labelOf: (id) => {
          const block = summarized.find((b) => b.id === id);
          return block ? `block ${block.index + 1}: ${block.text.slice(0, 60)}` : 'a block';
        },
        onOpen: (id, event) => {
          const editor = props.editor();
          if (!editor || event.button !== 0 || event.metaKey || event.ctrlKey) return;
          event.preventDefault();
          const index = indexOf(id);
          const doc = editor.state.doc;
          if (index >= doc.childCount) return;
          let pos = 0;
          for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
          editor
            .chain()
            .focus(pos + 1)
            .run();
          const dom = editor.view.nodeDOM(pos);
          if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'center' });
        },
      }}
      controls={
        <div class="stack">
          <label class="field">
            <span>Summarize</span>
            <select class="input" value={since()} onChange={(e) => setSince(e.currentTarget.value)}>
              <option value="">The whole doc</option>
              <For each={versions()}>
                {(v) => <option value={v.id}>Changes since {versionLabel(v)}</option>}
              </For>
            </select>
          </label>
          {removed() > 0 ? (
            <p class="muted small">
              {removed()} {removed() === 1 ? 'block was' : 'blocks were'} removed since that
              version.
            </p>
          ) : null}
        </div>
      }
      onClose={props.onClose}
    />
  );
}

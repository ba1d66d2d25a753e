import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { createEffect, onCleanup, onMount, type Accessor } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Comment } from '../comments/comments-model.js';
import { commentHighlights, refreshDecorations } from './comment-highlights.js';
import { DOC_FIELD } from '../../../../../shared/model/docs/doc-json.js';
import { docExtensions } from '../../../../../shared/model/docs/doc-extensions.js';
import { KeepCaret } from './keep-caret.js';
import { slashMenu, type SlashCommand } from './slash-menu.js';
import { suggestionPopup, type PopupItem } from './suggestion-popup.js';

export interface DocEditorProps {
  doc: Y.Doc;
  awareness: Awareness;
  readOnly: boolean;
  user: { name: string; color: string };
  label: string;
  comments: Accessor<Comment[]>;
  activeComment: Accessor<string | null>;
  slashCommands: () => SlashCommand[];
  people: () => PopupItem[];
  /** Called when someone types "@", so newcomers can be mentioned. */
  refreshPeople: () => Promise<void>;
  onEditor: (editor: Editor | null) => void;
  /** Someone was just mentioned here by this person (not by a remote edit). */
  onMention?: (userId: string, excerpt: string) => void;
}

/** What an empty doc says: the ways to start that are otherwise invisible. */
export const EMPTY_DOC_HINT =
  "Type '/' for commands, or start writing — # for a heading, - for a list";

/** The Tiptap editor on a doc room's Y.Doc; the doc and awareness come from useRoom(). */
export function DocEditor(props: DocEditorProps) {
  let element!: HTMLDivElement;
  let editor: Editor | null = null;

  onMount(() => {
    editor = new Editor({
      element,
      editable: !props.readOnly,
      extensions: [
        ...docExtensions({
          mentionSuggestion: {
            char: '@',
            items: async ({ query }) => {
              await props.refreshPeople();
              return props
                .people()
                .filter((p) => p.label.toLowerCase().includes(query.toLowerCase()))
                .slice(0, 8);
            },
            render: suggestionPopup<PopupItem>('Mention someone'),
            // Tiptap's own insertion, plus telling the relay whom to notify.
            command: ({ editor: current, range, props: item }) => {
              const attrs = item as { id?: unknown; label?: unknown };
              current
                .chain()
                .focus()
                .insertContentAt(range, [
                  { type: 'mention', attrs: { id: attrs.id, label: attrs.label } },
                  { type: 'text', text: ' ' },
                ])
                .run();
              if (typeof attrs.id === 'string') {
                const block = current.state.selection.$from.parent;
                // Mentions are atoms without text: spell them out as "@Name".
                const excerpt = block
                  .textBetween(0, block.content.size, ' ', (node) =>
                    node.type.name === 'mention' ? `@${String(node.attrs['label'] ?? '')}` : '',
                  )
                  .slice(0, 280);
                props.onMention?.(attrs.id, excerpt);
              }
            },
          },
        }),
        Collaboration.configure({ document: props.doc, field: DOC_FIELD }),
        CollaborationCaret.configure({
          provider: { awareness: props.awareness },
          user: props.user,
        }),
        KeepCaret,
        Placeholder.configure({
          placeholder: ({ editor: current }) =>
            current.isEmpty ? EMPTY_DOC_HINT : "Type '/' for commands",
        }),
        slashMenu(props.slashCommands),
        commentHighlights({ comments: props.comments, active: props.activeComment }),
      ],
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': props.label,
          class: 'doc-body',
        },
      },
    });
    props.onEditor(editor);
  });

  createEffect(() => editor?.setEditable(!props.readOnly));
  createEffect(() => {
    props.comments();
    props.activeComment();
    if (editor && !editor.isDestroyed) refreshDecorations(editor.view);
  });

  onCleanup(() => {
    props.onEditor(null);
    editor?.destroy();
    editor = null;
  });

  return <div ref={element} class="doc-editor" />;
}

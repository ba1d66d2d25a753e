import { Extension, type Editor, type Range } from '@tiptap/core';
import { PluginKey } from '@tiptap/pm/state';
import Suggestion from '@tiptap/suggestion';
import { suggestionPopup, type PopupItem } from './suggestion-popup.js';

export interface SlashCommand extends PopupItem {
  run: (editor: Editor, range: Range) => void;
}

type Chain = ReturnType<Editor['chain']>;

const block =
  (apply: (chain: Chain) => Chain) =>
  (editor: Editor, range: Range): void => {
    const chain: Chain = editor.chain().focus().deleteRange(range);
    apply(chain).run();
  };

/** The blocks "/" can insert; callers add their own (image upload, link to a doc). */
export const basicSlashCommands: SlashCommand[] = [
  {
    id: 'h1',
    label: 'Heading 1',
    hint: '#',
    run: block((c) => c.setNode('heading', { level: 1 })),
  },
  {
    id: 'h2',
    label: 'Heading 2',
    hint: '##',
    run: block((c) => c.setNode('heading', { level: 2 })),
  },
  {
    id: 'h3',
    label: 'Heading 3',
    hint: '###',
    run: block((c) => c.setNode('heading', { level: 3 })),
  },
  { id: 'bullets', label: 'Bulleted list', hint: '-', run: block((c) => c.toggleBulletList()) },
  { id: 'numbers', label: 'Numbered list', hint: '1.', run: block((c) => c.toggleOrderedList()) },
  { id: 'tasks', label: 'Check list', hint: '[ ]', run: block((c) => c.toggleTaskList()) },
  { id: 'quote', label: 'Quote', hint: '>', run: block((c) => c.toggleBlockquote()) },
  { id: 'code', label: 'Code block', hint: '```', run: block((c) => c.toggleCodeBlock()) },
  {
    id: 'table',
    label: 'Table',
    run: block((c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true })),
  },
  { id: 'rule', label: 'Divider', hint: '---', run: block((c) => c.setHorizontalRule()) },
];

/** Typing "/" at the start of a word opens a menu of blocks to insert. */
export function slashMenu(commands: () => SlashCommand[]) {
  return Extension.create({
    name: 'slashMenu',
    addProseMirrorPlugins() {
      return [
        Suggestion<SlashCommand, SlashCommand>({
          editor: this.editor,
          pluginKey: new PluginKey('slashMenu'),
          char: '/',
          startOfLine: false,
          items: ({ query }) =>
            commands().filter((c) => c.label.toLowerCase().includes(query.toLowerCase())),
          command: ({ editor, range, props }) => props.run(editor, range),
          render: suggestionPopup<SlashCommand>('Insert a block'),
        }),
      ];
    },
  });
}

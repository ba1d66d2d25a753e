import type { Editor } from '@tiptap/core';

export interface Format {
  id: string;
  label: string;
  icon: string;
  shortcut?: string;
  /** Starts a new group in the toolbar (a thin divider before it). */
  groupStart?: boolean;
  active: (editor: Editor) => boolean;
  /** `open` shows one of the toolbar's dialogs (the link's address). */
  run: (editor: Editor, open: (dialog: 'link') => void) => void;
}

const chain = (editor: Editor) => editor.chain().focus();

const heading = (level: 1 | 2 | 3, groupStart = false): Format => ({
  id: `h${level}`,
  label: `Heading ${level}`,
  icon: `H${level}`,
  shortcut: `${'#'.repeat(level)} `,
  groupStart,
  active: (e) => e.isActive('heading', { level }),
  run: (e) => chain(e).toggleHeading({ level }).run(),
});

/** The formatting toolbar's buttons, in order. */
export const FORMATS: Format[] = [
  {
    id: 'bold',
    label: 'Bold',
    icon: 'B',
    shortcut: 'Ctrl+B',
    active: (e) => e.isActive('bold'),
    run: (e) => chain(e).toggleBold().run(),
  },
  {
    id: 'italic',
    label: 'Italic',
    icon: 'I',
    shortcut: 'Ctrl+I',
    active: (e) => e.isActive('italic'),
    run: (e) => chain(e).toggleItalic().run(),
  },
  {
    id: 'strike',
    label: 'Strikethrough',
    icon: 'S',
    shortcut: 'Ctrl+Shift+S',
    active: (e) => e.isActive('strike'),
    run: (e) => chain(e).toggleStrike().run(),
  },
  {
    id: 'code',
    label: 'Inline code',
    icon: '</>',
    shortcut: 'Ctrl+E',
    active: (e) => e.isActive('code'),
    run: (e) => chain(e).toggleCode().run(),
  },
  {
    id: 'link',
    label: 'Link',
    icon: 'Link',
    active: (e) => e.isActive('link'),
    run: (_e, open) => open('link'),
  },
  heading(1, true),
  heading(2),
  heading(3),
  {
    id: 'bullets',
    label: 'Bulleted list',
    icon: '•',
    shortcut: '- ',
    groupStart: true,
    active: (e) => e.isActive('bulletList'),
    run: (e) => chain(e).toggleBulletList().run(),
  },
  {
    id: 'numbers',
    label: 'Numbered list',
    icon: '1.',
    shortcut: '1. ',
    active: (e) => e.isActive('orderedList'),
    run: (e) => chain(e).toggleOrderedList().run(),
  },
  {
    id: 'tasks',
    label: 'Check list',
    icon: '☐',
    shortcut: '[ ] ',
    active: (e) => e.isActive('taskList'),
    run: (e) => chain(e).toggleTaskList().run(),
  },
  {
    id: 'quote',
    label: 'Quote',
    icon: '❝',
    shortcut: '> ',
    active: (e) => e.isActive('blockquote'),
    run: (e) => chain(e).toggleBlockquote().run(),
  },
];

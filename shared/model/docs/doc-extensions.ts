import type { AnyExtension } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import Mention, { type MentionOptions } from '@tiptap/extension-mention';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';

/**
 * The document schema: every node and mark a doc may hold. The editor adds
 * collaboration, carets, the slash menu and mention suggestions on top; import,
 * export and history views use exactly this list so they read what the editor wrote.
 */
export function docExtensions(
  options: { mentionSuggestion?: MentionOptions['suggestion'] } = {},
): AnyExtension[] {
  return [
    // Undo/redo comes from the Yjs undo manager (Collaboration), never ProseMirror's history.
    StarterKit.configure({
      undoRedo: false,
      link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] },
    }),
    TableKit.configure({ table: { resizable: false } }),
    Image.configure({ inline: false, allowBase64: false }),
    TaskList,
    TaskItem.configure({ nested: true }),
    Mention.configure({
      HTMLAttributes: { class: 'mention' },
      renderText: ({ node }) => `@${String(node.attrs['label'] ?? node.attrs['id'])}`,
      ...(options.mentionSuggestion && { suggestion: options.mentionSuggestion }),
    }),
  ];
}

/**
 * The lines of a notes doc (Tiptap JSON) as the action-item rules read them: one
 * line per paragraph or heading, and a checklist item as "[ ] …" / "[x] …" because
 * the editor keeps its tick as an attribute, not as text.
 */
export interface NotesNode {
  type?: string | undefined;
  text?: string | undefined;
  attrs?: Record<string, unknown> | undefined;
  content?: NotesNode[] | undefined;
}

const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

function inlineText(node: NotesNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return ' ';
  return (node.content ?? []).map(inlineText).join('');
}

export function notesLines(doc: NotesNode): string[] {
  const lines: string[] = [];
  const walk = (node: NotesNode, prefix: string) => {
    if (node.type && TEXT_BLOCKS.has(node.type)) {
      const text = inlineText(node).trim();
      if (text !== '') lines.push(prefix + text);
      return;
    }
    let first = true;
    const box = node.type === 'taskItem' ? (node.attrs?.checked === true ? '[x] ' : '[ ] ') : '';
    for (const child of node.content ?? []) {
      // Only a checklist item's first paragraph carries its box; nested lines are plain.
      walk(child, box && first ? box : '');
      first = false;
    }
  };
  walk(doc, '');
  return lines;
}

/**
 * A task's description is a Y.XmlFragment so the docs editor (Tiptap, through
 * y-prosemirror) can bind to it directly. Until then the model writes and reads it
 * as plain paragraphs.
 */
import * as Y from 'yjs';

/** Paragraph nodes for plain text, one per line, ready to insert into a fragment. */
export function paragraphsOf(text: string): Y.XmlElement[] {
  if (text === '') return [];
  return text.split('\n').map((line) => {
    const paragraph = new Y.XmlElement('paragraph');
    if (line !== '') paragraph.insert(0, [new Y.XmlText(line)]);
    return paragraph;
  });
}

/** Copies of a fragment's nodes, for a new occurrence of a repeating task. */
export function cloneNodes(fragment: Y.XmlFragment): Array<Y.XmlElement | Y.XmlText> {
  return fragment.toArray().flatMap((node) => (node instanceof Y.XmlHook ? [] : [node.clone()]));
}

/** The description as plain text: blocks on their own lines, formatting dropped. */
export function descriptionText(node: Y.XmlFragment | Y.XmlElement): string {
  const children = node.toArray();
  const hasBlocks = children.some((child) => child instanceof Y.XmlElement);
  return children
    .map((child) => {
      if (child instanceof Y.XmlElement) return descriptionText(child);
      if (!(child instanceof Y.XmlText)) return '';
      const delta = child.toDelta() as Array<{ insert?: unknown }>;
      return delta.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
    })
    .join(hasBlocks ? '\n' : '');
}

import type * as Y from 'yjs';
import { diffText, transformPosition } from '../lib/text-diff.js';
import { origins } from './origins.js';

/**
 * Two-way binding between a plain textarea and a Y.Text. Input becomes one delete +
 * insert transaction; a remote change rewrites the value and moves the caret by the
 * change's delta so typing is not disturbed. Returns the unbind function.
 * After an offline merge each person stays in their own new paragraph
 * (tests/unit/client/sync/bind-textarea-merge.test.ts, [DOC11]).
 */
export function bindTextarea(textarea: HTMLTextAreaElement, text: Y.Text): () => void {
  const doc = text.doc;
  if (!doc) throw new Error('bindTextarea needs a Y.Text that belongs to a Y.Doc');
  textarea.value = text.toJSON();

  const onInput = () => {
    const change = diffText(text.toJSON(), textarea.value, textarea.selectionEnd);
    if (!change) return;
    doc.transact(() => {
      if (change.remove > 0) text.delete(change.index, change.remove);
      if (change.insert.length > 0) text.insert(change.index, change.insert);
    }, origins.edit);
  };

  const onChange = (event: Y.YTextEvent) => {
    const next = text.toJSON();
    if (textarea.value === next) return;
    const { selectionStart, selectionEnd, selectionDirection } = textarea;
    const focused = textarea.ownerDocument.activeElement === textarea;
    textarea.value = next;
    if (focused) {
      textarea.setSelectionRange(
        transformPosition(event.delta, selectionStart),
        transformPosition(event.delta, selectionEnd),
        selectionDirection,
      );
    }
  };

  textarea.addEventListener('input', onInput);
  text.observe(onChange);
  return () => {
    textarea.removeEventListener('input', onInput);
    text.unobserve(onChange);
  };
}

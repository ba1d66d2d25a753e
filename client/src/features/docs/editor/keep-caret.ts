import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection, type EditorState } from '@tiptap/pm/state';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
  type ProsemirrorBinding,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/*
 * Where the caret goes when someone else's edit arrives.
 *
 * y-tiptap (3.0.9) keeps the caret as a Yjs relative position, which is exact, but
 * then second-guesses it: when the caret's block changed text, or the caret sits at
 * the start of a block, it looks for "the same block" by content, counting blocks
 * with equal text. After an offline merge two people often each sit in a new empty
 * paragraph; all empty paragraphs look alike, so the count picks the first one, which
 * can be the other person's, and their next words land in it, glued to the other's
 * ("Ann twoMia two"). That guess exists for blocks moved by drag and drop, whose
 * items are deleted and re-inserted. So: while the item the relative position points
 * at is still alive, the Yjs answer wins; only a position on a deleted item is left
 * to y-tiptap's recovery. See tests/unit/client/features/docs/concurrent-typing.test.ts
 * and [DOC11].
 */

interface Captured {
  anchor: Y.RelativePosition;
  head: Y.RelativePosition;
}

const key = new PluginKey('keepCaret');

function bindingOf(state: EditorState): ProsemirrorBinding | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: ProsemirrorBinding } | undefined;
  return sync?.binding ?? null;
}

/** True when the item (or, at the end of a type, the type) the position names exists. */
function alive(doc: Y.Doc, position: Y.RelativePosition): boolean {
  if (Y.createAbsolutePositionFromRelativePosition(position, doc) === null) return false;
  const id = position.item ?? position.type;
  if (id === null) return true;
  const struct = Y.getItem(doc.store, id) as Y.Item | Y.GC;
  return struct instanceof Y.Item && !struct.deleted;
}

/** The ProseMirror plugin; it must come after y-tiptap's sync plugin. */
export function keepCaretPlugin(): Plugin {
  let captured: Captured | null = null;
  return new Plugin({
    key,
    view(view) {
      const binding = bindingOf(view.state);
      if (!binding) return {};
      const capture = () => {
        const { selection } = view.state;
        if (captured !== null || !(selection instanceof TextSelection)) return;
        captured = {
          anchor: absolutePositionToRelativePosition(
            selection.anchor,
            binding.type,
            binding.mapping,
          ) as Y.RelativePosition,
          head: absolutePositionToRelativePosition(
            selection.head,
            binding.type,
            binding.mapping,
          ) as Y.RelativePosition,
        };
      };
      const release = () => {
        captured = null;
      };
      binding.doc.on('beforeAllTransactions', capture);
      binding.doc.on('afterAllTransactions', release);
      return {
        destroy() {
          binding.doc.off('beforeAllTransactions', capture);
          binding.doc.off('afterAllTransactions', release);
        },
      };
    },
    appendTransaction(transactions, _old, state) {
      const remote = transactions.some(
        (tr) =>
          (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin,
      );
      const binding = bindingOf(state);
      if (!remote || !captured || !binding) return null;
      if (!alive(binding.doc, captured.anchor) || !alive(binding.doc, captured.head)) return null;
      const anchor = relativePositionToAbsolutePosition(
        binding.doc,
        binding.type,
        captured.anchor,
        binding.mapping,
      );
      const head = relativePositionToAbsolutePosition(
        binding.doc,
        binding.type,
        captured.head,
        binding.mapping,
      );
      if (anchor === null || head === null) return null;
      if (anchor === state.selection.anchor && head === state.selection.head) return null;
      const size = state.doc.content.size;
      if (anchor > size || head > size) return null;
      return state.tr
        .setSelection(TextSelection.between(state.doc.resolve(anchor), state.doc.resolve(head)))
        .setMeta(ySyncPluginKey, { isChangeOrigin: true })
        .setMeta('addToHistory', false);
    },
  });
}

/** Keeps each person's caret where Yjs puts it when others' edits arrive. */
export const KeepCaret = Extension.create({
  name: 'keepCaret',
  addProseMirrorPlugins() {
    return [keepCaretPlugin()];
  },
});

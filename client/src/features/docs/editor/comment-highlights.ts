import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
  type ProsemirrorBinding,
} from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import type { Comment } from '../comments/comments-model.js';

function binding(state: EditorState): ProsemirrorBinding | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: ProsemirrorBinding } | undefined;
  return sync?.binding ?? null;
}

/** The editor range a comment covers now, or null when its words were deleted. */
export function commentRange(
  state: EditorState,
  comment: Comment,
): { from: number; to: number } | null {
  const b = binding(state);
  if (!b) return null;
  const from = relativePositionToAbsolutePosition(b.doc, b.type, comment.start, b.mapping);
  const to = relativePositionToAbsolutePosition(b.doc, b.type, comment.end, b.mapping);
  if (from === null || to === null || to <= from) return null;
  return { from, to };
}

/** Relative positions for the current selection, to anchor a new comment on it. */
export function selectionAnchors(
  state: EditorState,
): { start: Y.RelativePosition; end: Y.RelativePosition; quote: string } | null {
  const b = binding(state);
  const { from, to } = state.selection;
  if (!b || from === to) return null;
  const start = absolutePositionToRelativePosition(from, b.type, b.mapping) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(to, b.type, b.mapping) as Y.RelativePosition;
  return { start, end, quote: state.doc.textBetween(from, to, ' ') };
}

const key = new PluginKey('commentHighlights');

/** Highlights every open comment's words; `active` is the one shown in the panel. */
export function commentHighlights(source: {
  comments: () => Comment[];
  active: () => string | null;
}) {
  return Extension.create({
    name: 'commentHighlights',
    addProseMirrorPlugins() {
      return [
        new Plugin({
          key,
          props: {
            decorations(state) {
              const decorations = source
                .comments()
                .filter((c) => !c.resolved)
                .flatMap((comment) => {
                  const range = commentRange(state, comment);
                  if (!range) return [];
                  const active = source.active() === comment.id;
                  return [
                    Decoration.inline(range.from, range.to, {
                      class: active ? 'comment-mark comment-mark-active' : 'comment-mark',
                      'data-comment-id': comment.id,
                    }),
                  ];
                });
              return DecorationSet.create(state.doc, decorations);
            },
          },
        }),
      ];
    },
  });
}

/** Asks the view to redraw decorations after comments changed outside ProseMirror. */
export function refreshDecorations(view: {
  state: EditorState;
  dispatch: (tr: ReturnType<EditorState['tr']['setMeta']>) => void;
}): void {
  view.dispatch(view.state.tr.setMeta(key, 'refresh'));
}

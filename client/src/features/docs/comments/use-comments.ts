import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import { listComments, observeComments, type Comment } from './comments-model.js';

/** The doc's comments as a signal, kept current as they change here or elsewhere. */
export function useComments(doc: Y.Doc): Accessor<Comment[]> {
  const [comments, setComments] = createSignal(listComments(doc));
  onCleanup(observeComments(doc, () => setComments(listComments(doc))));
  return comments;
}

import type { Accessor } from 'solid-js';
import type * as Y from 'yjs';
import { fromYjs } from '../../../sync/yjs-signal.js';
import { commentsOf, listComments, type Comment } from './comments-model.js';

/** The doc's comments as a signal, kept current as they change here or elsewhere. */
export function useComments(doc: Y.Doc): Accessor<Comment[]> {
  return fromYjs(commentsOf(doc), () => listComments(doc));
}

import * as Y from 'yjs';
import { origins } from '../../../sync/origins.js';

/**
 * Comments on a doc live in the doc's own Y.Doc (map `comments`), so they work
 * offline and sync like the text. Each is anchored with two Yjs relative
 * positions in the body: they name the characters, not offsets, so the comment
 * stays on its words while text around it changes.
 */

export const COMMENTS = 'comments';

export interface Reply {
  id: string;
  authorId: string;
  authorName: string;
  at: number;
  text: string;
}

export interface Comment extends Reply {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  /** The words commented on, as they were when the comment was made. */
  quote: string;
  resolved: boolean;
  replies: Reply[];
}

export interface NewComment extends Reply {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  quote: string;
}

/** The comments map (observe it, or read it with listComments). */
export function commentsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(COMMENTS);
}

function parseReply(value: unknown): Reply | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (typeof r['id'] !== 'string' || typeof r['text'] !== 'string') return null;
  return {
    id: r['id'],
    authorId: typeof r['authorId'] === 'string' ? r['authorId'] : '',
    authorName: typeof r['authorName'] === 'string' ? r['authorName'] : 'Someone',
    at: typeof r['at'] === 'number' ? r['at'] : 0,
    text: r['text'],
  };
}

function readComment(entry: Y.Map<unknown>): Comment | null {
  const head = parseReply(entry.toJSON());
  const start = entry.get('start');
  const end = entry.get('end');
  if (!head || !(start instanceof Uint8Array) || !(end instanceof Uint8Array)) return null;
  const replies = entry.get('replies');
  return {
    ...head,
    start: Y.decodeRelativePosition(start),
    end: Y.decodeRelativePosition(end),
    quote: String(entry.get('quote') ?? ''),
    resolved: entry.get('resolved') === true,
    replies:
      replies instanceof Y.Array ? replies.toArray().flatMap((r) => parseReply(r) ?? []) : [],
  };
}

/** Every comment, oldest first. */
export function listComments(doc: Y.Doc): Comment[] {
  return [...commentsOf(doc).values()]
    .flatMap((entry) => readComment(entry) ?? [])
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

export function addComment(doc: Y.Doc, comment: NewComment): void {
  if (comment.text.trim() === '') throw new Error('a comment needs some text');
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    entry.set('id', comment.id);
    entry.set('authorId', comment.authorId);
    entry.set('authorName', comment.authorName);
    entry.set('at', comment.at);
    entry.set('text', comment.text.trim());
    entry.set('quote', comment.quote);
    entry.set('start', Y.encodeRelativePosition(comment.start));
    entry.set('end', Y.encodeRelativePosition(comment.end));
    entry.set('resolved', false);
    entry.set('replies', new Y.Array<Reply>());
    commentsOf(doc).set(comment.id, entry);
  }, origins.comment);
}

export function replyToComment(doc: Y.Doc, commentId: string, reply: Reply): void {
  if (reply.text.trim() === '') throw new Error('a reply needs some text');
  const replies = commentsOf(doc).get(commentId)?.get('replies');
  if (!(replies instanceof Y.Array)) throw new Error('that comment no longer exists');
  doc.transact(() => replies.push([{ ...reply, text: reply.text.trim() }]), origins.comment);
}

export function setResolved(doc: Y.Doc, commentId: string, resolved: boolean): void {
  const entry = commentsOf(doc).get(commentId);
  if (!entry) throw new Error('that comment no longer exists');
  doc.transact(() => entry.set('resolved', resolved), origins.comment);
}

export function deleteComment(doc: Y.Doc, commentId: string): void {
  doc.transact(() => commentsOf(doc).delete(commentId), origins.comment);
}

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComment,
  listComments,
  replyToComment,
  setResolved,
  type Comment,
} from '../../../../../client/src/features/docs/comments/comments-model.js';
import { docFragment } from '../../../../../shared/model/docs/doc-json.js';
import { writeDocJson } from '../../../../../client/src/workspace/docs/write-doc.js';
import { markdownToJson } from '../../../../../shared/model/docs/markdown.js';

const ann = { authorId: 'u-ann', authorName: 'Ann', at: 1 };

/** The first paragraph's text node in the doc body. */
function paragraphText(doc: Y.Doc): Y.XmlText {
  const paragraph = docFragment(doc).get(0) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

/** XmlText's own toString is typed loosely; its text is what Y.Text would give. */
const plain = (text: object): string => (text as Y.Text).toString();

function quoted(doc: Y.Doc, comment: Comment): string {
  const start = Y.createAbsolutePositionFromRelativePosition(comment.start, doc);
  const end = Y.createAbsolutePositionFromRelativePosition(comment.end, doc);
  if (!start || !end) return '';
  return plain(start.type).slice(start.index, end.index);
}

function commentOn(doc: Y.Doc, words: string) {
  const text = paragraphText(doc);
  const index = plain(text).indexOf(words);
  addComment(doc, {
    id: 'c1',
    ...ann,
    text: 'Is this right?',
    quote: words,
    start: Y.createRelativePositionFromTypeIndex(text, index),
    // assoc -1: text typed right after the words is not pulled into the comment.
    end: Y.createRelativePositionFromTypeIndex(text, index + words.length, -1),
  });
}

describe('comments model', () => {
  it('[CMT1] a comment stays on its words while text is typed before, after and inside the paragraph', () => {
    const doc = new Y.Doc();
    writeDocJson(doc, markdownToJson('The budget is 12 million this year.'));
    commentOn(doc, '12 million');
    const text = paragraphText(doc);
    text.insert(0, 'Draft: ');
    text.insert(text.length, ' Maybe.');
    text.insert(plain(text).indexOf('this'), 'roughly ');
    text.delete(plain(text).indexOf('budget'), 'budget'.length);
    const [comment] = listComments(doc);
    expect(quoted(doc, comment!)).toBe('12 million');
  });

  it('[CMT2] anchors survive sync to another device that edits concurrently', () => {
    const a = new Y.Doc();
    writeDocJson(a, markdownToJson('Ship the release on Friday.'));
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    commentOn(a, 'Friday');
    paragraphText(b).insert(0, 'Please ');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    expect(quoted(b, listComments(b)[0]!)).toBe('Friday');
    expect(quoted(a, listComments(a)[0]!)).toBe('Friday');
  });

  it('[CMT3] replies and resolve; empty text is refused and nothing changes', () => {
    const doc = new Y.Doc();
    writeDocJson(doc, markdownToJson('Some words here.'));
    commentOn(doc, 'words');
    replyToComment(doc, 'c1', { id: 'r1', ...ann, text: 'Yes.' });
    expect(() => replyToComment(doc, 'c1', { id: 'r2', ...ann, text: '   ' })).toThrow();
    expect(() => replyToComment(doc, 'missing', { id: 'r3', ...ann, text: 'x' })).toThrow();
    setResolved(doc, 'c1', true);
    const [comment] = listComments(doc);
    expect(comment?.replies.map((r) => r.text)).toEqual(['Yes.']);
    expect(comment?.resolved).toBe(true);
  });
});

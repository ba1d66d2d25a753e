import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComment,
  replyToComment,
  setResolved,
} from '../../../../client/src/features/docs/comments/comments-model.js';
import { origins } from '../../../../client/src/sync/origins.js';
import { markRead, setTopic } from '../../../../client/src/workspace/chat/index.js';
import { writeDocJson } from '../../../../client/src/workspace/docs/write-doc.js';
import {
  listVersions,
  restoreVersion,
  takeVersion,
} from '../../../../client/src/workspace/docs/history-model.js';
import { createTask } from '../../../../client/src/workspace/tasks/index.js';
import { newProject } from '../workspace/tasks/helpers.js';
import { Writer } from '../workspace/chat/helpers.js';

/** The origins of the transactions `write` makes on `doc`, in order. */
function originsOf(doc: Y.Doc, write: () => void): unknown[] {
  const seen: unknown[] = [];
  const listener = (_update: Uint8Array, origin: unknown) => seen.push(origin);
  doc.on('update', listener);
  write();
  doc.off('update', listener);
  return seen;
}

const paragraph = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
const meta = { id: 'v', name: null, at: 1, authorId: 'ann', authorName: 'Ann' };

describe('transaction origins', () => {
  it('tags chat writes with origins.chat', () => {
    const doc = new Y.Doc();
    expect(
      originsOf(doc, () => {
        new Writer(doc, 'a', 'ann').say('m1', 'Hello', 1_000);
        setTopic(doc, 'Launch');
        markRead(doc, 'ann', 'k');
      }),
    ).toEqual([origins.chat, origins.chat, origins.chat]);
  });

  it('tags task edits with the origin the edit context gives (origins.edit in the app)', () => {
    const doc = newProject();
    const ctx = { by: 'ann', now: 1, origin: origins.edit };
    expect(originsOf(doc, () => createTask(doc, { id: 't1', title: 'Ship' }, ctx))).toEqual([
      origins.edit,
    ]);
  });

  it('tags comments, versions, restores and imports with their own origins', () => {
    const live = new Y.Doc();
    const history = new Y.Doc();
    expect(originsOf(live, () => writeDocJson(live, paragraph('One')))).toEqual([origins.import]);
    expect(originsOf(history, () => takeVersion(history, live, meta, false))).toEqual([
      origins.history,
    ]);
    const [one] = listVersions(history);
    writeDocJson(live, paragraph('Two'));
    expect(originsOf(live, () => restoreVersion(history, live, one!, meta))).toEqual([
      origins.history,
    ]);

    const text = live.getXmlFragment('prosemirror');
    const anchor = Y.createRelativePositionFromTypeIndex(text, 0);
    const comment = { id: 'c1', authorId: 'ann', authorName: 'Ann', at: 1, quote: '' };
    expect(
      originsOf(live, () => {
        addComment(live, { ...comment, text: 'Why?', start: anchor, end: anchor });
        replyToComment(live, 'c1', { ...comment, id: 'r1', text: 'Because.' });
        setResolved(live, 'c1', true);
      }),
    ).toEqual([origins.comment, origins.comment, origins.comment]);
  });

  it('gives every origin its own symbol', () => {
    const all = Object.values(origins);
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((origin) => typeof origin === 'symbol')).toBe(true);
  });
});

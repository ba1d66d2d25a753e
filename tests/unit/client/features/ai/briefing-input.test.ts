import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  chatBriefingInput,
  docBriefingInput,
  projectTasks,
} from '../../../../../client/src/features/ai/model/briefing-input.js';
import { rankBriefing } from '../../../../../client/src/features/ai/model/index.js';
import {
  ackDing,
  addMessage,
  createDing,
  markRead,
  type NewMessage,
} from '../../../../../client/src/workspace/chat/index.js';
import { writeDocJson } from '../../../../../client/src/workspace/docs/write-doc.js';
import { takeVersion } from '../../../../../client/src/workspace/docs/history-model.js';
import { markdownToJson } from '../../../../../shared/model/docs/markdown.js';
import { createTask } from '../../../../../client/src/workspace/tasks/index.js';
import { ctx, newProject } from '../../workspace/tasks/helpers.js';

const NOW = Date.UTC(2026, 2, 4, 11, 0); // Wednesday 4 March 2026, 12:00 in Berlin
const BERLIN = 'Europe/Berlin';
const MIN = 60_000;
const HOUR = 60 * MIN;

/** A channel: its meta doc and one month, written through the chat model. */
function channel(roomId = 'general') {
  const meta = new Y.Doc();
  const month = new Y.Doc();
  let seq = 0;
  const say = (author: string, text: string, extra: Partial<NewMessage> = {}): string => {
    seq += 1;
    const id = extra.id ?? `m${seq}`;
    addMessage(month, {
      id,
      key: `k${String(seq).padStart(4, '0')}`,
      author,
      text,
      createdAt: NOW - HOUR + seq * MIN,
      ...extra,
    });
    return id;
  };
  const keyOf = (id: string) => (month.getMap('messages').get(id) as { key: string }).key;
  const docs = () => [{ roomId, roomTitle: 'General', meta, buckets: [month] }];
  return { meta, month, say, keyOf, docs };
}
const rings = () => true;
const mentioning = (...users: string[]) => ({ mentions: { users, channel: false } });

describe('briefing input gathered from the device’s docs', () => {
  it('[G1] lists DINGs to me that are not acknowledged and ring (permit verified)', () => {
    const c = channel();
    for (const [id, recipients, permit] of [
      ['d-mine', ['me'], 'permit-1'],
      ['d-acked', ['me'], 'permit-2'],
      ['d-other', ['you'], 'permit-3'],
      ['d-forged', ['me'], 'a.b.c'],
    ] as const) {
      c.say('boss', `alert ${id}`, { id });
      createDing(
        c.meta,
        {
          messageId: id,
          sender: 'boss',
          recipients,
          key: c.keyOf(id),
          bucket: 'm2026-03',
          preview: `alert ${id}`,
          now: NOW,
          permit,
        },
        { max: 10, windowMs: HOUR },
      );
    }
    ackDing(c.meta, { messageId: 'd-acked', userId: 'me', now: NOW });
    const verified = (roomId: string, id: string) => roomId === 'general' && id !== 'd-forged';
    expect(chatBriefingInput(c.docs(), 'me', verified).dings.map((d) => d.ding.messageId)).toEqual([
      'd-mine',
    ]);
  });

  it('[G2] a mention is answered once I write after it in the channel or its thread', () => {
    const c = channel();
    const open = c.say('ann', '@Me can you review?', mentioning('me'));
    const inChannel = c.say('ann', '@Me and the budget?', mentioning('me'));
    c.say('me', 'on it');
    const later = c.say('bob', '@Me one more thing', mentioning('me'));
    const threaded = c.say('bob', 'thread start');
    const inThread = c.say('ann', '@Me here too', { parentId: threaded, ...mentioning('me') });
    c.say('me', 'replied in the thread', { parentId: threaded });
    const answeredElsewhere = c.say('ann', 'other thread');
    const notAnswered = c.say('ann', '@Me and here', {
      parentId: answeredElsewhere,
      ...mentioning('me'),
    });
    c.say('me', 'a reply in yet another thread', { parentId: threaded });
    c.say('ann', 'no mention at all');
    c.say('ann', '@channel all of you', { mentions: { users: [], channel: true } });
    c.say('me', '@Me talking to myself', { parentId: threaded, ...mentioning('me') });

    const mentions = chatBriefingInput(c.docs(), 'me', rings).mentions;
    expect(Object.fromEntries(mentions.map((m) => [m.messageId, m.answered]))).toEqual({
      [open]: true,
      [inChannel]: true,
      [later]: false,
      [inThread]: true,
      [notAnswered]: false,
    });
  });

  it('[G3] counts threads I started or joined, with others’ replies after my read pointer and a gist', () => {
    const c = channel();
    const mine = c.say('me', 'Shall we move the launch?');
    c.say('ann', 'I think the launch moves to Friday.', { parentId: mine });
    const read = c.say('me', 'ok', { parentId: mine });
    markRead(c.meta, 'me', c.keyOf(read));
    c.say('bob', 'We decided to launch on Friday after the security review.', { parentId: mine });
    c.say('ann', 'Friday works for the launch team.', { parentId: mine });
    const joined = c.say('ann', 'Lunch plans?');
    c.say('me', 'pizza', { parentId: joined });
    const strangers = c.say('ann', 'Not my business');
    c.say('bob', 'still not', { parentId: strangers });

    const { threads, gists } = chatBriefingInput(c.docs(), 'me', rings);
    expect(threads.map((t) => [t.rootId, t.newReplies, t.participants])).toEqual([
      [mine, 2, ['ann', 'me', 'bob']],
      [joined, 0, ['me']],
    ]);
    expect(gists.get(`thread:general:${mine}`)).toBe(
      'We decided to launch on Friday after the security review.',
    );
    expect(gists.has(`thread:general:${joined}`)).toBe(false);
  });

  it('[G4] a followed doc changed by others since yesterday, with who changed it', () => {
    const live = new Y.Doc();
    const history = new Y.Doc();
    const version = (authorId: string, at: number, md: string) => {
      writeDocJson(live, markdownToJson(md));
      takeVersion(
        history,
        live,
        { id: `${authorId}-${at}`, name: null, at, authorId, authorName: authorId },
        true,
      );
    };
    const startOfYesterday = Date.UTC(2026, 2, 2, 23, 0); // 3 March 00:00 in Berlin
    version('zed', startOfYesterday - MIN, 'Zed wrote this first.');
    version('ann', startOfYesterday + HOUR, 'Ann rewrote it late at night.');
    version('me', NOW - 2 * HOUR, 'Then I changed it this morning.');
    version('bob', NOW - 3 * HOUR, 'Bob added a section on costs.');
    const quiet = new Y.Doc();
    const onlyMe = new Y.Doc();
    takeVersion(
      onlyMe,
      live,
      { id: 'x', name: null, at: NOW - HOUR, authorId: 'me', authorName: 'Me' },
      true,
    );

    const docs = docBriefingInput(
      [
        { docId: 'plan', title: 'Plan', history },
        { docId: 'quiet', title: 'Quiet', history: quiet },
        { docId: 'mine', title: 'Mine', history: onlyMe },
      ],
      'me',
      NOW,
      BERLIN,
    );
    expect(docs).toEqual([
      {
        docId: 'plan',
        title: 'Plan',
        changedAt: NOW - 3 * HOUR,
        changedBy: ['bob', 'ann'],
        following: true,
      },
    ]);
  });

  it('feeds rankBriefing: a DING, overdue, due today and a mention in that order', () => {
    const c = channel('ops');
    const alert = c.say('boss', 'the site is down', { id: 'alert' });
    createDing(c.meta, {
      messageId: alert,
      sender: 'boss',
      recipients: ['me'],
      key: c.keyOf(alert),
      bucket: 'm2026-03',
      preview: 'the site is down',
      now: NOW - 30 * MIN,
      permit: 'p',
    });
    c.say('ann', '@Me please look at the logs', mentioning('me'));
    const project = newProject(1, 'Launch');
    createTask(
      project,
      {
        id: 'late',
        title: 'Pay invoices',
        assignees: ['me'],
        due: { date: '2026-03-02', timeZone: BERLIN },
      },
      ctx(),
    );
    createTask(
      project,
      {
        id: 'today',
        title: 'Ship it',
        assignees: ['me'],
        due: { date: '2026-03-04', timeZone: BERLIN },
      },
      ctx(),
    );
    createTask(
      project,
      {
        id: 'theirs',
        title: 'Not mine',
        assignees: ['ann'],
        due: { date: '2026-03-02', timeZone: BERLIN },
      },
      ctx(),
    );

    const chat = chatBriefingInput(c.docs(), 'me', rings);
    const tasks = projectTasks([{ projectId: 'launch', doc: project }]);
    const items = rankBriefing({ me: 'me', tasks, ...chat, docs: [] }, new Date(NOW), {
      timeZone: BERLIN,
    });
    expect(items.map((i) => [i.kind, i.href])).toEqual([
      ['ding', '/chat/ops?message=alert'],
      ['overdue', '/tasks/launch?task=late'],
      ['due-today', '/tasks/launch?task=today'],
      ['mention', '/chat/ops?message=m2'],
    ]);
  });

  it('never writes to the docs it reads', () => {
    const c = channel();
    const root = c.say('me', 'root');
    c.say('ann', '@Me reply', { parentId: root, ...mentioning('me') });
    const before = [Y.encodeStateAsUpdate(c.meta), Y.encodeStateAsUpdate(c.month)];
    chatBriefingInput(c.docs(), 'me', rings);
    expect([Y.encodeStateAsUpdate(c.meta), Y.encodeStateAsUpdate(c.month)]).toEqual(before);
  });
});

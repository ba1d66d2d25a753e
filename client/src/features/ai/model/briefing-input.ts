/**
 * Gathers the daily briefing's input from the docs this device already holds: chat
 * meta docs and their newest months, project docs, and the history of followed docs.
 * Read-only (nothing here writes to a doc) and pure: `me` and times are passed in.
 *
 * What counts as a DING, a mention (and when it is answered), a thread with news
 * and a changed doc: [G1]–[G4] in shared/protocol/AI.md ("Daily briefing").
 */
import type * as Y from 'yjs';
import {
  byKey,
  readDings,
  readMessages,
  readPointers,
  splitThreads,
  type Message,
} from '../../../workspace/chat/index.js';
import { listVersions } from '../../../workspace/docs/versions.js';
import { projectName } from '../../../../../shared/model/tasks/project.js';
import { readAllTasks } from '../../../../../shared/model/tasks/read-task.js';
import type { ProjectTask } from '../../../workspace/tasks/my-tasks.js';
import { addCalendarDays } from '../../../../../shared/model/time/calendar-date.js';
import { startOfZonedDay, zonedParts } from '../../../../../shared/model/time/zoned-time.js';
import type { BriefingInput } from './briefing.js';
import { clip } from './briefing-items.js';
import { summarizeExtractive } from './extractive.js';

export interface ChatRoomDocs {
  roomId: string;
  roomTitle: string;
  meta: Y.Doc;
  /** The months loaded (usually the newest one). */
  buckets: readonly Y.Doc[];
}

type Entries<K extends keyof BriefingInput> =
  BriefingInput[K] extends ReadonlyArray<infer T> ? T[] : never;
interface ChatPart {
  dings: Entries<'dings'>;
  mentions: Entries<'mentions'>;
  threads: Entries<'threads'>;
}

/** Item id (as rankBriefing names items) -> a one-line gist of what is new there. */
export type Gists = Map<string, string>;

export function chatBriefingInput(
  rooms: readonly ChatRoomDocs[],
  me: string,
  rings: (roomId: string, messageId: string) => boolean,
): ChatPart & { gists: Gists } {
  const out: ChatPart & { gists: Gists } = {
    dings: [],
    mentions: [],
    threads: [],
    gists: new Map(),
  };
  for (const room of rooms) {
    const { roomId, roomTitle } = room;
    for (const ding of readDings(room.meta)) {
      if (ding.recipients.includes(me) && !ding.acks.has(me) && rings(roomId, ding.messageId))
        out.dings.push({ roomId, roomTitle, ding });
    }
    const messages = room.buckets.flatMap((doc) => readMessages(doc)).sort(byKey);
    const pointer = readPointers(room.meta).get(me);
    const mine = messages.filter((m) => m.author === me);
    for (const m of messages) {
      if (m.author === me || !m.mentions.users.includes(me)) continue;
      out.mentions.push({
        roomId,
        roomTitle,
        messageId: m.id,
        author: m.author,
        text: m.text,
        createdAt: m.createdAt,
        answered: mine.some((reply) => reply.key > m.key && answers(reply, m)),
      });
    }
    const { top, replies } = splitThreads(messages);
    for (const root of top) {
      const thread = replies.get(root.id) ?? [];
      if (thread.length === 0) continue;
      const participants = [...new Set(thread.map((r) => r.author))];
      if (root.author !== me && !participants.includes(me)) continue;
      const fresh = thread.filter(
        (r) => r.author !== me && (pointer === undefined || r.key > pointer),
      );
      out.threads.push({
        roomId,
        roomTitle,
        rootId: root.id,
        rootText: root.text,
        rootAuthor: root.author,
        participants,
        newReplies: fresh.length,
        lastReplyAt: Math.max(...thread.map((r) => r.createdAt)),
      });
      const gist = gistOf(fresh);
      if (gist !== null) out.gists.set(`thread:${roomId}:${root.id}`, gist);
    }
  }
  return out;
}

/** `reply` answers `said` when it is in the channel, in the thread of `said`, or in the same thread. */
function answers(reply: Message, said: Message): boolean {
  return reply.parentId === null || reply.parentId === said.id || reply.parentId === said.parentId;
}

function gistOf(messages: readonly Message[]): string | null {
  if (messages.length === 0) return null;
  const summary = summarizeExtractive(
    messages.map((m) => ({ id: m.id, text: m.text, author: m.author, at: m.createdAt })),
    { maxSentences: 1 },
  );
  const best = summary.decisions[0] ?? summary.keyPoints[0] ?? summary.openQuestions[0];
  return best ? clip(best.text) : null;
}

/** Every task of every project doc, with its project (as My tasks reads them). */
export function projectTasks(
  projects: ReadonlyArray<{ projectId: string; doc: Y.Doc }>,
): ProjectTask[] {
  return projects.flatMap(({ projectId, doc }) => {
    const name = projectName(doc);
    return readAllTasks(doc).map((task) => ({ projectId, projectName: name, task }));
  });
}

export interface FollowedDoc {
  docId: string;
  title: string;
  /** The doc's `<docId>:history` room. */
  history: Y.Doc;
}

export function docBriefingInput(
  docs: readonly FollowedDoc[],
  me: string,
  now: number,
  timeZone: string,
): BriefingInput['docs'][number][] {
  const since = startOfZonedDay(addCalendarDays(zonedParts(now, timeZone).date, -1), timeZone);
  return docs.flatMap(({ docId, title, history }) => {
    const recent = listVersions(history).filter((v) => v.at >= since && v.authorId !== me);
    const newest = recent[0];
    if (!newest) return [];
    const changedBy = [...new Set(recent.map((v) => v.authorId))];
    return [{ docId, title, changedAt: newest.at, changedBy, following: true }];
  });
}

/** What the daily briefing reads (BriefingInput) and what it lists (BriefingItem). */
import type { Ding } from '../../../workspace/chat/ding.js';
import type { ProjectTask } from '../../../workspace/tasks/my-tasks.js';

export type BriefingKind =
  'ding' | 'meeting' | 'overdue' | 'due-today' | 'mention' | 'thread' | 'doc';

export interface BriefingInput {
  /** The person the briefing is for (user id). */
  me: string;
  /** Tasks of every project the device has, as My tasks reads them. */
  tasks: readonly ProjectTask[];
  dings: ReadonlyArray<{
    roomId: string;
    roomTitle: string;
    ding: Pick<Ding, 'messageId' | 'sender' | 'recipients' | 'createdAt' | 'preview' | 'acks'>;
  }>;
  mentions: ReadonlyArray<{
    roomId: string;
    roomTitle: string;
    messageId: string;
    author: string;
    text: string;
    createdAt: number;
    /** I wrote in the room after it (or replied in its thread). */
    answered: boolean;
  }>;
  threads: ReadonlyArray<{
    roomId: string;
    roomTitle: string;
    rootId: string;
    rootText: string;
    rootAuthor: string;
    /** Everyone who replied in the thread. */
    participants: readonly string[];
    /** Replies by others since I last read the thread. */
    newReplies: number;
    lastReplyAt: number;
  }>;
  docs: ReadonlyArray<{
    docId: string;
    title: string;
    changedAt: number;
    changedBy: readonly string[];
    following: boolean;
    /** A short summary of the change, when one was made (e.g. by the summarizer). */
    summary?: string;
  }>;
  /** Today's meetings not yet over [CAL78], from the calendars' summaries. */
  meetings?: ReadonlyArray<{
    calendarId: string;
    eventId: string;
    title: string;
    start: number;
    end: number;
    /** 'HH:mm' in the person's zone, or 'All day'. */
    when: string;
    meetingUrl: string | null;
  }>;
}

export interface BriefingItem {
  kind: BriefingKind;
  id: string;
  title: string;
  /** One line. */
  detail: string;
  /** In-app link: /chat/:roomId?message=…, /tasks/:projectId?task=…, /docs/:docId. */
  href: string;
  score: number;
  at?: number;
}

/** What the daily briefing reads (BriefingInput) and what it lists (BriefingItem). */
import type { Ding } from '../../../workspace/chat/ding.js';
import type { ProjectTask } from '../../../workspace/tasks/my-tasks.js';

export type BriefingKind =
  'ding' | 'meeting' | 'overdue' | 'approval' | 'due-today' | 'mention' | 'thread' | 'doc';

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
  /**
   * Requests waiting for my decision, from the relay's "to approve" box the device last
   * fetched [G5]; absent when it has none (a guest, or the relay never answered).
   */
  approvals?: {
    /** How many wait (the nav badge's count), which may exceed `requests`. */
    waiting: number;
    requests: ReadonlyArray<{
      requestId: string;
      templateName: string;
      submitterId: string;
      submittedAt: number;
    }>;
  };
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
  /** How many things the line stands for (the approvals line: how many wait); default 1. */
  count?: number;
}

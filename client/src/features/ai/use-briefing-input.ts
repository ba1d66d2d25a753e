import { createMemo, mapArray, type Accessor } from 'solid-js';
import { useSession } from '../../auth/session-context.js';
import { useApprovals } from '../../workspace/approvals/approvals-context.js';
import { useRoom } from '../../sync/registry-context.js';
import { yjsVersion } from '../../sync/yjs-signal.js';
import {
  bucketOf,
  bucketRoom,
  metaRoom,
  readBuckets,
  sortBucketsNewestFirst,
} from '../../workspace/chat/index.js';
import { CHAT_SUMMARY_KEY, readChatSummary } from '../../workspace/chat-summary.js';
import { summaryTasks } from '../../workspace/task-summary.js';
import { todaysMeetings } from '../../workspace/calendar-summary.js';
import { showOccurrence } from '../../../../shared/calendar/display.js';
import { zonedParts } from '../../../../shared/model/time/zoned-time.js';
import { useWorkspaceSync } from '../../workspace/workspace-sync-context.js';
import { useDirectory } from '../../workspace/workspace-context.js';
import { useDingVerdicts } from '../../workspace/workspace-context.js';
import type { BriefingInput } from './model/briefing.js';
import {
  chatBriefingInput,
  docBriefingInput,
  type ChatRoomDocs,
  type FollowedDoc,
  type Gists,
} from './model/briefing-input.js';

type ChatPart = ReturnType<typeof chatBriefingInput>;

export interface BriefingData {
  input: BriefingInput;
  gists: Gists;
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/** Conversations active this recently are read for threads and gists even when all is read. */
const BRIEFING_ACTIVITY_MS = 3 * 24 * 60 * 60_000;

/**
 * The signed-in person's briefing input, from what this device holds, re-read after
 * any change. It opens what the chat sidebar and My tasks open (each conversation's
 * meta doc and newest month, every project) plus the history of followed docs, and
 * never writes to any of them, nor asks the relay anything: a DING is listed once
 * DingAlerts has had its permit verified, approvals once the approvals layer listed them. Null until someone is signed in.
 */
export function useBriefingInput(
  now: Accessor<number>,
  timeZone: Accessor<string>,
): Accessor<BriefingData | null> {
  const session = useSession();
  const dings = useDingVerdicts();
  const titles = createMemo(() => new Map(session.directory().map((r) => [r.id, r.title])));
  const idsOf = (keep: (room: ReturnType<typeof session.directory>[number]) => boolean) =>
    createMemo(
      () =>
        session
          .directory()
          .filter(keep)
          .map((room) => room.id),
      [],
      { equals: sameIds },
    );
  const workspace = useWorkspaceSync();
  // Conversations with something for this person (a DING, a mention, a reply in their
  // thread), from the summaries on the device: the briefing opens those only. Unread or
  // recent activity alone is not enough: in a workspace of a thousand busy channels that
  // opened two parts of each for a briefing that lists none of them.
  const chatIds = idsOf((room) => {
    if (room.kind !== 'channel' && room.kind !== 'dm') return false;
    workspace.summaries.changes(); // once per batch of changes, not per room
    const summary = readChatSummary(workspace.summaries.peek(room.id, CHAT_SUMMARY_KEY));
    if (!summary) return false;
    if (summary.dings.length > 0) return true;
    const active = summary.unread > 0 || summary.lastActivityAt > now() - BRIEFING_ACTIVITY_MS;
    // A summary stored before `addressed` existed cannot tell: read the room as before.
    return active && (summary.addressed ?? true);
  });
  const followedIds = idsOf(
    (room) =>
      room.kind === 'doc' && room.favourite && room.trashedAt === null && room.id !== 'scratchpad',
  );

  const rings = (roomId: string, messageId: string) => dings.verdict(roomId, messageId) === true;
  // One memo per conversation: a new message re-reads that conversation only.
  const rooms = mapArray(chatIds, (roomId): Accessor<ChatPart | null> => {
    const meta = useRoom(metaRoom(roomId));
    const metaVersion = yjsVersion(meta.doc);
    const newest = createMemo(
      () => (metaVersion(), sortBucketsNewestFirst(readBuckets(meta.doc))[0] ?? bucketOf(now())),
    );
    // Re-run when the newest month changes: the previous month's room is released.
    const month = createMemo(() => {
      const handle = useRoom(bucketRoom(roomId, newest()));
      return { doc: handle.doc, version: yjsVersion(handle.doc) };
    });
    return createMemo(() => {
      metaVersion();
      month().version();
      const me = session.me()?.user.id;
      if (!me) return null;
      const docs: ChatRoomDocs = {
        roomId,
        roomTitle: titles().get(roomId) ?? '',
        meta: meta.doc,
        buckets: [month().doc],
      };
      return chatBriefingInput([docs], me, rings);
    });
  });

  const followed = mapArray(followedIds, (docId): Accessor<FollowedDoc> => {
    const history = useRoom(`${docId}:history`);
    const version = yjsVersion(history.doc);
    return () => (version(), { docId, title: titles().get(docId) ?? '', history: history.doc });
  });

  // This person's open tasks from the projects' summaries (the briefing lists only those).
  const directory = useDirectory();
  const projects = () => directory.ofKind('board');

  const chat = createMemo((): ChatPart | null => {
    const parts = rooms().map((room) => room());
    if (!session.me() || parts.some((part) => part === null)) return null;
    const done = parts as ChatPart[];
    return {
      dings: done.flatMap((p) => p.dings),
      mentions: done.flatMap((p) => p.mentions),
      threads: done.flatMap((p) => p.threads),
      gists: new Map(done.flatMap((p) => [...p.gists])),
    };
  });
  const tasks = createMemo(() => summaryTasks(workspace.summaries, projects()));
  // [G5] The relay's "to approve" box as the approvals layer last fetched it: nothing
  // is asked for the briefing's sake, and nothing leaves the device.
  const approvalsState = useApprovals();
  const approvals = createMemo((): BriefingInput['approvals'] => {
    const box = approvalsState.waiting();
    if (!box) return undefined;
    return {
      waiting: approvalsState.toApprove(),
      requests: box.requests.map((r) => ({
        requestId: r.id,
        templateName: r.templateName,
        submitterId: r.submitterId,
        submittedAt: Date.parse(r.submittedAt),
      })),
    };
  });
  // Today's meetings from the calendars' summaries [CAL78]: no calendar is opened.
  const meetings = createMemo(() =>
    todaysMeetings(
      workspace.summaries,
      directory.ofKind('calendar'),
      zonedParts(now(), timeZone()).date,
      timeZone(),
    ).map(({ calendarId, occurrence }) => {
      const shown = showOccurrence(occurrence, timeZone());
      return {
        calendarId,
        eventId: occurrence.eventId,
        title: occurrence.title,
        start: occurrence.start,
        end: occurrence.end,
        when: shown.kind === 'allDay' ? 'All day' : `${shown.startTime}–${shown.endTime}`,
        meetingUrl: occurrence.meetingUrl,
      };
    }),
  );
  return createMemo(() => {
    const me = session.me()?.user.id;
    const fromChat = chat();
    if (!me || !fromChat) return null;
    const { gists, ...messages } = fromChat;
    const docs = docBriefingInput(
      followed().map((doc) => doc()),
      me,
      now(),
      timeZone(),
    );
    const waiting = approvals();
    const input: BriefingInput = { me, tasks: tasks(), docs, meetings: meetings(), ...messages };
    if (waiting) input.approvals = waiting;
    return { input, gists };
  });
}

/**
 * The daily briefing: what needs this person today, ranked, in at most `limit`
 * lines (default 12, readable in 30 seconds). Computed on the device from what it
 * already has; nothing is read from the clock (pass `now`).
 *
 * The rules, in order, are [B1]–[B8] in shared/protocol/AI.md ("Daily briefing"):
 * DINGs, overdue tasks, approvals waiting for me ([B9]), tasks due today, mentions,
 * threads, followed docs; stale
 * mentions, threads and docs decay; each kind and each room is capped.
 * Scores: tier weight x freshness + 999 - place within the kind; highest first.
 */
import { groupMyTasks, type ProjectTask } from '../../../workspace/tasks/my-tasks.js';
import { addCalendarDays } from '../../../../../shared/model/time/calendar-date.js';
import {
  isTimeZone,
  startOfZonedDay,
  zonedParts,
} from '../../../../../shared/model/time/zoned-time.js';
import type { BriefingInput, BriefingItem, BriefingKind } from './briefing-types.js';
import { AiInputError } from './errors.js';
import {
  approvalItem,
  dingItem,
  docItem,
  meetingItem,
  mentionItem,
  taskItem,
  threadItem,
} from './briefing-items.js';

export type { BriefingInput, BriefingItem, BriefingKind } from './briefing-types.js';

export interface BriefingOptions {
  /** The viewer's IANA zone, for "today" and "yesterday"; default the runtime's. */
  timeZone?: string;
  /** Most items; default 12. */
  limit?: number;
  perKind?: number;
  perRoom?: number;
  staleAfterDays?: number;
  /** Display name of a user id; default the id itself. */
  nameOf?: (userId: string) => string;
}

const TIER: Record<BriefingKind, number> = {
  ding: 6000,
  overdue: 5000,
  meeting: 4700,
  approval: 4500,
  'due-today': 4000,
  mention: 3000,
  thread: 2000,
  doc: 1000,
};
const DECAYS: ReadonlySet<BriefingKind> = new Set(['mention', 'thread', 'doc']);
const PRIORITY_RANK = { urgent: 0, high: 1, medium: 2, none: 3, low: 4 } as const;
const DAY_MS = 86_400_000;

type Candidate = Omit<BriefingItem, 'score'> & { room?: string };

export function rankBriefing(
  input: BriefingInput,
  now: Date,
  opts: BriefingOptions = {},
): BriefingItem[] {
  const timeZone = opts.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!isTimeZone(timeZone))
    throw new AiInputError('invalid-input', `unknown time zone: ${timeZone}`);
  const limit = whole(opts.limit ?? 12, 'limit');
  const perKind = whole(opts.perKind ?? 4, 'perKind');
  const perRoom = whole(opts.perRoom ?? 2, 'perRoom');
  const staleMs = (opts.staleAfterDays ?? 3) * DAY_MS;
  const nameOf = opts.nameOf ?? ((id: string) => id);
  const { me } = input;
  const at = now.getTime();
  const ctx = { me, now: at, timeZone, nameOf };

  const dings = input.dings
    .filter(({ ding }) => ding.recipients.includes(me) && !ding.acks.has(me))
    .sort((a, b) => b.ding.createdAt - a.ding.createdAt);
  const ringing = new Set(dings.map((d) => `${d.roomId}/${d.ding.messageId}`));
  const mine = groupMyTasks(input.tasks, me, at, timeZone);
  const byPriority = (a: ProjectTask, b: ProjectTask) =>
    PRIORITY_RANK[a.task.priority] - PRIORITY_RANK[b.task.priority] ||
    (a.task.deadline ?? Infinity) - (b.task.deadline ?? Infinity);
  const yesterday = startOfZonedDay(addCalendarDays(zonedParts(at, timeZone).date, -1), timeZone);

  const kinds: Candidate[][] = [
    dings.map((d) => dingItem(d, ctx)),
    (input.meetings ?? [])
      .filter((m) => m.end > at)
      .sort((a, b) => a.start - b.start)
      .map((m) => meetingItem(m, ctx)),
    [...mine.overdue].sort(byPriority).map((t) => taskItem('overdue', t, ctx)),
    [input.approvals && approvalItem(input.approvals, ctx)].filter((i) => !!i),
    [...mine.today].sort(byPriority).map((t) => taskItem('due-today', t, ctx)),
    input.mentions
      .filter((m) => !m.answered && m.author !== me && !ringing.has(`${m.roomId}/${m.messageId}`))
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((m) => mentionItem(m, ctx)),
    input.threads
      .filter((t) => t.newReplies > 0 && (t.rootAuthor === me || t.participants.includes(me)))
      .sort((a, b) => b.lastReplyAt - a.lastReplyAt)
      .map((t) => threadItem(t, ctx)),
    input.docs
      .filter((d) => d.following && d.changedAt >= yesterday && d.changedBy.some((u) => u !== me))
      .sort((a, b) => b.changedAt - a.changedAt)
      .map((d) => docItem(d, ctx)),
  ];

  const items: BriefingItem[] = [];
  for (const candidates of kinds) {
    const perRoomCount = new Map<string, number>();
    let taken = 0;
    for (const { room, ...item } of candidates) {
      if (taken >= perKind) break;
      if (room !== undefined) {
        const n = (perRoomCount.get(room) ?? 0) + 1;
        if (n > perRoom) continue;
        perRoomCount.set(room, n);
      }
      const age = at - (item.at ?? at);
      const freshness =
        DECAYS.has(item.kind) && age > staleMs ? 0.5 ** ((age - staleMs) / staleMs) : 1;
      items.push({ ...item, score: TIER[item.kind] * freshness + 999 - Math.min(taken, 999) });
      taken += 1;
    }
  }
  return items.sort((a, b) => b.score - a.score).slice(0, limit);
}

function whole(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new AiInputError('invalid-input', `${name} must be a whole number, 0 or more`);
  }
  return value;
}

export { briefingHeadline } from './briefing-items.js';

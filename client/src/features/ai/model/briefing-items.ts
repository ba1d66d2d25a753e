/** The lines of the daily briefing: titles, one-line details, links and the headline. */
import type { ProjectTask } from '../../../workspace/tasks/my-tasks.js';
import { daysBetween } from '../../../../../shared/model/time/calendar-date.js';
import { zonedParts } from '../../../../../shared/model/time/zoned-time.js';
import type { BriefingInput, BriefingItem, BriefingKind } from './briefing-types.js';

interface Context {
  now: number;
  timeZone: string;
  nameOf: (userId: string) => string;
}

type Item = Omit<BriefingItem, 'score'> & { room?: string };

/** One line of at most `max` characters, white space folded, '…' where cut. */
export function clip(text: string, max = 120): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const messageHref = (roomId: string, messageId: string) =>
  `/chat/${encodeURIComponent(roomId)}?message=${encodeURIComponent(messageId)}`;

export function dingItem(entry: BriefingInput['dings'][number], ctx: Context): Item {
  const { roomId, roomTitle, ding } = entry;
  return {
    kind: 'ding',
    id: `ding:${roomId}:${ding.messageId}`,
    title: clip(ding.preview || 'Urgent alert', 80),
    detail: clip(`Urgent alert from ${ctx.nameOf(ding.sender)} in ${roomTitle}`),
    href: messageHref(roomId, ding.messageId),
    at: ding.createdAt,
  };
}

export function taskItem(kind: 'overdue' | 'due-today', entry: ProjectTask, ctx: Context): Item {
  const { projectId, projectName, task } = entry;
  const parts = [projectName];
  const deadline = task.deadline ?? ctx.now;
  const timed = task.due?.time !== undefined;
  const due = zonedParts(timed ? deadline : deadline - 1, ctx.timeZone);
  const late = daysBetween(due.date, zonedParts(ctx.now, ctx.timeZone).date);
  if (kind === 'due-today') parts.push(timed ? `due today at ${due.time}` : 'due today');
  else if (late === 0) parts.push(`was due at ${due.time} today`);
  else parts.push(`${plural(late, 'day', 'days')} overdue`);
  if (task.priority === 'urgent' || task.priority === 'high')
    parts.push(`${task.priority} priority`);
  return {
    kind,
    id: `task:${projectId}:${task.id}`,
    title: clip(task.title, 80),
    detail: clip(parts.join(' · ')),
    href: `/tasks/${encodeURIComponent(projectId)}?task=${encodeURIComponent(task.id)}`,
    at: deadline,
  };
}

export function mentionItem(entry: BriefingInput['mentions'][number], ctx: Context): Item {
  return {
    kind: 'mention',
    id: `mention:${entry.roomId}:${entry.messageId}`,
    title: clip(`${ctx.nameOf(entry.author)} mentioned you in ${entry.roomTitle}`, 80),
    detail: clip(entry.text),
    href: messageHref(entry.roomId, entry.messageId),
    at: entry.createdAt,
    room: entry.roomId,
  };
}

export function threadItem(entry: BriefingInput['threads'][number], _ctx: Context): Item {
  return {
    kind: 'thread',
    id: `thread:${entry.roomId}:${entry.rootId}`,
    title: clip(entry.rootText, 80),
    detail: clip(`${plural(entry.newReplies, 'new reply', 'new replies')} in ${entry.roomTitle}`),
    href: messageHref(entry.roomId, entry.rootId),
    at: entry.lastReplyAt,
    room: entry.roomId,
  };
}

export function docItem(entry: BriefingInput['docs'][number], ctx: Context): Item {
  const names = entry.changedBy.map(ctx.nameOf);
  const who =
    names.length <= 2 ? names.join(' and ') : `${names[0]} and ${names.length - 1} others`;
  const summary = entry.summary ? `: ${entry.summary}` : '';
  return {
    kind: 'doc',
    id: `doc:${entry.docId}`,
    title: clip(entry.title || 'Untitled', 80),
    detail: clip(`Changed by ${who}${summary}`),
    href: `/docs/${encodeURIComponent(entry.docId)}`,
    at: entry.changedAt,
  };
}

/** How many titles of waiting requests the approvals line names. */
const OLDEST_SHOWN = 3;

/**
 * [B9] One line for every request waiting for my decision: how many, and the oldest
 * ones by title and submitter, so the longest-waiting get decided first.
 */
export function approvalItem(
  approvals: NonNullable<BriefingInput['approvals']>,
  ctx: Context,
): Item | null {
  const waiting = Math.max(approvals.waiting, approvals.requests.length);
  if (waiting === 0) return null;
  const oldest = [...approvals.requests]
    .sort((a, b) => a.submittedAt - b.submittedAt)
    .slice(0, OLDEST_SHOWN);
  const names = oldest.map((r) => `${r.templateName} from ${ctx.nameOf(r.submitterId)}`);
  const first = oldest[0];
  const days = first ? Math.floor((ctx.now - first.submittedAt) / 86_400_000) : 0;
  const age = days >= 1 ? ` (the oldest waits ${plural(days, 'day', 'days')})` : '';
  return {
    kind: 'approval',
    id: 'approvals:waiting',
    title: `${plural(waiting, 'approval waits', 'approvals wait')} for you`,
    detail: clip(names.length ? `Oldest: ${names.join('; ')}${age}` : 'Open Approvals to see them'),
    href:
      waiting === 1 && first
        ? `/approvals/${encodeURIComponent(first.requestId)}`
        : '/approvals?box=toApprove',
    count: waiting,
    ...(first ? { at: first.submittedAt } : {}),
  };
}

export function meetingItem(
  entry: NonNullable<BriefingInput['meetings']>[number],
  ctx: Context,
): Item {
  return {
    kind: 'meeting',
    id: `meeting:${entry.calendarId}:${entry.eventId}:${entry.start}`,
    title: clip(entry.title, 80),
    detail: clip(entry.meetingUrl ? `${entry.when} · has a meeting link` : entry.when),
    href: `/calendar/${encodeURIComponent(entry.calendarId)}`,
    at: Math.min(entry.start, ctx.now),
  };
}

const NOUNS: Record<BriefingKind, [string, string]> = {
  ding: ['urgent alert', 'urgent alerts'],
  meeting: ['meeting today', 'meetings today'],
  overdue: ['overdue task', 'overdue tasks'],
  approval: ['approval waiting', 'approvals waiting'],
  'due-today': ['task due today', 'tasks due today'],
  mention: ['mention', 'mentions'],
  thread: ['thread with new replies', 'threads with new replies'],
  doc: ['changed doc', 'changed docs'],
};

/** "2 urgent alerts, 1 overdue task, 3 mentions": the briefing in one line. */
export function briefingHeadline(items: readonly Pick<BriefingItem, 'kind' | 'count'>[]): string {
  const counts = new Map<BriefingKind, number>();
  for (const { kind, count } of items) counts.set(kind, (counts.get(kind) ?? 0) + (count ?? 1));
  const parts = (Object.keys(NOUNS) as BriefingKind[])
    .filter((kind) => (counts.get(kind) ?? 0) > 0)
    .map((kind) => plural(counts.get(kind) ?? 0, ...NOUNS[kind]));
  return parts.length === 0 ? 'Nothing needs you today.' : parts.join(', ');
}

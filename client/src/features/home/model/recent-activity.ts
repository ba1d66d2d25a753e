/**
 * Home's "Recent activity" ([HOME2]): the conversations with the newest messages,
 * read from the chat summaries the device keeps (no conversation is opened, so it
 * costs the same with ten channels or a thousand).
 */
import type { DirectoryRoom } from '../../../../../shared/api/schemas.js';
import type { ChatSummary } from '../../../workspace/chat-summary.js';

export interface RecentConversation {
  readonly room: DirectoryRoom;
  readonly summary: ChatSummary;
}

export function recentActivity(
  rooms: readonly DirectoryRoom[],
  summaryOf: (roomId: string) => ChatSummary | null,
  limit = 6,
): RecentConversation[] {
  return rooms
    .flatMap((room) => {
      if ((room.kind !== 'channel' && room.kind !== 'dm') || room.trashedAt !== null) return [];
      const summary = summaryOf(room.id);
      return summary && summary.lastActivityAt > 0 ? [{ room, summary }] : [];
    })
    .sort(
      (a, b) =>
        b.summary.lastActivityAt - a.summary.lastActivityAt || a.room.id.localeCompare(b.room.id),
    )
    .slice(0, limit);
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const STEPS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['minute', 60_000],
  ['hour', 3_600_000],
  ['day', 86_400_000],
  ['week', 604_800_000],
];

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago". */
export function timeAgo(at: number, now: number): string {
  const elapsed = Math.max(0, now - at);
  if (elapsed < 60_000) return 'just now';
  let unit: [Intl.RelativeTimeFormatUnit, number] = STEPS[0]!;
  for (const step of STEPS) if (elapsed >= step[1]) unit = step;
  return relative.format(-Math.floor(elapsed / unit[1]), unit[0]);
}

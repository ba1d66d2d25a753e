import type { DirectoryRoom } from '../../../shared/api/schemas.js';
import { roomIdOf } from '../../../shared/protocol/room-id.js';
import { CHAT_SUMMARY_KEY, readChatSummary } from './chat-summary.js';
import type { RoomSummaries } from './room-summaries.js';

/** A chat month part (`<id>:mYYYY-MM`) older than the current month: history, fetched last. */
function olderMonth(part: string, now: Date): boolean {
  const match = /:m(\d{4})-(\d{2})$/.exec(part);
  if (!match) return false;
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return Number(match[1]) * 12 + Number(match[2]) - 1 < current;
}

/**
 * The order of background fetches after open views (which CatchUp puts first): DMs and
 * rooms with mentions or DINGs, then every other room's current parts, then older
 * months of chat history.
 */
export function partPriority(
  directory: () => readonly DirectoryRoom[],
  summaries: () => RoomSummaries,
): (part: string) => number {
  let kinds = new Map<string, DirectoryRoom['kind']>();
  let seen: readonly DirectoryRoom[] | null = null;
  return (part) => {
    const rooms = directory();
    if (rooms !== seen) {
      seen = rooms;
      kinds = new Map(rooms.map((room) => [room.id, room.kind]));
    }
    if (olderMonth(part, new Date())) return 3;
    const roomId = roomIdOf(part);
    if (kinds.get(roomId) === 'dm') return 1;
    const chat = readChatSummary(summaries().peek(roomId, CHAT_SUMMARY_KEY));
    if (chat && (chat.mentions > 0 || chat.dings.length > 0)) return 1;
    return 2;
  };
}

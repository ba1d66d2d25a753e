import type { Notification, NotifyBody } from '../../../shared/api/schemas.js';
import type { Clock } from '../clock.js';
import { TokenBucket } from '../rooms/token-bucket.js';
import { ApiFailure, fail } from './api-failure.js';
import { newId, type IdentityStore, type UserRow } from './identity-store.js';
import type { RoomDirectory } from './room-directory.js';

/** How many notifications one person may send: a burst of 30, then one every 2 s. */
const SEND_RATE = { perSecond: 0.5, burst: 30 };
const INBOX_SIZE = 100;

/**
 * Per-person inboxes for mentions. A sender must be able to write the room; each
 * recipient must be able to read it, checked when sending and again when listing
 * (access may have been revoked since), so an inbox never shows a room's title to
 * someone who cannot read it.
 */
export class Notifications {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly store: IdentityStore,
    private readonly directory: RoomDirectory,
    private readonly clock: Clock,
  ) {}

  send(
    sender: UserRow,
    roomId: string,
    body: Required<Pick<NotifyBody, 'userIds'>> & { excerpt: string },
  ): number {
    const level = this.directory.levelFor(sender.id, roomId);
    if (level === 'none') throw fail.notFound('room');
    if (level !== 'write') throw fail.forbidden('you can only read this room');
    let bucket = this.buckets.get(sender.id);
    if (!bucket) {
      bucket = new TokenBucket(SEND_RATE.perSecond, SEND_RATE.burst, () => this.clock.now());
      this.buckets.set(sender.id, bucket);
    }
    if (!bucket.take()) {
      throw new ApiFailure(429, 'rate_limited', 'too many notifications; try again shortly', 2);
    }
    const recipients = [...new Set(body.userIds)].filter(
      (id) => id !== sender.id && this.directory.levelFor(id, roomId) !== 'none',
    );
    const insert = this.store.db.prepare(
      `INSERT INTO notifications (id, user_id, room_id, kind, actor_id, excerpt, at)
       VALUES (?, ?, ?, 'mention', ?, ?, ?)`,
    );
    this.store.tx(() => {
      for (const id of recipients)
        insert.run(newId(), id, roomId, sender.id, body.excerpt, this.clock.now());
    });
    return recipients.length;
  }

  list(user: UserRow): Notification[] {
    const rows = this.store.db
      .prepare<
        [string, number],
        {
          id: string;
          room_id: string;
          actor_id: string;
          excerpt: string;
          at: number;
          read_at: number | null;
        }
      >(
        `SELECT id, room_id, actor_id, excerpt, at, read_at FROM notifications
         WHERE user_id = ? ORDER BY at DESC LIMIT ?`,
      )
      .all(user.id, INBOX_SIZE);
    return rows.flatMap((row) => {
      if (this.directory.levelFor(user.id, row.room_id) === 'none') return [];
      const room = this.store.room(row.room_id);
      if (!room) return [];
      return [
        {
          id: row.id,
          kind: 'mention' as const,
          roomId: room.id,
          roomKind: room.kind,
          roomTitle: room.title,
          actorName: this.store.userById(row.actor_id)?.name ?? 'Someone',
          excerpt: row.excerpt,
          at: row.at,
          read: row.read_at !== null,
        },
      ];
    });
  }

  markRead(user: UserRow, ids: readonly string[]): void {
    const update = this.store.db.prepare(
      'UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL',
    );
    this.store.tx(() => {
      for (const id of ids) update.run(this.clock.now(), id, user.id);
    });
  }
}

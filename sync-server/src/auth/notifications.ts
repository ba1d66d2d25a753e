import type { Notification, NotifyBody } from '../../../shared/api/schemas.js';
import type { Clock } from '../clock.js';
import { TokenBucket } from '../rooms/token-bucket.js';
import { ApiFailure, fail } from './api-failure.js';
import {
  newId,
  type IdentityStore,
  type NotificationRow,
  type RoomRow,
  type UserRow,
} from './identity/identity-store.js';
import type { RoomDirectory } from './room-directory.js';

/** How many notifications one person may send: a burst of 30, then one every 2 s. */
const SEND_RATE = { perSecond: 0.5, burst: 30 };
const INBOX_SIZE = 100;

/**
 * Per-person inboxes: mentions, and the approval notices the relay wrote with each
 * request's log entries ([APPR70]). A mention's sender must be able to write the room; each
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

  async send(
    sender: UserRow,
    roomId: string,
    body: Required<Pick<NotifyBody, 'userIds'>> & { excerpt: string; anchor?: string | undefined },
  ): Promise<number> {
    const level = await this.directory.levelFor(sender.id, roomId);
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
    const recipients: string[] = [];
    for (const id of new Set(body.userIds))
      if (id !== sender.id && (await this.directory.levelFor(id, roomId)) !== 'none')
        recipients.push(id);
    await this.store.notifications.insert(
      recipients.map((id) => ({
        id: newId(),
        user_id: id,
        room_id: roomId,
        kind: 'mention' as const,
        actor_id: sender.id,
        excerpt: body.excerpt,
        anchor: body.anchor ?? null,
        at: this.clock.now(),
      })),
    );
    return recipients.length;
  }

  /**
   * The newest INBOX_SIZE of the person's mentions and approval notices together,
   * newest first. Approval notices are the rows the relay wrote with each log entry
   * [APPR40], listed here rather than copied into a second table [APPR70]; their ids
   * are the relay's fresh ids, so markRead can hand every id to both stores.
   */
  async list(user: UserRow): Promise<Notification[]> {
    // Each sender's name read once per listing, however many items share them.
    const names = new Map<string, Promise<string>>();
    const nameOf = (id: string) => {
      let name = names.get(id);
      if (!name) {
        name = this.store.people.byId(id).then((u) => u?.name ?? 'Someone');
        names.set(id, name);
      }
      return name;
    };
    const [mentions, notices] = await Promise.all([
      this.mentions(user, nameOf),
      this.store.approvals.notices(user.id, INBOX_SIZE),
    ]);
    const approvals = await Promise.all(
      notices.map(async (row): Promise<Notification> => ({
        id: row.id,
        kind: 'approval',
        requestId: row.request_id,
        templateName: row.template_name,
        reason: row.reason,
        actorName: await nameOf(row.actor_id),
        at: row.at,
        read: row.read_at !== null,
      })),
    );
    // Stable: ties keep mentions first, each list in its store's order.
    return [...mentions, ...approvals].sort((a, b) => b.at - a.at).slice(0, INBOX_SIZE);
  }

  private async mentions(
    user: UserRow,
    nameOf: (id: string) => Promise<string>,
  ): Promise<Notification[]> {
    const rows = await this.store.notifications.inbox(user.id, INBOX_SIZE);
    // Each room read once, however many mentions share it.
    const rooms = new Map<string, Promise<{ room: RoomRow; readable: boolean } | null>>();
    const roomOf = (id: string) => {
      let found = rooms.get(id);
      if (!found) {
        found = Promise.all([this.store.rooms.get(id), this.directory.levelFor(user.id, id)]).then(
          ([room, level]) => (room ? { room, readable: level !== 'none' } : null),
        );
        rooms.set(id, found);
      }
      return found;
    };
    const listed = await Promise.all(
      rows.map(async (row): Promise<Notification | null> => {
        const found =
          row.kind === 'mention' ? await roomOf(row.room_id) : await this.invitedTo(user, row);
        if (!found?.readable) return null;
        return {
          id: row.id,
          kind: row.kind,
          roomId: found.room.id,
          roomKind: found.room.kind,
          roomTitle: found.room.title,
          actorName: await nameOf(row.actor_id),
          excerpt: row.excerpt,
          anchor: row.anchor,
          at: row.at,
          read: row.read_at !== null,
        };
      }),
    );
    return listed.filter((n) => n !== null);
  }

  /**
   * [CAL42] A calendar notice shows while its person is (or was) invited to the
   * event, whether or not they can read the calendar; its title is the event's, never
   * the calendar's.
   */
  private async invitedTo(
    user: UserRow,
    row: NotificationRow,
  ): Promise<{ room: Pick<RoomRow, 'id' | 'kind' | 'title'>; readable: boolean } | null> {
    if (row.anchor === null) return null;
    const invites = this.store.calendarInvites;
    const [invite, mine] = await Promise.all([
      invites.get(row.room_id, row.anchor),
      invites.invitee(row.room_id, row.anchor, user.id),
    ]);
    if (!invite || !mine) return null;
    const title = titleOf(invite.snapshot);
    return { room: { id: row.room_id, kind: 'calendar', title }, readable: true };
  }

  async markRead(user: UserRow, ids: readonly string[]): Promise<void> {
    const at = this.clock.now();
    await this.store.notifications.markRead(user.id, ids, at);
    await this.store.approvals.markNoticesRead(user.id, ids, at);
  }
}

function titleOf(snapshot: string): string {
  try {
    const title: unknown = (JSON.parse(snapshot) as { title?: unknown }).title;
    return typeof title === 'string' ? title : 'An event';
  } catch {
    return 'An event';
  }
}

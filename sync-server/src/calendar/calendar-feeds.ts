/**
 * Subscription URLs of calendars [CAL60]–[CAL64]: made and revoked by people who
 * read the calendar, served without a session to whoever holds the URL. Every
 * refusal of `serve` that depends on the token (unknown, revoked, creator
 * deactivated or without access, room gone, trashed or not a calendar) is the same
 * `missing`, so the answer tells a guesser nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import {
  MAX_CALENDAR_FEEDS,
  calendarFeedPath,
  type CalendarFeed,
  type CreatedCalendarFeed,
} from '../../../shared/api/calendar-feeds.js';
import { exportIcs } from '../../../shared/calendar/ics-export.js';
import { readCalendar } from '../../../shared/calendar/read-events.js';
import { fail } from '../auth/api-failure.js';
import { sha256 } from '../auth/accounts.js';
import type { CalendarFeedRow, IdentityStore, UserRow } from '../auth/identity/identity-store.js';
import { newId } from '../auth/identity/identity-store.js';
import type { RoomDirectory } from '../auth/room-directory.js';
import type { Clock } from '../clock.js';
import type { BucketShape, RateLimits } from '../limits/rate-limits.js';
import type { Persistence } from '../persistence/persistence.js';

/** 256 random bits, base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Calendar apps poll every few minutes at most; a household behind one address has a few. */
const PER_ADDRESS: BucketShape = { perMinute: 60, burst: 120 };
const PER_TOKEN: BucketShape = { perMinute: 12, burst: 30 };
/** Last use is written at most this often per URL, not on every poll. */
const TOUCH_EVERY_MS = 60_000;
/** Bumped when the file's format changes, so clients fetch it again. */
const FORMAT = 'cal-ics-1';

export type FeedAnswer =
  | { kind: 'missing' }
  | { kind: 'limited'; retryAfterMs: number }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'unchanged'; etag: string }
  | { kind: 'calendar'; etag: string; body: string; name: string };

export interface CalendarFeedsDeps {
  store: IdentityStore;
  directory: RoomDirectory;
  persistence: Persistence;
  limits: RateLimits;
  clock: Clock;
}

const listed = (row: CalendarFeedRow): CalendarFeed => ({
  id: row.id,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

/** Whether an If-None-Match header names `etag` (weak or strong, or `*`). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

export class CalendarFeeds {
  constructor(private readonly deps: CalendarFeedsDeps) {}

  /** The calendar room if `user` reads it; 404 otherwise, as for one that does not exist. */
  private async readableCalendar(userId: string, roomId: string) {
    const room = await this.deps.store.rooms.get(roomId);
    if (!room || room.kind !== 'calendar') return null;
    if ((await this.deps.directory.levelFor(userId, roomId)) === 'none') return null;
    return room;
  }

  async create(user: UserRow, roomId: string, origin: string): Promise<CreatedCalendarFeed> {
    if (!(await this.readableCalendar(user.id, roomId))) throw fail.notFound('calendar');
    const token = randomBytes(32).toString('base64url');
    const at = this.deps.clock.now();
    const row = {
      id: newId(),
      token_hash: sha256(token),
      room_id: roomId,
      user_id: user.id,
      created_at: at,
    };
    await this.deps.store.transaction(async (tx) => {
      if ((await tx.calendarFeeds.of(user.id, roomId)).length >= MAX_CALENDAR_FEEDS)
        throw fail.conflict(
          `at most ${MAX_CALENDAR_FEEDS} subscription URLs per calendar; revoke one first`,
        );
      await tx.calendarFeeds.insert(row);
      await tx.audit.append({
        at,
        actorId: user.id,
        action: 'calendar.subscription.create',
        target: roomId,
        details: { id: row.id },
      });
    });
    const url = new URL(calendarFeedPath(token), origin).toString();
    return {
      ...listed({ ...row, last_used_at: null }),
      url,
      webcalUrl: url.replace(/^https?:/, 'webcal:'),
    };
  }

  async list(user: UserRow, roomId: string): Promise<CalendarFeed[]> {
    if (!(await this.readableCalendar(user.id, roomId))) throw fail.notFound('calendar');
    return (await this.deps.store.calendarFeeds.of(user.id, roomId)).map(listed);
  }

  /** Revoking needs no access to the room: it only ever takes something away. */
  async revoke(user: UserRow, roomId: string, id: string): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      const own = await tx.calendarFeeds.of(user.id, roomId);
      if (!own.some((row) => row.id === id) || !(await tx.calendarFeeds.delete(user.id, id)))
        throw fail.notFound('subscription URL');
      await tx.audit.append({
        at: this.deps.clock.now(),
        actorId: user.id,
        action: 'calendar.subscription.revoke',
        target: roomId,
        details: { id },
      });
    });
  }

  /** The calendar behind `token`, for GET /ics/<token>.ics. */
  async serve(token: string, address: string, ifNoneMatch?: string): Promise<FeedAnswer> {
    const now = this.deps.clock.now();
    // The token's hash names its bucket: Redis never holds a usable URL.
    const tokenHash = sha256(token);
    let verdict;
    try {
      verdict = await this.deps.limits.take(
        [
          { key: `ics-address:${address}`, shape: PER_ADDRESS },
          { key: `ics-token:${tokenHash}`, shape: PER_TOKEN },
        ],
        now,
      );
    } catch {
      return { kind: 'unavailable', reason: 'the relay cannot check its rate limits' };
    }
    if (!verdict.ok) return { kind: 'limited', retryAfterMs: verdict.retryAfterMs };
    if (!TOKEN.test(token)) return { kind: 'missing' };
    const { store } = this.deps;
    const row = await store.calendarFeeds.byTokenHash(tokenHash);
    if (!row) return { kind: 'missing' };
    const user = await store.people.byId(row.user_id);
    const room = user?.active === 1 ? await this.readableCalendar(user.id, row.room_id) : null;
    if (!room || room.trashed_at !== null) return { kind: 'missing' };
    const { persistence } = this.deps;
    let stored;
    try {
      if (await persistence.quarantineOf(room.id)) throw new Error('quarantined');
      stored = await persistence.load(room.id);
    } catch {
      return { kind: 'unavailable', reason: 'the calendar cannot be read right now' };
    }
    // The tag is of what is stored (and of what else goes into the file), so a
    // poll that changes nothing is answered without decoding the doc [CAL61]. A
    // compaction changes the bytes but not the events: one needless full answer.
    const hash = createHash('sha256').update(
      `${FORMAT}\n${room.title}\n${new Date(now).getUTCFullYear()}\n`,
    );
    for (const update of stored.updates) hash.update(update);
    const etag = `"${hash.digest('base64url')}"`;
    if (row.last_used_at === null || now - row.last_used_at >= TOUCH_EVERY_MS)
      await store.calendarFeeds.touch(row.id, now);
    if (matches(ifNoneMatch, etag)) return { kind: 'unchanged', etag };
    const doc = new Y.Doc();
    let body: string;
    try {
      doc.transact(() => {
        for (const update of stored.updates) Y.applyUpdate(doc, update);
      });
      // Nobody is named by email: the URL may be handed to any calendar service [CAL63].
      body = exportIcs(readCalendar(doc).events, {
        emailOf: () => undefined,
        now,
        name: room.title,
      });
    } catch {
      return { kind: 'unavailable', reason: 'the calendar cannot be read right now' };
    } finally {
      doc.destroy();
    }
    return { kind: 'calendar', etag, body, name: room.title };
  }
}

import type { RetentionPolicy } from '../../../shared/retention/retention.js';
import { fail } from '../auth/api-failure.js';
import type { IdentityStore, UserRow } from '../auth/identity/identity-store.js';
import type { RoomDirectory } from '../auth/room-directory.js';
import type { Clock } from '../clock.js';

/**
 * Reading and setting a channel's retention policy [RETAIN1][RETAIN2]. The relay is
 * the authority, because it is the one that deletes: any member reads the policy,
 * the people who manage the room (its owner, an admin who can write it) set it, and
 * every change goes to the audit log, with the policy before and after, in the same
 * transaction as the change.
 */
export class RetentionPolicies {
  constructor(
    private readonly deps: {
      store: IdentityStore;
      directory: RoomDirectory;
      clock: Clock;
      /** Called after a change is stored, to sweep the room now rather than at the next tick. */
      changed?: (roomId: string) => void;
    },
  ) {}

  async get(user: UserRow, roomId: string): Promise<RetentionPolicy> {
    await this.deps.directory.get(user, roomId); // 404 unless the person reads the room
    const row = await this.deps.store.retention.get(roomId);
    return row
      ? { days: row.days, setBy: row.set_by, setAt: row.set_at }
      : { days: null, setBy: null, setAt: null };
  }

  async set(user: UserRow, roomId: string, days: number | null): Promise<RetentionPolicy> {
    const room = await this.deps.directory.get(user, roomId);
    if (room.kind !== 'channel' && room.kind !== 'dm')
      throw fail.invalid('retention applies to channels and direct messages');
    if (!room.canManage)
      throw fail.forbidden(
        'only the channel owner or an admin who can write in it can set how long messages are kept',
      );
    const now = this.deps.clock.now();
    await this.deps.store.transaction(async (tx) => {
      const before = (await tx.retention.get(roomId))?.days ?? null;
      await tx.retention.set(roomId, days, user.id, now);
      await tx.audit.append({
        at: now,
        actorId: user.id,
        action: 'room.retention',
        target: roomId,
        details: { before, after: days },
      });
    });
    this.deps.changed?.(roomId);
    return this.get(user, roomId);
  }
}

import { evaluateAccess, type AccessRule, type Subject } from '../../../shared/access/evaluate.js';
import type { AccessLevel } from '../../../shared/access/levels.js';
import type { IdentityStore } from '../auth/identity-store.js';

/**
 * Access levels for the feed, decided by `evaluateAccess` exactly as
 * `RoomDirectory.levelFor` does, with people and room rules cached until access
 * changes (`clear()` on every recheck of the connection guard). So a commit that
 * 1,000 connected readers must hear of costs 1,000 evaluations in memory, not
 * 1,000 database reads, and no connection keeps a set of the rooms it may read.
 * Unknown room ids are never cached: heads requests carry ids the client chose.
 */
export class ReadAccess {
  private subjects = new Map<string, Subject | null>();
  private readonly rooms = new Map<string, { ownerId: string; rule: AccessRule }>();

  constructor(private readonly store: IdentityStore) {}

  level(userId: string, roomId: string): AccessLevel {
    // After a change, everyone is read in one go: a commit's readers are most people.
    if (this.subjects.size === 0) this.subjects = this.store.subjects();
    let subject = this.subjects.get(userId);
    if (subject === undefined) {
      subject = this.store.subject(userId);
      this.subjects.set(userId, subject);
    }
    if (!subject) return 'none';
    let room = this.rooms.get(roomId);
    if (!room) {
      const row = this.store.room(roomId);
      if (!row) return 'none';
      room = { ownerId: row.owner_id, rule: this.store.rule(row) };
      this.rooms.set(roomId, room);
    }
    return evaluateAccess(subject, room);
  }

  canRead(userId: string, roomId: string): boolean {
    return this.level(userId, roomId) !== 'none';
  }

  /** Forgets everything: access may have changed. */
  clear(): void {
    this.subjects.clear();
    this.rooms.clear();
  }
}

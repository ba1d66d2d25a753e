import type { AccessLevel } from '../../../shared/access/levels.js';
import { levelIn, type AccessSnapshot } from '../auth/access-snapshot.js';

/**
 * Access levels for the feed, decided by `evaluateAccess` exactly as
 * `RoomDirectory.levelFor` does, over the connection guard's snapshot of people
 * and rules (read afresh at every recheck). So a commit that 1,000 connected
 * readers must hear of costs 1,000 evaluations in memory and no store call, and
 * no connection keeps a set of the rooms it may read.
 */
export class ReadAccess {
  constructor(private readonly snapshot: () => AccessSnapshot) {}

  level(userId: string, roomId: string): AccessLevel {
    return levelIn(this.snapshot(), userId, roomId);
  }

  canRead(userId: string, roomId: string): boolean {
    return this.level(userId, roomId) !== 'none';
  }
}

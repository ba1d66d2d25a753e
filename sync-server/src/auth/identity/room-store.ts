import type { AccessRule } from '../../../../shared/access/evaluate.js';
import type { GrantLevel } from '../../../../shared/access/levels.js';
import type { RoomRow } from './rows.js';

/** Rooms (channels, docs, boards) and their access rules (workspace level plus grants). */
export interface RoomStore {
  get(id: string): Promise<RoomRow | undefined>;
  /** Oldest first (then by id). */
  all(): Promise<RoomRow[]>;
  /** Fails when the id is taken. A new room is not in the trash. */
  insert(
    row: Omit<RoomRow, 'parent_id' | 'trashed_at'> & Partial<Pick<RoomRow, 'parent_id'>>,
  ): Promise<void>;
  update(
    id: string,
    fields: Partial<
      Pick<RoomRow, 'title' | 'owner_id' | 'workspace_level' | 'parent_id' | 'trashed_at'>
    >,
  ): Promise<void>;
  /** Gives every room of `fromUserId` to `toUserId`; returns their ids. */
  transfer(fromUserId: string, toUserId: string): Promise<string[]>;
  rule(room: RoomRow): Promise<AccessRule>;
  /** The rule of each of `rooms`, from one read of the grants (a directory snapshot). */
  rules(rooms: readonly RoomRow[]): Promise<Map<string, AccessRule>>;
  /** Replaces the room's grants. */
  setGrants(
    roomId: string,
    groups: Iterable<[string, GrantLevel]>,
    users: Iterable<[string, GrantLevel]>,
  ): Promise<void>;
}

import type { GroupRow, GroupWithMembers } from './rows.js';

/** Groups and who belongs to them. Group names are unique regardless of case. */
export interface GroupStore {
  /** Every group with its members, by name. */
  all(): Promise<GroupWithMembers[]>;
  get(id: string): Promise<GroupRow | undefined>;
  /** Fails when the name is taken (in any case). */
  insert(id: string, name: string, at: number): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  /** Also removes the group's memberships and its grants in every room. */
  delete(id: string): Promise<void>;
  /** Replaces the group's members. */
  setMembers(groupId: string, userIds: readonly string[]): Promise<void>;
  /** Replaces the groups a person belongs to. */
  setGroupsOf(userId: string, groupIds: readonly string[]): Promise<void>;
  /** The ids of the person's groups, sorted. */
  groupsOf(userId: string): Promise<string[]>;
}

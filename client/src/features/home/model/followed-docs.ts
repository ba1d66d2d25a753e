/**
 * Home's "Followed docs" ([HOME3]): the docs this person starred, newest change
 * first, from each doc's version history; a change by someone else in the last
 * week is marked new. Pure: the versions and the clock are passed in.
 */
import type { DirectoryRoom } from '../../../../../shared/api/schemas.js';

/** What a doc's newest version says (history-model's VersionMeta). */
export interface LastChange {
  readonly at: number;
  readonly authorId: string;
  readonly authorName: string;
}

export interface FollowedDocChange {
  readonly room: DirectoryRoom;
  readonly last: LastChange | null;
  /** Changed by someone else within FRESH_MS. */
  readonly fresh: boolean;
}

export const FRESH_MS = 7 * 86_400_000;

/** The starred docs worth following: not trashed, not the scratchpad. */
export function followedDocs(docs: readonly DirectoryRoom[]): DirectoryRoom[] {
  return docs.filter(
    (room) =>
      room.kind === 'doc' && room.favourite && room.trashedAt === null && room.id !== 'scratchpad',
  );
}

export function followedDocChanges(
  docs: ReadonlyArray<{ room: DirectoryRoom; last: LastChange | null }>,
  me: string,
  now: number,
  limit = 6,
): FollowedDocChange[] {
  return docs
    .map(({ room, last }) => ({
      room,
      last,
      fresh: last !== null && last.authorId !== me && now - last.at <= FRESH_MS,
    }))
    .sort(
      (a, b) =>
        Number(b.fresh) - Number(a.fresh) ||
        (b.last?.at ?? 0) - (a.last?.at ?? 0) ||
        a.room.title.localeCompare(b.room.title),
    )
    .slice(0, limit);
}

/** Without starred docs: the newest docs this person can read, by when they were made. */
export function newestDocs(docs: readonly DirectoryRoom[], limit = 4): DirectoryRoom[] {
  return docs
    .filter((room) => room.kind === 'doc' && room.trashedAt === null && room.id !== 'scratchpad')
    .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id))
    .slice(0, limit);
}

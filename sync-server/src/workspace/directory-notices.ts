import { performance } from 'node:perf_hooks';
import { evaluateAccess, type AccessRule, type Subject } from '../../../shared/access/evaluate.js';
import type { AccessControl, DirectoryChange } from '../auth/access-control.js';
import { readAccessSnapshot, type AccessSnapshot } from '../auth/access-snapshot.js';
import { directoryDigest } from '../auth/directory-digest.js';
import type { RoomRow } from '../auth/identity/identity-store.js';
import { directoryOf } from '../auth/room-directory.js';
import type { Logger } from '../logger.js';

/**
 * Digests are recomputed for this long at most in one turn of the event loop: one
 * person with 2,000 readable rooms costs about 10 ms (bench/README.md, "Feed").
 */
const SLICE_MS = 20;

interface Known {
  row: RoomRow;
  rule: AccessRule;
  /** Everything of the room that its directory entry shows or depends on. */
  print: string;
}

interface Person {
  /** Digest of the person's directory as last computed. */
  digest: string;
  /** Role, status and groups when last looked at. */
  subject: string;
}

/**
 * [FEED3] Who gets a `directory` frame. Per connected person it keeps only the last
 * digest and a short key of their role and groups; per room (not per person) what
 * the directory shows of it. After a change it diffs the rooms and the people's
 * keys against what it saw last, and recomputes the digest only of the people who
 * read a room that changed (before or after) or whose own role or groups changed;
 * a favourite changes one person's directory. So a change costs one snapshot of
 * the store (a few batched reads, access-snapshot.ts) and one look at each connected
 * person, plus a full directory (O(rooms)) only for the people it concerns, in
 * SLICE_MS slices.
 */
export class DirectoryNotices {
  private readonly people = new Map<string, Person>();
  private rooms: Map<string, Known> | null = null;
  private pending: { diff: boolean; people: Set<string> } | null = null;
  private running = false;
  private reading: Promise<AccessSnapshot> | null = null;

  constructor(
    private readonly deps: {
      control: AccessControl;
      log: Logger;
      /** Sends `directory` to every connection of the person. */
      notify: (userId: string) => void;
      defer: (fn: () => void) => void;
    },
  ) {}

  /**
   * The person's directory as the store has it now, for `join`. Hellos that arrive
   * together (every device after a relay restart) share one read.
   */
  async current(userId: string): Promise<Person & { snapshot: AccessSnapshot }> {
    this.reading ??= readAccessSnapshot(this.deps.control.store).finally(() => {
      this.reading = null;
    });
    const snapshot = await this.reading;
    return {
      snapshot,
      digest: this.digestOf(userId, snapshot) ?? '',
      subject: subjectKey(snapshot.subjects.get(userId) ?? null),
    };
  }

  /**
   * A connection said hello: the digest of its person's directory (`current`). A
   * person already connected keeps the digest their other connections were told
   * of, so a change still being processed reaches those too.
   */
  join(userId: string, current: Person & { snapshot: AccessSnapshot }): string {
    this.rooms ??= known(current.snapshot);
    const person = this.people.get(userId);
    if (person) return person.digest;
    this.people.set(userId, { digest: current.digest, subject: current.subject });
    return current.digest;
  }

  /** The person's last connection with a hello closed. */
  leave(userId: string): void {
    this.people.delete(userId);
  }

  changed(change: DirectoryChange): void {
    if (this.people.size === 0) {
      this.rooms = null; // read afresh at the next hello
      return;
    }
    this.pending ??= { diff: false, people: new Set() };
    if (change.kind === 'person') this.pending.people.add(change.userId);
    else this.pending.diff = true;
    if (this.running) return;
    this.running = true;
    this.deps.defer(() => void this.round());
  }

  private async round(): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    let queue: string[] = [];
    let snapshot: AccessSnapshot | null = null;
    try {
      // Read afresh: renames and favourites do not move the access epoch.
      snapshot = await readAccessSnapshot(this.deps.control.store);
      const affected = new Set(pending?.people ?? []);
      if (pending?.diff) for (const userId of this.affectedBy(snapshot)) affected.add(userId);
      queue = [...affected];
    } catch (error) {
      this.deps.log.error('directory changes not diffed', { error });
    }
    const step = () => {
      try {
        const started = performance.now();
        while (queue.length > 0 && performance.now() - started < SLICE_MS) {
          const userId = queue.shift() as string;
          const person = this.people.get(userId);
          if (!person) continue;
          const digest = snapshot && this.digestOf(userId, snapshot);
          if (digest === null || digest === person.digest) continue;
          person.digest = digest;
          this.deps.notify(userId);
        }
      } catch (error) {
        this.deps.log.error('directory digests failed', { error });
        queue.length = 0;
      }
      if (queue.length > 0) return this.deps.defer(step);
      this.running = false;
      if (this.pending) {
        this.running = true;
        this.deps.defer(() => void this.round());
      }
    };
    step();
  }

  /** Connected people whose directory may differ between the last look and `snapshot`. */
  private affectedBy(snapshot: AccessSnapshot): Set<string> {
    const before = this.rooms ?? new Map<string, Known>();
    const after = known(snapshot);
    this.rooms = after;
    const changed: { before?: Known | undefined; after?: Known | undefined }[] = [];
    for (const [id, now] of after)
      if (before.get(id)?.print !== now.print) changed.push({ before: before.get(id), after: now });
    for (const [id, then] of before) if (!after.has(id)) changed.push({ before: then });
    const affected = new Set<string>();
    for (const [userId, person] of this.people) {
      const subject = snapshot.subjects.get(userId) ?? null;
      const key = subjectKey(subject);
      if (key !== person.subject) {
        person.subject = key;
        affected.add(userId);
        continue;
      }
      if (!subject) continue;
      const reads = (room: Known | undefined) =>
        room !== undefined &&
        evaluateAccess(subject, { ownerId: room.row.owner_id, rule: room.rule }) !== 'none';
      if (changed.some((c) => reads(c.before) || reads(c.after))) affected.add(userId);
    }
    return affected;
  }

  private digestOf(userId: string, snapshot: AccessSnapshot): string | null {
    const user = snapshot.users.get(userId);
    if (!user || user.active !== 1) return null;
    const favourites = snapshot.favourites.get(userId) ?? new Set<string>();
    return directoryDigest(directoryOf(user, snapshot.subjects.get(userId), snapshot, favourites));
  }
}

function known(snapshot: AccessSnapshot): Map<string, Known> {
  const rooms = new Map<string, Known>();
  for (const row of snapshot.rooms) {
    const rule = snapshot.rules.get(row.id) ?? {
      workspace: row.workspace_level,
      groups: new Map(),
      users: new Map(),
    };
    const grants = (map: ReadonlyMap<string, string>) =>
      [...map].map(([id, level]) => `${id}=${level}`).sort();
    const print = JSON.stringify([row, grants(rule.groups), grants(rule.users)]);
    rooms.set(row.id, { row, rule, print });
  }
  return rooms;
}

function subjectKey(subject: Subject | null): string {
  if (!subject) return '';
  return JSON.stringify([subject.role, subject.active, [...subject.groups].sort()]);
}

import { randomBytes } from 'node:crypto';
import type { Head } from '../../../shared/protocol/mux.js';
import { roomIdOf } from '../../../shared/protocol/room-id.js';
import type {
  Appended,
  AppendEntry,
  FeedState,
  Persistence,
  QuarantineEntry,
  StoredRoom,
  StoredSince,
} from './persistence.js';

interface MemoryRoom {
  snapshot: Uint8Array | null;
  /** The seq the snapshot was made through (0 without one). */
  through: number;
  log: { seq: number; update: Uint8Array }[];
  nextSeq: number;
  /** Feed position of the last append that wrote this room [FEED5]. */
  head: number;
}

/** Keeps everything in process memory: for tests and throwaway relays. */
export class MemoryPersistence implements Persistence {
  private readonly data = new Map<string, MemoryRoom>();
  private readonly quarantine_ = new Map<string, QuarantineEntry>();
  private readonly feedId = randomBytes(12).toString('base64url');
  private position = 0;

  private room(name: string): MemoryRoom {
    let room = this.data.get(name);
    if (!room) {
      room = { snapshot: null, through: 0, log: [], nextSeq: 1, head: 0 };
      this.data.set(name, room);
    }
    return room;
  }

  load(name: string): Promise<StoredRoom> {
    const room = this.data.get(name);
    if (!room) return Promise.resolve({ updates: [], lastSeq: 0, logLength: 0 });
    const updates = room.log.map((entry) => entry.update);
    if (room.snapshot) updates.unshift(room.snapshot);
    return Promise.resolve({ updates, lastSeq: room.nextSeq - 1, logLength: room.log.length });
  }

  append(entries: readonly AppendEntry[]): Promise<Appended> {
    const lastSeqs = new Map<string, number>();
    if (entries.length > 0) this.position += 1;
    for (const { room: name, update } of entries) {
      const room = this.room(name);
      const seq = room.nextSeq++;
      room.log.push({ seq, update: update.slice() });
      room.head = this.position;
      lastSeqs.set(name, seq);
    }
    return Promise.resolve({ lastSeqs, position: this.position });
  }

  feed(): Promise<FeedState> {
    return Promise.resolve({ feedId: this.feedId, position: this.position });
  }

  headsSince(position: number): Promise<Head[]> {
    const heads = [...this.data]
      .filter(([, room]) => room.head > position)
      .map(([name, room]) => ({ room: name, head: room.head }));
    return Promise.resolve(heads.sort((a, b) => a.head - b.head));
  }

  headsOf(roomIds: readonly string[]): Promise<Head[]> {
    const wanted = new Set(roomIds);
    return Promise.resolve(
      [...this.data]
        .filter(([name, room]) => room.head > 0 && wanted.has(roomIdOf(name)))
        .map(([name, room]) => ({ room: name, head: room.head })),
    );
  }

  readSince(name: string, afterSeq: number): Promise<StoredSince> {
    const room = this.data.get(name);
    if (!room) return Promise.resolve({ snapshot: null, entries: [], lastSeq: 0 });
    const covered = room.snapshot !== null && room.through > afterSeq;
    const from = covered ? room.through : afterSeq;
    return Promise.resolve({
      snapshot: covered ? room.snapshot : null,
      entries: room.log.filter((entry) => entry.seq > from),
      lastSeq: room.nextSeq - 1,
    });
  }

  compact(name: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const room = this.room(name);
    if (room.snapshot === null || room.through < throughSeq) {
      room.snapshot = snapshot.slice();
      room.through = throughSeq;
    }
    room.log = room.log.filter((entry) => entry.seq > throughSeq);
    room.nextSeq = Math.max(room.nextSeq, throughSeq + 1);
    return Promise.resolve();
  }

  storedBytes(): Promise<number> {
    let bytes = 0;
    for (const room of this.data.values()) {
      bytes += room.snapshot?.length ?? 0;
      for (const entry of room.log) bytes += entry.update.length;
    }
    return Promise.resolve(bytes);
  }

  scrub(): Promise<boolean> {
    return Promise.resolve(true);
  }

  rooms(): Promise<string[]> {
    return Promise.resolve([...this.data.keys()]);
  }

  quarantine(entry: QuarantineEntry): Promise<void> {
    this.quarantine_.set(entry.room, { ...entry });
    return Promise.resolve();
  }

  quarantineOf(room: string): Promise<QuarantineEntry | null> {
    return Promise.resolve(this.quarantine_.get(room) ?? null);
  }

  quarantined(): Promise<QuarantineEntry[]> {
    return Promise.resolve([...this.quarantine_.values()].sort((a, b) => a.at - b.at));
  }

  release(room: string): Promise<void> {
    this.quarantine_.delete(room);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

import type { AppendEntry, Persistence, QuarantineEntry, StoredRoom } from './persistence.js';

interface MemoryRoom {
  snapshot: Uint8Array | null;
  log: { seq: number; update: Uint8Array }[];
  nextSeq: number;
}

/** Keeps everything in process memory: for tests and throwaway relays. */
export class MemoryPersistence implements Persistence {
  private readonly data = new Map<string, MemoryRoom>();
  private readonly quarantine_ = new Map<string, QuarantineEntry>();

  private room(name: string): MemoryRoom {
    let room = this.data.get(name);
    if (!room) {
      room = { snapshot: null, log: [], nextSeq: 1 };
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

  append(entries: readonly AppendEntry[]): Promise<Map<string, number>> {
    const last = new Map<string, number>();
    for (const { room: name, update } of entries) {
      const room = this.room(name);
      const seq = room.nextSeq++;
      room.log.push({ seq, update: update.slice() });
      last.set(name, seq);
    }
    return Promise.resolve(last);
  }

  compact(name: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const room = this.room(name);
    room.snapshot = snapshot.slice();
    room.log = room.log.filter((entry) => entry.seq > throughSeq);
    room.nextSeq = Math.max(room.nextSeq, throughSeq + 1);
    return Promise.resolve();
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

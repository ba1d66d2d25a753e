import type WebSocket from 'ws';
import * as prng from 'lib0/prng';
import type * as Y from 'yjs';
import { createMuxClient, type MuxClient } from './mux-client.js';
import { createTestClient, type TestClient } from './test-client.js';

/**
 * A client that writes in rooms, of either kind (the multiplexed client of the app,
 * or stock y-websocket with confirm frames), seen the same way by a test: its copy of
 * a room, whether the relay confirmed everything it wrote there, and a socket drop.
 */
export interface Writer {
  label: string;
  rooms: readonly string[];
  doc(room: string): Y.Doc;
  /** Every edit this client made in `room` so far is confirmed stored, right now. */
  confirmedNow(room: string): boolean;
  /** Synced and nothing pending in `room`. */
  settled(room: string): boolean;
  /** Cuts its socket; it reconnects (through a balancer: maybe to another relay). */
  dropSocket(): void;
  /** Close codes its sockets got so far (the multiplexed client: access problems only). */
  closes: (number | null)[];
  destroy(): void;
}

export function muxWriter(
  wsUrl: string,
  token: string,
  rooms: readonly string[],
  label: string,
): Writer & { client: MuxClient } {
  const client = createMuxClient(wsUrl, token, { maxBackoffMs: 300 });
  for (const room of rooms) client.open(room);
  const sync = (room: string) => {
    const open = client.rooms.get(room);
    if (!open) throw new Error(`${label} has no open room ${room}`);
    return open;
  };
  return {
    client,
    label,
    rooms,
    doc: (room) => sync(room).doc,
    confirmedNow: (room) => sync(room).pending() === 0,
    settled: (room) => sync(room).status().kind === 'synced' && sync(room).pending() === 0,
    dropSocket: () => client.dropSocket(),
    // The multiplexed client reports only access problems; a 4503 just reconnects.
    closes: client.problems,
    destroy: () => client.destroy(),
  };
}

export function stockWriter(
  wsUrl: string,
  token: string,
  room: string,
  label: string,
): Writer & { client: TestClient } {
  const client = createTestClient(wsUrl, room, { token, confirm: true, maxBackoffTime: 300 });
  const closes: (number | null)[] = [];
  client.provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  const mine = (name: string) => {
    if (name !== room) throw new Error(`${label} writes in ${room} only, not ${name}`);
    return client;
  };
  return {
    client,
    label,
    rooms: [room],
    doc: (name) => mine(name).doc,
    confirmedNow: (name) => mine(name).confirmedNow(),
    settled: (name) => mine(name).confirmedNow(),
    dropSocket: () => (client.provider.ws as unknown as WebSocket | null)?.terminate(),
    closes,
    destroy: () => client.destroy(),
  };
}

/**
 * Which edits were confirmed to their writer. Each edit adds a unique key to the
 * room's `log` map (never deleted from) and changes the text; `sweep` moves a
 * writer's keys in a room to `confirmed` whenever it sees that writer holding no
 * unconfirmed edit there, so `confirmed` only ever holds edits the relay promised
 * were stored [SCALE1].
 */
export class EditLedger {
  /** Edit keys each writer made, per room, not yet seen confirmed. */
  private readonly waiting = new Map<Writer, Map<string, string[]>>();
  readonly confirmed = new Map<string, Set<string>>();
  readonly made = new Map<string, Set<string>>();
  private edits = 0;

  edit(gen: prng.PRNG, writer: Writer, room: string): void {
    const doc = writer.doc(room);
    const key = `${writer.label}-${++this.edits}`;
    const text = doc.getText('t');
    doc.transact(() => {
      doc.getMap('log').set(key, this.edits);
      if (text.length > 0 && prng.bool(gen)) {
        const at = prng.int32(gen, 0, text.length - 1);
        text.delete(at, Math.min(prng.int32(gen, 1, 4), text.length - at));
      } else {
        text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 6));
      }
    });
    const rooms = this.waiting.get(writer) ?? new Map<string, string[]>();
    this.waiting.set(writer, rooms);
    rooms.set(room, [...(rooms.get(room) ?? []), key]);
    setOf(this.made, room).add(key);
  }

  /** Records as confirmed what each writer holds confirmed now. */
  sweep(): void {
    for (const [writer, rooms] of this.waiting) {
      for (const [room, keys] of rooms) {
        if (keys.length === 0 || !writer.confirmedNow(room)) continue;
        for (const key of keys) setOf(this.confirmed, room).add(key);
        rooms.set(room, []);
      }
    }
  }

  confirmedCount(): number {
    return [...this.confirmed.values()].reduce((n, keys) => n + keys.size, 0);
  }

  /** Keys of `room` confirmed (or, with `all`, made) that `doc` lacks. */
  missing(room: string, doc: Y.Doc, all = false): string[] {
    const log = doc.getMap('log');
    return [...((all ? this.made : this.confirmed).get(room) ?? [])].filter((key) => !log.has(key));
  }
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

/** Every writer of `room` settled and holding the same text and log. */
export function converged(writers: readonly Writer[], room: string): boolean {
  const holders = writers.filter((w) => w.rooms.includes(room));
  if (!holders.every((w) => w.settled(room))) return false;
  const texts = new Set(holders.map((w) => w.doc(room).getText('t').toString()));
  const logs = new Set(holders.map((w) => w.doc(room).getMap('log').size));
  return texts.size === 1 && logs.size === 1;
}

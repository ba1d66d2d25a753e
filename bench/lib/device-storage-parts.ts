/**
 * The synthetic workspace of the device-storage benchmark, built in the page: room
 * parts named as the app names them, each with a few KB of text written as one
 * large update (the first sync) and ten small ones (typing), and a small summary per
 * room for the sidebar.
 */
import * as prng from 'lib0/prng';
import * as Y from 'yjs';

export interface BenchPart {
  part: string;
  room: string;
}

/**
 * 3,000 parts: channels with a meta doc and four month docs, docs with a `:history`
 * part, projects, in that proportion (as in a 1,200-channel workspace, scaled).
 */
export function benchParts(count: number): BenchPart[] {
  const parts: BenchPart[] = [];
  const channels = Math.round(count * 0.12);
  const docs = Math.round(count * (1 / 3));
  for (let c = 0; parts.length < count && c < channels; c += 1) {
    const room = `ch${String(c).padStart(5, '0')}`;
    parts.push({ part: room, room });
    for (let m = 1; m <= 4; m += 1) parts.push({ part: `${room}:2026-0${m}`, room });
  }
  for (let d = 0; parts.length < count && d < docs; d += 1) {
    const room = `doc${String(d).padStart(5, '0')}`;
    parts.push({ part: room, room }, { part: `${room}:history`, room });
  }
  for (let p = 0; parts.length < count; p += 1) {
    const room = `prj${String(p).padStart(5, '0')}`;
    parts.push({ part: room, room });
  }
  return parts.slice(0, count);
}

export const SMALL_EDITS = 10;

/** The part's stored updates: one of 1.5–5 KB of text, then SMALL_EDITS typed words. */
export function partUpdates(text: string, index: number): Uint8Array[] {
  const gen = prng.create(index + 1);
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const length = prng.int32(gen, 1500, 5000);
  const start = prng.int32(gen, 0, Math.max(0, text.length - length));
  const body = doc.getText('body');
  doc.transact(() => {
    body.insert(0, text.slice(start, start + length));
    doc.getMap('meta').set('title', `Part ${index}`);
  });
  for (let i = 0; i < SMALL_EDITS; i += 1) {
    body.insert(prng.int32(gen, 0, body.length), ` word${i}`);
  }
  doc.destroy();
  return updates;
}

/** The text someone else typed into the index-th part caught up: 1,000 characters. */
export function relayChunk(text: string, index: number): string {
  const start = (index * 997) % Math.max(1, text.length - 1000);
  return text.slice(start, start + 1000);
}

/** What the relay sends a part during catch-up: relayChunk as a Yjs update. */
export function relayUpdate(text: string, index: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, relayChunk(text, index));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * The rooms the sidebar lists: those with parts on the device, then rooms not fetched
 * yet, `count` in all (one small summary each).
 */
export function summaryRooms(parts: readonly BenchPart[], count: number): string[] {
  const rooms = [...new Set(parts.map((p) => p.room))];
  for (let i = 0; rooms.length < count; i += 1) rooms.push(`new${String(i).padStart(5, '0')}`);
  return rooms;
}

/** A sidebar row: about 200 bytes. */
export function roomSummary(room: string, index: number) {
  return {
    room,
    title: `Room ${index} — ${room}`,
    kind: room.slice(0, 2),
    lastActivity: 1_790_000_000_000 + index * 60_000,
    unread: index % 7,
    mentions: index % 13 === 0 ? 1 : 0,
    snippet: 'Latest message text shown under the room name in the sidebar, cut short.',
  };
}

/** Seeded filler text when the editing traces are not available. */
export function fillerText(length: number): string {
  const gen = prng.create(42);
  const words = ['sync', 'room', 'part', 'text', 'the', 'a', 'relay', 'device', 'offline', 'yjs'];
  const out: string[] = [];
  let size = 0;
  while (size < length) {
    const word = words[prng.int32(gen, 0, words.length - 1)] ?? 'x';
    out.push(word);
    size += word.length + 1;
  }
  return out.join(' ');
}

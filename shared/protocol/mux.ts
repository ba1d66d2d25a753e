import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Protocol version 2 (PROTOCOL.md, "Workspace connection"): one WebSocket at
 * `/sync?v=2` carries every room a device syncs, plus a feed of room heads.
 * Every frame starts with a varUint kind; a room's own traffic travels as the
 * unchanged version 1 frame (y-protocols sync, awareness, auth, confirm) inside
 * a `room` frame.
 */
export const MUX_VERSION = 2;
/** Query parameter that selects the protocol version on `/sync`. */
export const VERSION_PARAM = 'v';

export const MuxKind = {
  /** client → relay: what the device already has of the feed. */
  hello: 0,
  /** client → relay: start syncing a room part. */
  subscribe: 1,
  /** client → relay: stop syncing a room part. */
  unsubscribe: 2,
  /** both ways: one version 1 frame of a subscribed room part. */
  room: 3,
  /** client → relay: every part and head of these room ids (rooms new to the device). */
  heads: 4,
  /** relay → client: a subscription ended; the connection and other rooms carry on. */
  closed: 5,
  /** relay → client: room parts whose head advanced (or all of them, answering hello/heads). */
  feed: 6,
  /** relay → client: the rooms this person may read, or their titles or levels, changed. */
  directory: 7,
} as const;
export type MuxKind = (typeof MuxKind)[keyof typeof MuxKind];

/** One room part and the feed position of the last group commit that changed it. */
export interface Head {
  room: string;
  head: number;
}

/**
 * `feedId` names the relay's storage (a restored or replaced database gets a new
 * one, and every cursor of the old one is void); `cursor` is the feed position
 * this frame brings the device up to. `complete` marks the answer to hello:
 * every readable part that advanced after the device's cursor is listed.
 */
export interface Feed {
  feedId: string;
  cursor: number;
  heads: Head[];
  complete: boolean;
}

export type MuxFrame =
  | { kind: 'hello'; feedId: string; cursor: number; directory: string }
  | { kind: 'subscribe'; room: string }
  | { kind: 'unsubscribe'; room: string }
  | { kind: 'room'; room: string; frame: Uint8Array }
  | { kind: 'heads'; roomIds: string[] }
  | { kind: 'closed'; room: string; code: number; reason: string }
  | ({ kind: 'feed' } & Feed)
  | { kind: 'directory' };

/**
 * A frame that is not a well-formed mux frame closes the connection with 4400, a
 * frame of a kind this side does not take with 4401 [MUX4].
 */
export type ParsedMuxFrame =
  MuxFrame | { kind: 'malformed'; detail: string } | { kind: 'unknown'; muxKind: number };

/** Kinds a client may send; the relay closes with 4401 on any other [MUX4]. */
export const CLIENT_KINDS: ReadonlySet<MuxFrame['kind']> = new Set([
  'hello',
  'subscribe',
  'unsubscribe',
  'room',
  'heads',
]);

/**
 * Response header of `GET /api/rooms`: a digest of exactly the list it returned,
 * which the client sends back in `hello` [FEED1].
 */
export const DIRECTORY_DIGEST_HEADER = 'x-directory-digest';

/** At most this many room ids in one heads request, heads in one feed frame. */
export const MAX_LIST = 100_000;
/** Longest string a mux frame may hold (room names are at most 128 characters). */
const MAX_STRING = 1024;

export function encodeMux(frame: MuxFrame): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MuxKind[frame.kind]);
  switch (frame.kind) {
    case 'hello':
      encoding.writeVarString(e, frame.feedId);
      encoding.writeVarUint(e, frame.cursor);
      encoding.writeVarString(e, frame.directory);
      break;
    case 'subscribe':
    case 'unsubscribe':
      encoding.writeVarString(e, frame.room);
      break;
    case 'room':
      encoding.writeVarString(e, frame.room);
      encoding.writeVarUint8Array(e, frame.frame);
      break;
    case 'heads':
      encoding.writeVarUint(e, frame.roomIds.length);
      for (const id of frame.roomIds) encoding.writeVarString(e, id);
      break;
    case 'closed':
      encoding.writeVarString(e, frame.room);
      encoding.writeVarUint(e, frame.code);
      encoding.writeVarString(e, frame.reason);
      break;
    case 'feed':
      encoding.writeVarString(e, frame.feedId);
      encoding.writeVarUint(e, frame.cursor);
      encoding.writeVarUint(e, frame.complete ? 1 : 0);
      encoding.writeVarUint(e, frame.heads.length);
      for (const { room, head } of frame.heads) {
        encoding.writeVarString(e, room);
        encoding.writeVarUint(e, head);
      }
      break;
    case 'directory':
      break;
  }
  return encoding.toUint8Array(e);
}

/** Wraps a version 1 frame for a room part (cheaper than encodeMux for the hot path). */
export function roomFrame(room: string, frame: Uint8Array): Uint8Array {
  return encodeMux({ kind: 'room', room, frame });
}

function readString(d: decoding.Decoder): string {
  const s = decoding.readVarString(d);
  if (s.length > MAX_STRING) throw new Error('string too long');
  return s;
}

function readCount(d: decoding.Decoder): number {
  const n = decoding.readVarUint(d);
  if (n > MAX_LIST) throw new Error('list too long');
  return n;
}

function parseUnchecked(d: decoding.Decoder): ParsedMuxFrame {
  const kind = decoding.readVarUint(d);
  switch (kind) {
    case MuxKind.hello:
      return {
        kind: 'hello',
        feedId: readString(d),
        cursor: decoding.readVarUint(d),
        directory: readString(d),
      };
    case MuxKind.subscribe:
      return { kind: 'subscribe', room: readString(d) };
    case MuxKind.unsubscribe:
      return { kind: 'unsubscribe', room: readString(d) };
    case MuxKind.room:
      return { kind: 'room', room: readString(d), frame: decoding.readVarUint8Array(d) };
    case MuxKind.heads: {
      const n = readCount(d);
      const roomIds: string[] = [];
      for (let i = 0; i < n; i++) roomIds.push(readString(d));
      return { kind: 'heads', roomIds };
    }
    case MuxKind.closed:
      return {
        kind: 'closed',
        room: readString(d),
        code: decoding.readVarUint(d),
        reason: readString(d),
      };
    case MuxKind.feed: {
      const feedId = readString(d);
      const cursor = decoding.readVarUint(d);
      const complete = decoding.readVarUint(d) === 1;
      const n = readCount(d);
      const heads: Head[] = [];
      for (let i = 0; i < n; i++)
        heads.push({ room: readString(d), head: decoding.readVarUint(d) });
      return { kind: 'feed', feedId, cursor, complete, heads };
    }
    case MuxKind.directory:
      return { kind: 'directory' };
    default:
      return { kind: 'unknown', muxKind: kind };
  }
}

/** Parses one mux frame; malformed input becomes a value, never an exception. */
export function parseMux(data: Uint8Array): ParsedMuxFrame {
  if (data.length === 0) return { kind: 'malformed', detail: 'empty frame' };
  const d = decoding.createDecoder(data);
  try {
    const frame = parseUnchecked(d);
    if (frame.kind === 'unknown') return frame;
    if (frame.kind !== 'malformed' && decoding.hasContent(d))
      return { kind: 'malformed', detail: 'trailing bytes' };
    return frame;
  } catch (error) {
    return { kind: 'malformed', detail: error instanceof Error ? error.message : 'undecodable' };
  }
}

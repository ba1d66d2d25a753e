import * as awarenessProtocol from 'y-protocols/awareness';
import { PRESENCE_STAMP_FIELD } from '../../../shared/protocol/presence-stamp.js';
import {
  readAwarenessEntries,
  type AwarenessEntry,
  type RawAwarenessEntry,
} from './awareness-entries.js';
import type { Peer } from './peer.js';

/** Size limits of presence (PROTOCOL.md, Presence: the numbers and why). */
export interface PresenceLimits {
  /** Bytes of one state's JSON as the client sent it. */
  stateBytes: number;
  /** Client ids one connection may claim over its life. */
  idsPerConnection: number;
  /** States one room holds at most. */
  roomStates: number;
  /** Bytes of (stamped) state JSON one room holds at most. */
  roomBytes: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const NULL_JSON = 'null';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The state as others should see it: the person's identity, whatever the client claimed. */
function stamp(state: Record<string, unknown>, peer: Peer): string {
  const { userId, name } = peer.person;
  const stamped: Record<string, unknown> = { ...state, [PRESENCE_STAMP_FIELD]: { userId, name } };
  // Tiptap's carets label with `user.name` and their render hook sees nothing else.
  if (isRecord(state['user'])) stamped['user'] = { ...state['user'], name };
  return JSON.stringify(stamped);
}

/** The room as it will be once the entries admitted so far are applied. */
interface Projection {
  states: number;
  bytes: number;
  /** JSON.parse calls this update may still cost: an honest one needs one. */
  parses: number;
}

/**
 * Who may say what in a room's awareness (PROTOCOL.md, Presence). Every entry of a
 * client's awareness update is admitted or dropped on its own, never the frame:
 *
 * - a connection controls the client ids it introduced (at most `idsPerConnection`
 *   over its life) and may change or remove only those [PRES2][PRES3]; an id held
 *   by another connection of the same person moves over (a reconnect whose old
 *   socket is not closed yet) [PRES6];
 * - a state is at most `stateBytes` of JSON, and a room at most `roomStates`
 *   states and `roomBytes` bytes [PRES1];
 * - every admitted state is stamped with the connection's person [PRES4].
 *
 * Entries are dropped rather than the connection closed: honest stock clients send
 * other people's removals (their own 30 s timeouts) and the same socket carries
 * the document, so closing would punish honest editors; the bounds alone stop growth.
 * Stale entries are dropped too, with the rule `applyAwarenessUpdate` uses, so the
 * room totals projected here are exactly what the Awareness will hold. Only
 * entries that could be admitted are parsed, and at most `idsPerConnection` of
 * them per update, so a frame full of entries costs about what an honest one does.
 */
export class AwarenessPolicy {
  private readonly owners = new Map<number, Peer>();
  /** Ids each connection has claimed so far; never decreases while it is open. */
  private readonly claims = new Map<Peer, number>();
  /** Bytes of each state the Awareness holds, kept equal to it by `measure`. */
  private readonly sizes = new Map<number, number>();
  private total = 0;

  /** `controlled`: the room's peers and the ids each one controls (the room's own map). */
  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly controlled: ReadonlyMap<Peer, Set<number>>,
  ) {}

  /**
   * The entries of `update` that `peer` may apply, stamped, with control of new
   * ids recorded; everything else is dropped. Throws on an undecodable update.
   */
  admit(peer: Peer, update: Uint8Array, limits: PresenceLimits): AwarenessEntry[] {
    // An honest client knows at most the room's states and its own.
    const raw = readAwarenessEntries(update, limits.roomStates + limits.idsPerConnection);
    const room: Projection = {
      states: this.awareness.getStates().size,
      bytes: this.total,
      parses: limits.idsPerConnection,
    };
    // `encodeAwarenessUpdate` lists an id once; a repeat only costs us a JSON.parse.
    const seen = new Set<number>();
    const admitted: AwarenessEntry[] = [];
    for (const entry of raw) {
      if (seen.has(entry.clientId)) continue;
      seen.add(entry.clientId);
      const json = this.decide(peer, entry, limits, room);
      if (json !== null) admitted.push({ clientId: entry.clientId, clock: entry.clock, json });
    }
    return admitted;
  }

  /** The JSON to apply for one entry, or null to drop it; updates `room` when admitted. */
  private decide(
    peer: Peer,
    entry: RawAwarenessEntry,
    limits: PresenceLimits,
    room: Projection,
  ): string | null {
    const { clientId } = entry;
    // The room's own id is the relay's (always null) local state.
    if (clientId === this.awareness.clientID) return null;
    const owner = this.owners.get(clientId);
    if (owner && owner !== peer && owner.person.userId !== peer.person.userId) return null;
    const removal = entry.json.length === NULL_JSON.length && utf8.decode(entry.json) === NULL_JSON;
    const size = this.sizes.get(clientId);
    if (!this.fresh(entry, removal, size !== undefined)) return null;
    if (owner !== peer && (removal || (this.claims.get(peer) ?? 0) >= limits.idsPerConnection))
      return null;
    if (entry.json.length > limits.stateBytes) return null;
    let json = NULL_JSON;
    let newSize: number | undefined;
    if (!removal) {
      if (room.parses-- <= 0) return null;
      const state: unknown = JSON.parse(utf8.decode(entry.json));
      if (!isRecord(state)) return null; // nothing to stamp; no client of ours sends one
      json = stamp(state, peer);
      newSize = Buffer.byteLength(json);
      const states = room.states + (size === undefined ? 1 : 0);
      if (states > limits.roomStates || room.bytes - (size ?? 0) + newSize > limits.roomBytes)
        return null;
    }
    if (owner !== peer) this.claim(peer, clientId, owner);
    room.states += (newSize === undefined ? 0 : 1) - (size === undefined ? 0 : 1);
    room.bytes += (newSize ?? 0) - (size ?? 0);
    return json;
  }

  /** `applyAwarenessUpdate` applies an entry only if it is newer (or removes at the same clock). */
  private fresh(entry: RawAwarenessEntry, removal: boolean, present: boolean): boolean {
    const current = this.awareness.meta.get(entry.clientId)?.clock ?? 0;
    return current < entry.clock || (current === entry.clock && removal && present);
  }

  private claim(peer: Peer, clientId: number, previous: Peer | undefined): void {
    if (previous) this.controlled.get(previous)?.delete(clientId);
    this.owners.set(clientId, peer);
    this.controlled.get(peer)?.add(clientId);
    this.claims.set(peer, (this.claims.get(peer) ?? 0) + 1);
  }

  /** Keeps the byte count equal to what the Awareness holds; call on each of its updates. */
  measure(changed: readonly number[]): void {
    for (const clientId of changed) {
      this.total -= this.sizes.get(clientId) ?? 0;
      const state = this.awareness.getStates().get(clientId);
      if (state === undefined) {
        this.sizes.delete(clientId);
        continue;
      }
      const size = Buffer.byteLength(JSON.stringify(state));
      this.sizes.set(clientId, size);
      this.total += size;
    }
  }

  /**
   * A connection left: removes the states of the ids it controlled (the Awareness
   * announces that) and forgets their clocks, so that ids do not pile up in its meta.
   */
  release(peer: Peer, ids: ReadonlySet<number>): void {
    this.claims.delete(peer);
    for (const clientId of ids) this.owners.delete(clientId);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null);
    for (const clientId of ids) this.awareness.meta.delete(clientId);
  }
}

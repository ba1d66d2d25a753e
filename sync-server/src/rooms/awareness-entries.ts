import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The entries of a y-protocols awareness update, read without parsing their
 * JSON: `varUint(count) { varUint(clientId) varUint(clock) varString(json) }`.
 * The relay decides per entry before it spends a JSON.parse on it, and reads at
 * most `maxEntries`, so a frame full of ids costs no more than an honest one.
 */
export interface RawAwarenessEntry {
  clientId: number;
  clock: number;
  /** UTF-8 JSON of the state (`null` for a removal); a view into the frame. */
  json: Uint8Array;
}

/** Throws on a truncated or otherwise undecodable update (the caller closes with 4400). */
export function readAwarenessEntries(update: Uint8Array, maxEntries: number): RawAwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = Math.min(decoding.readVarUint(decoder), maxEntries);
  const entries: RawAwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, json: decoding.readVarUint8Array(decoder) });
  }
  return entries;
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** JSON text of the state; `'null'` removes it. */
  json: string;
}

/** Encodes entries the way `encodeAwarenessUpdate` does, so stock clients apply them. */
export function writeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}

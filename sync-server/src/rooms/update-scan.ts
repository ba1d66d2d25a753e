/**
 * Reads a Yjs v1 update once, without building any Yjs object, and returns what
 * admission needs to know about it (sync-server/src/rooms/admission.ts).
 *
 * Why by hand: `Y.decodeUpdate` materializes every struct, including a new Y.Doc
 * for each sub-document and a type instance for each nested type, so decoding a
 * hostile 4 MiB frame alone costs hundreds of MB of heap. No library exposes the
 * v1 struct layout without doing that, so this follows the format as
 * `readClientsStructRefs` and `readDeleteSet` in yjs 13 read it (UpdateDecoderV1).
 * Anything they would reject (truncated input, an unknown content or type ref,
 * bad JSON) throws here too, so a frame that scans is one Yjs can decode.
 */
import * as decoding from 'lib0/decoding';

/** An item id as written on the wire. */
export interface WireId {
  client: number;
  clock: number;
}

/** Where an item says it lives: a root type, an item of type content, or (null) next to its origins. */
export type WireParent = { kind: 'root'; name: string } | { kind: 'item'; id: WireId } | null;

export interface ScannedItem {
  client: number;
  clock: number;
  length: number;
  origin: WireId | null;
  rightOrigin: WireId | null;
  parent: WireParent;
  parentSub: string | null;
  /** The item's content is a new shared type (map, array, text, XML). */
  isType: boolean;
  /** The item's content is a sub-document. */
  isSubdoc: boolean;
}

export interface DeletedRanges {
  client: number;
  count: number;
  /** The largest clock + len of its ranges. */
  maxEnd: number;
  /** Byte offset of its first range in the update, to read them again when needed. */
  offset: number;
}

export interface ScannedUpdate {
  /** Size of the update in bytes. */
  bytes: number;
  items: ScannedItem[];
  /** Per client: the first and the end (exclusive) clock this update writes, GC and skips included. */
  ranges: Map<number, { start: number; end: number }>;
  /**
   * The delete set, per client as sent: how many ranges and where they end. The
   * ranges themselves are not kept (a frame may carry a million); `deleteRanges`
   * reads one client's again from the update.
   */
  deletes: DeletedRanges[];
  /** The update itself. */
  source: Uint8Array;
}

const BITS5 = 31;
const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;
/** typeRefs 3 (XmlElement) and 5 (XmlHook) carry a name. */
const NAMED_TYPE_REFS = new Set([3, 5]);
const TYPE_REF_COUNT = 7;

const readId = (d: decoding.Decoder): WireId => ({
  client: decoding.readVarUint(d),
  clock: decoding.readVarUint(d),
});

function readJsonString(d: decoding.Decoder): void {
  JSON.parse(decoding.readVarString(d));
}

/**
 * Reads an item's content into `item` (length and kind). Written to fill one
 * object of a fixed shape: this runs once per struct of every frame.
 */
function readContent(d: decoding.Decoder, contentRef: number, item: ScannedItem): void {
  switch (contentRef) {
    case 1: // deleted
      item.length = decoding.readVarUint(d);
      return;
    case 2: {
      // JSON values, one string each ("undefined" is allowed)
      const len = decoding.readVarUint(d);
      for (let i = 0; i < len; i++) {
        const value = decoding.readVarString(d);
        if (value !== 'undefined') JSON.parse(value);
      }
      item.length = len;
      return;
    }
    case 3: // binary
      decoding.readVarUint8Array(d);
      return;
    case 4: // string: length in UTF-16 code units, as Yjs counts it
      item.length = decoding.readVarString(d).length;
      return;
    case 5: // embed
      readJsonString(d);
      return;
    case 6: // format: key and JSON value
      decoding.readVarString(d);
      readJsonString(d);
      return;
    case 7: {
      const typeRef = decoding.readVarUint(d);
      if (typeRef >= TYPE_REF_COUNT) throw new Error(`unknown type ref ${typeRef}`);
      if (NAMED_TYPE_REFS.has(typeRef)) decoding.readVarString(d);
      item.isType = true;
      return;
    }
    case 8: {
      // lib0 "any" values
      const len = decoding.readVarUint(d);
      for (let i = 0; i < len; i++) decoding.readAny(d);
      item.length = len;
      return;
    }
    case 9: // sub-document: guid and options
      decoding.readVarString(d);
      decoding.readAny(d);
      item.isSubdoc = true;
      return;
    default:
      throw new Error(`unknown content ref ${contentRef}`);
  }
}

function readItem(d: decoding.Decoder, info: number, client: number, clock: number): ScannedItem {
  const origin = (info & BIT8) === BIT8 ? readId(d) : null;
  const rightOrigin = (info & BIT7) === BIT7 ? readId(d) : null;
  const cantCopyParentInfo = (info & (BIT7 | BIT8)) === 0;
  let parent: WireParent = null;
  if (cantCopyParentInfo) {
    parent =
      decoding.readVarUint(d) === 1
        ? { kind: 'root', name: decoding.readVarString(d) }
        : { kind: 'item', id: readId(d) };
  }
  const parentSub = cantCopyParentInfo && (info & BIT6) === BIT6 ? decoding.readVarString(d) : null;
  const item: ScannedItem = {
    client,
    clock,
    length: 1,
    origin,
    rightOrigin,
    parent,
    parentSub,
    isType: false,
    isSubdoc: false,
  };
  readContent(d, info & BITS5, item);
  return item;
}

/** Scans a v1 update; throws on anything Yjs could not decode. */
export function scanUpdate(update: Uint8Array): ScannedUpdate {
  const d = decoding.createDecoder(update);
  const items: ScannedItem[] = [];
  const ranges = new Map<number, { start: number; end: number }>();
  const clientBlocks = decoding.readVarUint(d);
  for (let block = 0; block < clientBlocks; block++) {
    const structs = decoding.readVarUint(d);
    const client = decoding.readVarUint(d);
    const start = decoding.readVarUint(d);
    let clock = start;
    for (let i = 0; i < structs; i++) {
      const info = decoding.readUint8(d);
      const ref = info & BITS5;
      if (ref === 0 || ref === 10) {
        clock += decoding.readVarUint(d); // GC or skip: a length, nothing to integrate
        continue;
      }
      const item = readItem(d, info, client, clock);
      items.push(item);
      clock += item.length;
    }
    const known = ranges.get(client);
    ranges.set(client, {
      start: Math.min(known?.start ?? start, start),
      end: Math.max(known?.end ?? clock, clock),
    });
  }
  const deletes: DeletedRanges[] = [];
  const dsClients = decoding.readVarUint(d);
  for (let i = 0; i < dsClients; i++) {
    const client = decoding.readVarUint(d);
    const count = decoding.readVarUint(d);
    const offset = d.pos;
    let maxEnd = 0;
    for (let j = 0; j < count; j++) {
      const end = decoding.readVarUint(d) + decoding.readVarUint(d);
      if (end > maxEnd) maxEnd = end;
    }
    deletes.push({ client, count, maxEnd, offset });
  }
  return { bytes: update.length, items, ranges, deletes, source: update };
}

/** Calls `visit` with each (clock, len) of one client's delete ranges. */
export function deleteRanges(
  scan: ScannedUpdate,
  { count, offset }: DeletedRanges,
  visit: (clock: number, len: number) => void,
): void {
  const d = decoding.createDecoder(scan.source);
  d.pos = offset;
  for (let j = 0; j < count; j++) visit(decoding.readVarUint(d), decoding.readVarUint(d));
}

/**
 * Update admission (PROTOCOL.md, rules ADMIT1–ADMIT7): decides, before a room's
 * Y.Doc touches an update, whether applying it is safe. Yjs cannot undo a
 * half-applied update, so everything that could make it throw part-way (a stack
 * overflow on deep nesting), cost more than linear time (many clients racing for
 * one spot), grow the relay's heap far beyond the bytes sent (sub-documents,
 * types), or tax every later update (pending deletes and structs) is refused here.
 *
 * The checks read the scanned update (update-scan.ts) and look up referenced
 * items in the room's document; they never modify it.
 */
import * as Y from 'yjs';
import type { AdmissionLimits } from '../../../shared/protocol/admission-limits.js';
import { deleteRanges, type ScannedItem, type ScannedUpdate, type WireId } from './update-scan.js';

export type AdmissionRule = 'ADMIT1' | 'ADMIT2' | 'ADMIT3' | 'ADMIT4' | 'ADMIT5' | 'ADMIT6';

/** `retry`: the same update may be admitted later (it waits on items the room lacks). */
export type Admission =
  { ok: true } | { ok: false; rule: AdmissionRule; detail: string; retry: boolean };

const refuse = (rule: AdmissionRule, detail: string, retry = false): Admission => ({
  ok: false,
  rule,
  detail,
  retry,
});

/** Depth of each type already in a room's document, kept with the room. */
export type DepthCache = WeakMap<Y.AbstractType<unknown>, number>;

/** The update's items of each client, sorted by clock, for lookups by id. */
function indexByClient(items: ScannedItem[]): Map<number, ScannedItem[]> {
  const index = new Map<number, ScannedItem[]>();
  for (const item of items) {
    let list = index.get(item.client);
    if (!list) index.set(item.client, (list = []));
    list.push(item);
  }
  for (const list of index.values()) list.sort((a, b) => a.clock - b.clock);
  return index;
}

function findScanned(index: Map<number, ScannedItem[]>, id: WireId): ScannedItem | null {
  const list = index.get(id.client);
  if (!list) return null;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = list[mid]!;
    if (id.clock < item.clock) hi = mid - 1;
    else if (id.clock >= item.clock + item.length) lo = mid + 1;
    else return item;
  }
  return null;
}

function findStored(doc: Y.Doc, id: WireId): Y.Item | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null;
  const struct = Y.getItem(doc.store, Y.createID(id.client, id.clock));
  return struct instanceof Y.Item ? struct : null;
}

/** Depth of a type in the document (root types are 1); stops counting past `cap`. */
function storedTypeDepth(type: Y.AbstractType<unknown>, cache: DepthCache, cap: number): number {
  const cached = cache.get(type);
  if (cached !== undefined) return cached;
  let depth = 1;
  let item = type._item;
  while (item !== null && depth <= cap) {
    const parent = item.parent as Y.AbstractType<unknown>;
    const known = cache.get(parent);
    if (known !== undefined) {
      depth += known;
      break;
    }
    depth += 1;
    item = parent._item;
  }
  cache.set(type, depth);
  return depth;
}

/**
 * [ADMIT1] The depth of the container of every item that creates a type, resolved
 * through explicit parents and origins, iteratively (an origin chain can be as long
 * as the update). Unknown references count as the root: such items stay pending,
 * which ADMIT5 bounds.
 */
export function maxTypeDepth(
  doc: Y.Doc,
  scan: ScannedUpdate,
  cache: DepthCache,
  cap: number,
): number {
  const index = indexByClient(scan.items);
  const memo = new Map<ScannedItem, number>();
  const inProgress = new Set<ScannedItem>();
  const storedContainer = (item: Y.Item): number =>
    storedTypeDepth(item.parent as Y.AbstractType<unknown>, cache, cap);
  const storedType = (item: Y.Item): number =>
    item.content instanceof Y.ContentType ? storedTypeDepth(item.content.type, cache, cap) : 1;

  /** Container depth of `item`, or the item it depends on plus the depth added. */
  const step = (item: ScannedItem): number | { needs: ScannedItem; plus: number } => {
    const parent = item.parent;
    if (parent?.kind === 'root') return 1;
    const ref = parent?.kind === 'item' ? parent.id : (item.origin ?? item.rightOrigin);
    if (!ref) return 1;
    const scanned = findScanned(index, ref);
    if (scanned) return { needs: scanned, plus: parent ? 1 : 0 };
    const stored = findStored(doc, ref);
    if (!stored) return 1;
    return parent ? storedType(stored) + 1 : storedContainer(stored);
  };

  const containerDepth = (start: ScannedItem): number => {
    const stack = [start];
    while (stack.length > 0) {
      const item = stack[stack.length - 1]!;
      if (memo.has(item)) {
        stack.pop();
        continue;
      }
      const next = step(item);
      if (typeof next === 'number') {
        memo.set(item, next);
      } else if (memo.has(next.needs)) {
        memo.set(item, memo.get(next.needs)! + next.plus);
      } else if (inProgress.has(next.needs) || stack.length > scan.items.length) {
        memo.set(item, 1); // a reference cycle: Yjs leaves such items pending
      } else {
        inProgress.add(item);
        stack.push(next.needs);
        continue;
      }
      inProgress.delete(item);
      stack.pop();
    }
    return memo.get(start)!;
  };

  let max = 0;
  for (const item of scan.items) {
    if (!item.isType) continue;
    max = Math.max(max, containerDepth(item) + 1);
    if (max > cap) break;
  }
  return max;
}

/** [ADMIT3] The largest number of distinct clients inserting at one spot. */
export function maxClientsPerSlot(scan: ScannedUpdate): number {
  // One writer cannot race itself; most frames are one person's keystrokes.
  if (scan.ranges.size < 2) return scan.items.length > 0 ? 1 : 0;
  const slots = new Map<string, { client: number; clients: number }>();
  let max = 0;
  for (const item of scan.items) {
    let key: string;
    if (item.origin) key = `o${item.origin.client}:${item.origin.clock}`;
    else if (item.parent)
      key = `p${item.parent.kind === 'root' ? item.parent.name : `${item.parent.id.client}:${item.parent.id.clock}`}/${item.parentSub ?? ''}`;
    else if (item.rightOrigin) key = `r${item.rightOrigin.client}:${item.rightOrigin.clock}`;
    else continue;
    const slot = slots.get(key);
    if (!slot) slots.set(key, { client: item.client, clients: 1 });
    else if (slot.client !== item.client) {
      slot.client = item.client;
      slot.clients += 1;
      max = Math.max(max, slot.clients);
    }
  }
  return Math.max(max, slots.size > 0 ? 1 : 0);
}

/** Delete ranges of `scan` that name items neither the room nor the update has [ADMIT4]. */
export function unknownDeleteRanges(doc: Y.Doc, scan: ScannedUpdate): number {
  const knownEnd = knownEnds(doc, scan);
  let unknown = 0;
  for (const client of scan.deletes) {
    const end = knownEnd(client.client);
    if (client.maxEnd <= end) continue; // the usual case: every range of this client is known
    deleteRanges(scan, client, (clock, len) => {
      if (clock + len > end) unknown += 1;
    });
  }
  return unknown;
}

/** Where the room's knowledge of each client's items ends once this update is applied. */
function knownEnds(doc: Y.Doc, scan: ScannedUpdate): (client: number) => number {
  return (client) => {
    const stored = Y.getState(doc.store, client);
    const range = scan.ranges.get(client);
    return range && range.start <= stored ? Math.max(stored, range.end) : stored;
  };
}

/** Decides whether `scan` may be applied to `doc` (see the module comment). */
export function admitUpdate(
  doc: Y.Doc,
  scan: ScannedUpdate,
  limits: AdmissionLimits,
  cache: DepthCache,
): Admission {
  if (scan.ranges.size > limits.maxClientsPerUpdate)
    return refuse('ADMIT3', `${scan.ranges.size} client ids in one update`);
  let types = 0;
  let subdocs = 0;
  let newRoots: Set<string> | null = null;
  for (const item of scan.items) {
    if (item.isType) types += 1;
    if (item.isSubdoc) subdocs += 1;
    if (item.parent?.kind === 'root' && !doc.share.has(item.parent.name))
      (newRoots ??= new Set()).add(item.parent.name);
  }
  if (types > limits.maxTypesPerUpdate) return refuse('ADMIT2', `${types} new types`);
  if (subdocs > 0 && doc.subdocs.size + subdocs > limits.maxSubdocsPerRoom)
    return refuse('ADMIT2', `${doc.subdocs.size + subdocs} sub-documents in the room`);
  const rootsAdded = newRoots?.size ?? 0;
  if (
    rootsAdded > limits.maxNewRootsPerUpdate ||
    doc.share.size + rootsAdded > limits.maxRootsPerRoom
  )
    return refuse('ADMIT6', `${rootsAdded} new root types (${doc.share.size} already)`);
  const crowded = maxClientsPerSlot(scan);
  if (crowded > limits.maxClientsPerSlot)
    return refuse('ADMIT3', `${crowded} client ids insert at one spot`);
  if (types > 0) {
    const depth = maxTypeDepth(doc, scan, cache, limits.maxDepth);
    if (depth > limits.maxDepth)
      return refuse('ADMIT1', `types nested deeper than ${limits.maxDepth}`);
  }
  const unknownDeletes = scan.deletes.length > 0 ? unknownDeleteRanges(doc, scan) : 0;
  if (unknownDeletes > limits.maxUnknownDeleteRanges)
    return refuse('ADMIT4', `${unknownDeletes} deletes of items the room does not have`);
  if (unknownDeletes > 0 && (doc.store.pendingDs?.length ?? 0) > limits.maxPendingDeleteBytes)
    return refuse('ADMIT4', 'the room already holds too many pending deletes');
  // Items waiting for items the room lacks are kept and merged again with every
  // later update that also waits, so their bytes are bounded per room. An honest
  // sender (a second tab whose own frame has not arrived yet) succeeds on retry.
  const pendingBytes = doc.store.pendingStructs?.update.length ?? 0;
  if (pendingBytes + scan.bytes > limits.maxPendingStructBytes) {
    const knownEnd = knownEnds(doc, scan);
    const dangles = (id: WireId | null) => id !== null && id.clock >= knownEnd(id.client);
    const gap = [...scan.ranges].some(
      ([client, range]) => range.start > Y.getState(doc.store, client),
    );
    const pending =
      gap ||
      scan.items.some(
        (item) =>
          dangles(item.origin) ||
          dangles(item.rightOrigin) ||
          (item.parent?.kind === 'item' && dangles(item.parent.id)),
      );
    if (pending)
      return refuse('ADMIT5', 'it waits on items the relay does not have yet; retry later', true);
  }
  return { ok: true };
}

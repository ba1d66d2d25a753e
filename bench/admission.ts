/**
 * Update admission (PROTOCOL.md, "Update admission"): what it costs honest traffic,
 * how close honest traffic comes to the limits, and the longest the relay's event
 * loop is held by one hostile update, with and without admission.
 *
 *   node --expose-gc --import tsx bench/admission.ts
 *
 * The relay does per data frame: validate (before: Y.decodeUpdate; now: scanUpdate),
 * admit (now only), apply (Y.applyUpdate, one transaction per update). Both paths are
 * timed here in one process on the same updates, taking turns, median of BENCH_RUNS.
 */
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { ADMISSION_LIMITS } from '../shared/protocol/admission-limits.js';
import {
  admitUpdate,
  maxClientsPerSlot,
  maxTypeDepth,
  unknownDeleteRanges,
  type DepthCache,
} from '../sync-server/src/rooms/admission.js';
import { scanUpdate, type ScannedUpdate } from '../sync-server/src/rooms/update-scan.js';
import {
  concurrentUpdates,
  loadTrace,
  traceAvailable,
  type ConcurrentTrace,
} from '../tests/support/editing-traces.js';
import {
  nestedMaps,
  randomHostileUpdate,
  sameKeyRace,
  unknownDeletes,
} from '../tests/support/hostile-updates.js';
import { fmt, markdownTable, ms, percentile, progress } from './lib/report.js';
import { traceUpdates } from './lib/trace.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const FUZZ = Number(process.env.BENCH_FUZZ ?? 300);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function traces(): { name: string; updates: Uint8Array[] }[] {
  const found: { name: string; updates: Uint8Array[] }[] = [];
  for (const name of ['seph-blog1', 'automerge-paper']) {
    if (traceAvailable(name)) found.push({ name, updates: traceUpdates(loadTrace(name)) });
  }
  if (traceAvailable('clownschool')) {
    const { updates } = concurrentUpdates(loadTrace<ConcurrentTrace>('clownschool'));
    found.push({ name: 'clownschool (concurrent)', updates });
  }
  if (found.length === 0) throw new Error('no editing traces found: set EDITING_TRACES_DIR');
  return found;
}

/** Refuses loudly if admission refuses an honest update: the limits would be wrong. */
function admitHonest(doc: Y.Doc, scan: ScannedUpdate, cache: DepthCache): void {
  const verdict = admitUpdate(doc, scan, ADMISSION_LIMITS, cache);
  if (!verdict.ok) throw new Error(`honest update refused: ${verdict.rule} ${verdict.detail}`);
}

/** Times the relay's per-frame work `frame` over every update, into a fresh document. */
function replay(
  updates: Uint8Array[],
  frame: (doc: Y.Doc, update: Uint8Array, cache: DepthCache) => void,
): number {
  const doc = new Y.Doc();
  const cache: DepthCache = new WeakMap();
  const start = performance.now();
  for (const update of updates) frame(doc, update, cache);
  const elapsed = performance.now() - start;
  doc.destroy();
  return elapsed;
}

/** Before admission: decode to validate, then apply. */
const before = (updates: Uint8Array[]) =>
  replay(updates, (doc, update) => {
    Y.decodeUpdate(update);
    Y.applyUpdate(doc, update);
  });

/** Now: scan, admit, apply. */
const after = (updates: Uint8Array[]) =>
  replay(updates, (doc, update, cache) => {
    admitHonest(doc, scanUpdate(update), cache);
    Y.applyUpdate(doc, update);
  });

/** The floor: apply only. */
const applyOnly = (updates: Uint8Array[]) =>
  replay(updates, (doc, update) => Y.applyUpdate(doc, update));

/** How close one update comes to each limit, against the document it is applied to. */
function highWater(doc: Y.Doc, update: Uint8Array, marks: Record<string, number>): void {
  const scan = scanUpdate(update);
  const bump = (key: string, value: number) => (marks[key] = Math.max(marks[key] ?? 0, value));
  bump('depth', maxTypeDepth(doc, scan, new WeakMap(), ADMISSION_LIMITS.maxDepth));
  bump('clients per update', scan.ranges.size);
  bump('clients at one spot', maxClientsPerSlot(scan));
  bump('unknown delete ranges', unknownDeleteRanges(doc, scan));
  bump('new types', scan.items.filter((i) => i.isType).length);
  bump('roots', doc.share.size);
  admitHonest(doc, scan, new WeakMap());
}

/** A Tiptap-shaped document: lists nested `levels` deep, a table, a code block. */
function tiptapShaped(levels: number): Uint8Array {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('prosemirror');
  let container: Y.XmlFragment | Y.XmlElement = fragment;
  for (let i = 0; i < levels; i++) {
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(`level ${i}`)]);
    container.insert(container.length, [list]);
    list.insert(0, [item]);
    item.insert(0, [paragraph]);
    container = item;
  }
  const table = new Y.XmlElement('table');
  fragment.insert(fragment.length, [table]);
  const row = new Y.XmlElement('tableRow');
  table.insert(0, [row]);
  const cell = new Y.XmlElement('tableCell');
  row.insert(0, [cell]);
  const paragraph = new Y.XmlElement('paragraph');
  cell.insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText('cell')]);
  return Y.encodeStateAsUpdate(doc);
}

/** A device offline for `sessions` page loads (a new client id each), editing one doc. */
function longOffline(sessions: number): Uint8Array {
  let state: Uint8Array = new Uint8Array([0, 0]);
  for (let s = 0; s < sessions; s++) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const text = doc.getText('t');
    for (let k = 0; k < 50; k++) text.insert((k * 7) % (text.length + 1), `s${s}k${k} `);
    if (text.length > 20) text.delete(3, 5);
    doc.getMap('meta').set('title', `draft ${s}`);
    state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
  }
  return state;
}

const sections: string[] = ['### Update admission', ''];

// 1. Cost on honest traffic.
const loaded = traces();
const costRows: string[][] = [];
for (const { name, updates } of loaded) {
  progress(`admission cost: ${name}`);
  const b: number[] = [];
  const a: number[] = [];
  const f: number[] = [];
  const ratios: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // Alternate the order, so that warm-up and GC debt fall on both paths alike.
    let beforeMs: number;
    let nowMs: number;
    if (run % 2 === 0) {
      beforeMs = before(updates);
      nowMs = after(updates);
    } else {
      nowMs = after(updates);
      beforeMs = before(updates);
    }
    b.push(beforeMs);
    a.push(nowMs);
    ratios.push(nowMs / beforeMs);
    f.push(applyOnly(updates));
  }
  const [mb, ma, mf] = [median(b), median(a), median(f)];
  const ratio = median(ratios);
  costRows.push([
    name,
    fmt(updates.length),
    ms(mf),
    ms(mb),
    ms(ma),
    `${ratio >= 1 ? '+' : ''}${fmt((ratio - 1) * 100, 1)} % (${fmt((Math.min(...ratios) - 1) * 100, 1)} to ${fmt((Math.max(...ratios) - 1) * 100, 1)})`,
  ]);
}
sections.push(
  `Honest replay, every update as its own frame (median of ${RUNS}): apply only (the floor), the relay's path before (decode + apply) and now (scan + admit + apply).`,
  '',
  markdownTable(
    [
      'trace',
      'updates',
      'apply only',
      'before',
      'now',
      'now vs before, median of paired runs (range)',
    ],
    costRows,
  ),
  '',
);

// 2. Honest high-water marks against the limits.
progress('honest high-water marks');
const marks: { name: string; marks: Record<string, number> }[] = [];
for (const { name, updates } of loaded) {
  const doc = new Y.Doc();
  const perUpdate: Record<string, number> = {};
  for (const update of updates) {
    highWater(doc, update, perUpdate);
    Y.applyUpdate(doc, update);
  }
  marks.push({ name: `${name}, each update`, marks: perUpdate });
  const whole: Record<string, number> = {};
  highWater(new Y.Doc(), Y.encodeStateAsUpdate(doc), whole);
  marks.push({ name: `${name}, whole doc as one first sync`, marks: whole });
  doc.destroy();
}
for (const [name, update] of [
  ['Tiptap shape: lists nested 20 deep, a table', tiptapShaped(20)],
  ['one device offline for 200 page loads', longOffline(200)],
] as const) {
  const m: Record<string, number> = {};
  highWater(new Y.Doc(), update, m);
  marks.push({ name, marks: m });
}
const keys = [
  'depth',
  'clients per update',
  'clients at one spot',
  'unknown delete ranges',
  'new types',
];
const limitOf: Record<string, number> = {
  depth: ADMISSION_LIMITS.maxDepth,
  'clients per update': ADMISSION_LIMITS.maxClientsPerUpdate,
  'clients at one spot': ADMISSION_LIMITS.maxClientsPerSlot,
  'unknown delete ranges': ADMISSION_LIMITS.maxUnknownDeleteRanges,
  'new types': ADMISSION_LIMITS.maxTypesPerUpdate,
};
sections.push(
  'Honest traffic against the limits (highest value seen; the limit in the header):',
  '',
  markdownTable(
    ['honest case', ...keys.map((k) => `${k} (≤ ${fmt(limitOf[k] ?? 0)})`)],
    marks.map(({ name, marks: m }) => [name, ...keys.map((k) => fmt(m[k] ?? 0))]),
  ),
  '',
);

// 3. The longest one update holds the event loop: seeded hostile updates.
progress(`event-loop hold: ${FUZZ} hostile updates`);
const gen = prng.create(0x5eed);
const room = new Y.Doc();
const cache: DepthCache = new WeakMap();
const holds: number[] = [];
const sizes: number[] = [];
let refused = 0;
for (let i = 0; i < FUZZ; i++) {
  const update = randomHostileUpdate(gen, room);
  sizes.push(update.length);
  const start = performance.now();
  const verdict = admitUpdate(room, scanUpdate(update), ADMISSION_LIMITS, cache);
  if (verdict.ok) Y.applyUpdate(room, update);
  else refused += 1;
  holds.push(performance.now() - start);
}
// A keystroke after all of it: what every honest writer of that room then pays.
const typist = new Y.Doc();
typist.getText('after').insert(0, 'k');
const keystroke = Y.encodeStateAsUpdate(typist);
const keyStart = performance.now();
Y.applyUpdate(room, keystroke);
const keyMs = performance.now() - keyStart;

/**
 * The same attack shapes applied without admission, as before this change: the
 * time of `update`, or with `then`, of `then` applied after it. NaN: Yjs threw.
 */
function unguarded(update: () => Uint8Array, then?: Uint8Array): number {
  const doc = new Y.Doc();
  const first = update();
  try {
    let start = performance.now();
    Y.applyUpdate(doc, first);
    if (!then) return performance.now() - start;
    start = performance.now();
    Y.applyUpdate(doc, then);
    return performance.now() - start;
  } catch {
    return NaN;
  }
}
const probe = (() => {
  const d = new Y.Doc();
  d.getText('t').insert(0, 'k');
  return Y.encodeStateAsUpdate(d);
})();
sections.push(
  `Event loop held by one hostile update (scan + admit + apply if admitted), ${FUZZ} seeded updates (seed 0x5eed), ${refused} refused:`,
  '',
  markdownTable(
    ['case', 'with admission', 'without admission (before)'],
    [
      ['median hold', ms(median(holds)), ''],
      ['p99 hold', ms(percentile(holds, 99)), ''],
      ['worst hold', ms(Math.max(...holds)), ''],
      ['largest frame', `${fmt(Math.max(...sizes) / 1024)} KiB`, ''],
      ['a keystroke in that room afterwards', ms(keyMs), ''],
      [
        'one map key set by 8,000 client ids (112 KB)',
        'refused [ADMIT3]',
        ms(unguarded(() => sameKeyRace(8_000))),
      ],
      [
        'a keystroke after 1,000,000 unknown deletes (4 MB)',
        'refused [ADMIT4]',
        ms(unguarded(() => unknownDeletes(1_000_000), probe)),
      ],
      [
        'maps nested 3,000 deep, then the outer map deleted',
        'refused [ADMIT1]',
        Number.isNaN(unguarded(() => nestedMaps(3_000).build, nestedMaps(3_000).deleteOuter))
          ? 'stack overflow: room poisoned'
          : 'applied',
      ],
    ],
  ),
);
process.stdout.write(`${sections.join('\n')}\n`);

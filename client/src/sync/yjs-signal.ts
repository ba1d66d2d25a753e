/**
 * The one bridge from Yjs to Solid. Views read Y.Docs through a version signal that
 * changes at once after a change, local or remote, and once more after the rest of
 * the same burst (the changes made before the next microtask): what a view shows
 * is never behind the doc when other signals (loaded, synced) move, and a loop of
 * edits costs two re-reads, not one per edit.
 *
 *   const board = fromYjs(doc, () => readBoard(doc));          // a plain-data snapshot
 *   const version = yjsVersion(doc);                          // memo: (version(), read(doc))
 *   const tasks = fromYjs(() => projects().map((p) => p.doc), readAll); // a changing list
 *
 * A Y.Doc is watched through its 'update' event; a shared type (Y.Map, Y.Array, Y.Text,
 * Y.XmlFragment) through observeDeep, so changes elsewhere in its doc are not re-read.
 * Both hooks stop watching when their owner is cleaned up; createYjsVersion is for
 * callers that add and drop docs on their own schedule.
 */
import { createComputed, createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';
import * as Y from 'yjs';

/** Y.Map, Y.Array, Y.Text, Y.XmlFragment: anything with deep observers. */
export interface SharedType {
  observeDeep(listener: () => void): void;
  unobserveDeep(listener: () => void): void;
}

export type YjsSource = Y.Doc | SharedType;
export type YjsSources = YjsSource | readonly YjsSource[];

function watch(source: YjsSource, onChange: () => void): () => void {
  if (source instanceof Y.Doc) {
    source.on('update', onChange);
    return () => source.off('update', onChange);
  }
  source.observeDeep(onChange);
  return () => source.unobserveDeep(onChange);
}

const listOf = (sources: YjsSources): readonly YjsSource[] =>
  Array.isArray(sources) ? (sources as readonly YjsSource[]) : [sources as YjsSource];

/**
 * A version signal fed by sources the caller adds and drops: `watch(source)` returns
 * the function that stops watching it. Nothing stops by itself.
 */
export function createYjsVersion(): {
  version: Accessor<number>;
  watch: (source: YjsSource) => () => void;
} {
  const [version, setVersion] = createSignal(0);
  const next = () => setVersion((v) => v + 1);
  let inBurst = false;
  let more = false;
  const bump = () => {
    if (inBurst) {
      more = true;
      return;
    }
    inBurst = true;
    next();
    queueMicrotask(() => {
      inBurst = false;
      if (more) {
        more = false;
        next();
      }
    });
  };
  return { version, watch: (source) => watch(source, bump) };
}

/**
 * A number that changes after each burst of changes of `sources`; given an accessor,
 * the sources it returns now. Read it in a memo, then read the docs.
 */
export function yjsVersion(sources: YjsSources | Accessor<YjsSources>): Accessor<number> {
  const { version, watch: add } = createYjsVersion();
  const follow = (current: YjsSources) => {
    const stops = listOf(current).map(add);
    onCleanup(() => stops.forEach((stop) => stop()));
  };
  if (typeof sources === 'function') createComputed(() => follow(sources()));
  else follow(sources);
  return version;
}

/** `read()` now, and again after each burst of changes of `sources`. */
export function fromYjs<T>(sources: YjsSources | Accessor<YjsSources>, read: () => T): Accessor<T> {
  const version = yjsVersion(sources);
  return createMemo(() => (version(), read()), undefined, { equals: false });
}

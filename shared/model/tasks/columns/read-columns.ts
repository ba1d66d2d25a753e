import type * as Y from 'yjs';
import { COLUMN, columnsRoot, readString, records } from '../layout.js';
import { compareByKey } from '../order-key.js';

/** A column as the board renders it. */
export interface ColumnSnapshot {
  readonly id: string;
  readonly name: string;
  readonly key: string;
  /** Cards in a done column count as completed. */
  readonly done: boolean;
}

/** Live columns plus a way to map any column id a card holds to a live column. */
export interface Columns {
  /** Live columns in board order. */
  readonly list: readonly ColumnSnapshot[];
  /** The live column a card in `columnId` shows in; undefined only with no columns at all. */
  resolve(columnId: string): string | undefined;
}

/**
 * The project's columns. A removed column stays as a tombstone naming the column
 * its cards went to (`removedInto`), so a card moved into it concurrently by an
 * offline device still lands somewhere sensible, the same on every replica:
 * the chain of tombstones is followed, and a card whose chain ends nowhere (a cycle
 * from two concurrent removals, an unknown id) goes to the first live column. If
 * concurrent removals left no live column at all, the tombstones are shown as
 * live again rather than hiding every card.
 */
export function readColumns(doc: Y.Doc): Columns {
  const all = records(columnsRoot(doc)).map(([id, map]) => ({
    id,
    name: readString(map, COLUMN.name),
    key: readString(map, COLUMN.key),
    done: map.get(COLUMN.done) === true,
    removedInto: map.get(COLUMN.removedInto),
  }));
  const liveOnes = all.filter((column) => typeof column.removedInto !== 'string');
  const live = (liveOnes.length > 0 ? liveOnes : all).sort(compareByKey);
  const liveIds = new Set(live.map((column) => column.id));
  const redirects = new Map(all.map((column) => [column.id, column.removedInto]));
  const first = live[0]?.id;

  function resolve(columnId: string): string | undefined {
    const seen = new Set<string>();
    let id: unknown = columnId;
    while (typeof id === 'string' && !seen.has(id)) {
      if (liveIds.has(id)) return id;
      seen.add(id);
      id = redirects.get(id);
    }
    return first;
  }

  return {
    list: live.map(({ id, name, key, done }) => ({ id, name, key, done })),
    resolve,
  };
}

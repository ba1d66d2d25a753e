import * as Y from 'yjs';
import { readColumns, type Columns } from './columns/read-columns.js';
import {
  readJson,
  readString,
  records,
  TASK,
  tasksRoot,
  columnsRoot,
  type YRecord,
} from './layout.js';
import { compareByKey } from './order-key.js';
import { TaskStatus } from './schemas.js';

/** A task's placement fields, parsed once per change of the task. */
export interface TaskEntry {
  readonly id: string;
  readonly map: YRecord;
  readonly status: TaskStatus;
  readonly parentId: string;
}

/** A top-level task as placed on the board. */
export interface Card {
  readonly id: string;
  readonly key: string;
  readonly status: TaskStatus;
  readonly map: YRecord;
}

const NO_STATUS: TaskStatus = { columnId: '', key: '', completedAt: null, completedBy: null };

/** A task's status value, or an empty one (first column, first place) if unreadable. */
export function readStatus(task: YRecord): TaskStatus {
  return readJson(task, TASK.status, TaskStatus, NO_STATUS);
}

function entryOf(id: string, map: YRecord): TaskEntry {
  return { id, map, status: readStatus(map), parentId: readString(map, TASK.parentId) };
}

interface Cache {
  entries: Map<string, TaskEntry>;
  /** Task ids changed since the entries were last brought up to date. */
  dirty: Set<string>;
  columns: Columns | null;
  cards: Map<string, Card[]> | null;
  /** Per-task derived values (e.g. snapshots) dropped when their task changes. */
  derived: Map<string, unknown>;
}

const caches = new WeakMap<Y.Doc, Cache>();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its tree as AbstractType<any>
type AnyType = Y.AbstractType<any>;

/** The task (its id under the tasks root) that a changed type belongs to, if any. */
function taskIdOf(type: AnyType, tasks: AnyType): string | null {
  let current: AnyType = type;
  for (;;) {
    const item = current._item;
    if (!item) return null;
    if (item.parent === tasks) return item.parentSub;
    current = item.parent as AnyType;
  }
}

function inColumns(type: AnyType, columns: AnyType): boolean {
  let current: AnyType | null = type;
  while (current) {
    if (current === columns) return true;
    current = (current._item?.parent as AnyType | undefined) ?? null;
  }
  return false;
}

function createCache(doc: Y.Doc): Cache {
  const tasks: AnyType = tasksRoot(doc);
  const columns: AnyType = columnsRoot(doc);
  const cache: Cache = {
    entries: new Map(records(tasksRoot(doc)).map(([id, map]) => [id, entryOf(id, map)])),
    dirty: new Set(),
    columns: null,
    cards: null,
    derived: new Map(),
  };
  // `changed` names every type a transaction touched: cheap to walk, no event objects.
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) {
      if (type === tasks) {
        for (const key of keys) if (key !== null) cache.dirty.add(key);
      } else if (inColumns(type, columns)) {
        cache.columns = null;
        cache.cards = null;
        cache.derived.clear();
      } else {
        const id = taskIdOf(type, tasks);
        if (id !== null) cache.dirty.add(id);
      }
    }
  });
  return cache;
}

/**
 * The up-to-date cache of a project doc, or null inside a transaction that has
 * already changed something (its reads must see its own writes, which the cache
 * learns only when the transaction ends).
 */
function current(doc: Y.Doc): Cache | null {
  const tr = doc._transaction;
  if (tr && tr.changed.size > 0) return null;
  let cache = caches.get(doc);
  if (!cache) {
    cache = createCache(doc);
    caches.set(doc, cache);
  }
  if (cache.dirty.size > 0) {
    const tasks = tasksRoot(doc);
    for (const id of cache.dirty) {
      const value = tasks.get(id);
      const before = cache.entries.get(id);
      if (value instanceof Y.Map) cache.entries.set(id, entryOf(id, value));
      else cache.entries.delete(id);
      cache.derived.delete(id);
      // A subtask's change alters its parents' progress (old and new parent).
      if (before?.parentId) cache.derived.delete(before.parentId);
      const after = cache.entries.get(id);
      if (after?.parentId) cache.derived.delete(after.parentId);
    }
    cache.dirty.clear();
    cache.cards = null;
  }
  return cache;
}

/** Every task's entry, by id. */
export function taskEntries(doc: Y.Doc): ReadonlyMap<string, TaskEntry> {
  return (
    current(doc)?.entries ??
    new Map(records(tasksRoot(doc)).map(([id, map]) => [id, entryOf(id, map)]))
  );
}

/** The project's columns, cached between changes to them. */
export function cachedColumns(doc: Y.Doc): Columns {
  const cache = current(doc);
  if (!cache) return readColumns(doc);
  cache.columns ??= readColumns(doc);
  return cache.columns;
}

/**
 * A value derived from one task (and its subtasks), computed once per change of
 * either; `compute` must depend on nothing else but the columns.
 */
export function derivedFor<T>(doc: Y.Doc, taskId: string, compute: () => T): T {
  const cache = current(doc);
  if (!cache) return compute();
  if (cache.derived.has(taskId)) return cache.derived.get(taskId) as T;
  const value = compute();
  cache.derived.set(taskId, value);
  return value;
}

function buildCards(
  entries: ReadonlyMap<string, TaskEntry>,
  columns: Columns,
): Map<string, Card[]> {
  const byColumn = new Map<string, Card[]>(columns.list.map((column) => [column.id, []]));
  for (const entry of entries.values()) {
    if (entry.parentId !== '' && entries.has(entry.parentId)) continue;
    const columnId = columns.resolve(entry.status.columnId);
    if (columnId === undefined) continue;
    byColumn.get(columnId)?.push({
      id: entry.id,
      key: entry.status.key,
      status: entry.status,
      map: entry.map,
    });
  }
  for (const cards of byColumn.values()) cards.sort(compareByKey);
  return byColumn;
}

/**
 * The board's cards by live column id, each column sorted (treat as read-only).
 * Subtasks are not cards, unless their parent is gone (deleted while they were
 * added offline): then they are shown as cards so nothing disappears.
 */
export function readCards(doc: Y.Doc, columns: Columns): Map<string, Card[]> {
  const cache = current(doc);
  if (!cache) return buildCards(taskEntries(doc), columns);
  cache.cards ??= buildCards(cache.entries, cachedColumns(doc));
  return cache.cards;
}

/** The subtasks of `parentId`, in their order. */
export function readSubtaskCards(doc: Y.Doc, parentId: string): Card[] {
  const cards: Card[] = [];
  for (const entry of taskEntries(doc).values()) {
    if (entry.parentId !== parentId) continue;
    cards.push({ id: entry.id, key: entry.status.key, status: entry.status, map: entry.map });
  }
  return cards.sort(compareByKey);
}

/**
 * Typed access to the roots and fields of a project doc. The layout itself is
 * described once, in index.ts. Reads are defensive: a field another replica wrote
 * with an unexpected type reads as its default instead of throwing.
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import { TaskModelError } from './errors.js';

/** Root names inside a project Y.Doc. */
export const ROOTS = { project: 'project', columns: 'columns', tasks: 'tasks' } as const;

/** Field names of a task's Y.Map. */
export const TASK = {
  title: 'title',
  description: 'description',
  status: 'status',
  assignees: 'assignees',
  labels: 'labels',
  priority: 'priority',
  due: 'due',
  start: 'start',
  parentId: 'parentId',
  checklist: 'checklist',
  links: 'links',
  source: 'source',
  recurrence: 'recurrence',
  seriesId: 'seriesId',
  reminders: 'reminders',
  createdBy: 'createdBy',
  createdAt: 'createdAt',
} as const;

/** Field names of a column's Y.Map. */
export const COLUMN = {
  name: 'name',
  key: 'key',
  done: 'done',
  removedInto: 'removedInto',
} as const;

export type YRecord = Y.Map<unknown>;

export function projectMeta(doc: Y.Doc): YRecord {
  return doc.getMap(ROOTS.project);
}

export function columnsRoot(doc: Y.Doc): Y.Map<YRecord> {
  return doc.getMap(ROOTS.columns);
}

export function tasksRoot(doc: Y.Doc): Y.Map<YRecord> {
  return doc.getMap(ROOTS.tasks);
}

/** Every entry of `root` that really is a Y.Map, with its id. */
export function records(root: Y.Map<YRecord>): Array<[string, YRecord]> {
  const out: Array<[string, YRecord]> = [];
  root.forEach((value, id) => {
    if (value instanceof Y.Map) out.push([id, value]);
  });
  return out;
}

export function findTask(doc: Y.Doc, taskId: string): YRecord | undefined {
  const task = tasksRoot(doc).get(taskId);
  return task instanceof Y.Map ? task : undefined;
}

export function requireTask(doc: Y.Doc, taskId: string): YRecord {
  const task = findTask(doc, taskId);
  if (!task) throw new TaskModelError('task-not-found', `no task ${taskId}`);
  return task;
}

export function readString(map: YRecord, field: string, fallback = ''): string {
  const value = map.get(field);
  return typeof value === 'string' ? value : fallback;
}

export function readNumber(map: YRecord, field: string, fallback = 0): number {
  const value = map.get(field);
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** A JSON field checked against `schema`; `fallback` when absent or malformed. */
export function readJson<S extends z.ZodType, F>(
  map: YRecord,
  field: string,
  schema: S,
  fallback: F,
): z.output<S> | F {
  const value = map.get(field);
  if (value === undefined || value === null) return fallback;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

/** The nested Y.Map at `field`, or undefined when something else is there. */
export function readYMap(map: YRecord, field: string): Y.Map<unknown> | undefined {
  const value = map.get(field);
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : undefined;
}

/** The nested Y.Map at `field`, created when missing (call inside a transaction). */
export function ensureYMap(map: YRecord, field: string): Y.Map<unknown> {
  let nested = readYMap(map, field);
  if (!nested) {
    nested = new Y.Map();
    map.set(field, nested);
  }
  return nested;
}

/** The nested Y.Array at `field`, or undefined when something else is there. */
export function readYArray(map: YRecord, field: string): Y.Array<unknown> | undefined {
  const value = map.get(field);
  return value instanceof Y.Array ? (value as Y.Array<unknown>) : undefined;
}

/** The nested Y.XmlFragment at `field`, or undefined when something else is there. */
export function readFragment(map: YRecord, field: string): Y.XmlFragment | undefined {
  const value = map.get(field);
  return value instanceof Y.XmlFragment ? value : undefined;
}

/** The keys of a Y.Map used as a set (assignees, labels), sorted. */
export function readSet(map: YRecord, field: string): string[] {
  const set = readYMap(map, field);
  return set ? [...set.keys()].sort() : [];
}

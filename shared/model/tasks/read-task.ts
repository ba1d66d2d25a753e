import * as Y from 'yjs';
import { readStatus } from './cards.js';
import type { Columns } from './columns/read-columns.js';
import { cachedColumns, derivedFor, taskEntries } from './task-cache.js';
import { descriptionText } from './description.js';
import {
  findTask,
  readFragment,
  readJson,
  readNumber,
  readSet,
  readString,
  readYArray,
  readYMap,
  TASK,
  type YRecord,
} from './layout.js';
import { RecurrenceRule } from './recurrence/rule.js';
import { deadlineOf, TaskDate } from './recurrence/task-date.js';
import { Link, Priority, ReminderOffsets } from './schemas.js';

/** How many direct subtasks a task has, and how many of them are done. */
export interface SubtaskProgress {
  readonly done: number;
  readonly total: number;
}

export interface ChecklistItem {
  readonly id: string;
  readonly text: string;
  readonly done: boolean;
}

/** A task as plain data, for rendering and for the queries (My tasks, reminders). */
export interface TaskSnapshot {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The live column the card shows in (tombstones resolved). */
  readonly columnId: string;
  readonly key: string;
  readonly completedAt: number | null;
  readonly completedBy: string | null;
  readonly assignees: readonly string[];
  readonly labels: readonly string[];
  readonly priority: Priority;
  readonly due: TaskDate | null;
  /** When the task becomes overdue (epoch ms), derived from `due`. */
  readonly deadline: number | null;
  readonly start: TaskDate | null;
  readonly parentId: string | null;
  readonly subtasks: SubtaskProgress;
  readonly checklist: readonly ChecklistItem[];
  readonly links: ReadonlyArray<{ readonly id: string; readonly link: Link }>;
  readonly source: Link | null;
  readonly recurrence: RecurrenceRule | null;
  readonly seriesId: string | null;
  readonly reminders: readonly number[];
  readonly createdBy: string;
  readonly createdAt: number;
}

/** Direct subtask progress of every parent, in one pass over the tasks. */
export function subtaskCounts(doc: Y.Doc): Map<string, SubtaskProgress> {
  const counts = new Map<string, { done: number; total: number }>();
  for (const entry of taskEntries(doc).values()) {
    if (entry.parentId === '') continue;
    const count = counts.get(entry.parentId) ?? { done: 0, total: 0 };
    count.total++;
    if (entry.status.completedAt !== null) count.done++;
    counts.set(entry.parentId, count);
  }
  return counts;
}

/**
 * The snapshot of one task, reused until the task, one of its subtasks or the
 * columns change (see task-cache.ts): re-reading a 10,000-task board after one
 * edit rebuilds one snapshot, not 10,000.
 */
export function cachedSnapshot(
  doc: Y.Doc,
  id: string,
  map: YRecord,
  counts: ReadonlyMap<string, SubtaskProgress>,
): TaskSnapshot {
  return derivedFor(doc, id, () => snapshotOf(id, map, cachedColumns(doc), counts));
}

function checklistOf(map: YRecord): ChecklistItem[] {
  return (readYArray(map, TASK.checklist)?.toArray() ?? []).flatMap((item) => {
    if (!(item instanceof Y.Map)) return [];
    const { id, text, done } = item.toJSON() as Record<string, unknown>;
    return typeof id === 'string' && typeof text === 'string'
      ? [{ id, text, done: done === true }]
      : [];
  });
}

function linksOf(map: YRecord): Array<{ id: string; link: Link }> {
  const links = readYMap(map, TASK.links);
  return [...(links?.entries() ?? [])]
    .flatMap(([id, value]) => {
      const parsed = Link.safeParse(value);
      return parsed.success ? [{ id, link: parsed.data }] : [];
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The snapshot of one task's Y.Map; `columns` and `counts` are computed once per read. */
export function snapshotOf(
  id: string,
  map: YRecord,
  columns: Columns,
  counts: ReadonlyMap<string, SubtaskProgress>,
): TaskSnapshot {
  const status = readStatus(map);
  const due = readJson(map, TASK.due, TaskDate, null);
  const fragment = readFragment(map, TASK.description);
  return {
    id,
    title: readString(map, TASK.title),
    description: fragment ? descriptionText(fragment) : '',
    columnId: columns.resolve(status.columnId) ?? status.columnId,
    key: status.key,
    completedAt: status.completedAt,
    completedBy: status.completedBy,
    assignees: readSet(map, TASK.assignees),
    labels: readSet(map, TASK.labels),
    priority: readJson(map, TASK.priority, Priority, 'none'),
    due,
    deadline: due ? deadlineOf(due) : null,
    start: readJson(map, TASK.start, TaskDate, null),
    parentId: readString(map, TASK.parentId) || null,
    subtasks: counts.get(id) ?? { done: 0, total: 0 },
    checklist: checklistOf(map),
    links: linksOf(map),
    source: readJson(map, TASK.source, Link, null),
    recurrence: readJson(map, TASK.recurrence, RecurrenceRule, null),
    seriesId: readString(map, TASK.seriesId) || null,
    reminders: readJson(map, TASK.reminders, ReminderOffsets, []),
    createdBy: readString(map, TASK.createdBy),
    createdAt: readNumber(map, TASK.createdAt),
  };
}

/** One task as plain data, or undefined when there is no such task. */
export function readTask(doc: Y.Doc, taskId: string): TaskSnapshot | undefined {
  const map = findTask(doc, taskId);
  return map && cachedSnapshot(doc, taskId, map, subtaskCounts(doc));
}

/** Every task of the project (cards and subtasks) as plain data, in no particular order. */
export function readAllTasks(doc: Y.Doc): TaskSnapshot[] {
  const counts = subtaskCounts(doc);
  return [...taskEntries(doc).values()].map((entry) =>
    cachedSnapshot(doc, entry.id, entry.map, counts),
  );
}

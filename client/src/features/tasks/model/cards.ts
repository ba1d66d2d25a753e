import type * as Y from 'yjs';
import type { Columns } from './columns/read-columns.js';
import { readJson, readString, records, TASK, tasksRoot, type YRecord } from './layout.js';
import { compareByKey } from './order-key.js';
import { TaskStatus } from './schemas.js';

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

/**
 * The board's cards by live column id, each column sorted. Subtasks are not cards,
 * unless their parent is gone (deleted while they were added offline): then they
 * are shown as cards so nothing disappears.
 */
export function readCards(doc: Y.Doc, columns: Columns): Map<string, Card[]> {
  const tasks = tasksRoot(doc);
  const byColumn = new Map<string, Card[]>(columns.list.map((column) => [column.id, []]));
  for (const [id, map] of records(tasks)) {
    const parentId = readString(map, TASK.parentId);
    if (parentId !== '' && tasks.has(parentId)) continue;
    const status = readStatus(map);
    const columnId = columns.resolve(status.columnId);
    if (columnId === undefined) continue;
    byColumn.get(columnId)?.push({ id, key: status.key, status, map });
  }
  for (const cards of byColumn.values()) cards.sort(compareByKey);
  return byColumn;
}

/** The subtasks of `parentId`, in their order. */
export function readSubtaskCards(doc: Y.Doc, parentId: string): Card[] {
  const cards: Card[] = [];
  for (const [id, map] of records(tasksRoot(doc))) {
    if (readString(map, TASK.parentId) !== parentId) continue;
    const status = readStatus(map);
    cards.push({ id, key: status.key, status, map });
  }
  return cards.sort(compareByKey);
}

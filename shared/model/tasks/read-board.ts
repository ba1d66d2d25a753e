import type * as Y from 'yjs';
import { readCards, readSubtaskCards } from './cards.js';
import type { ColumnSnapshot } from './columns/read-columns.js';
import { cachedColumns } from './task-cache.js';
import { projectName } from './project.js';
import { cachedSnapshot, subtaskCounts, type TaskSnapshot } from './read-task.js';

export interface BoardColumn extends ColumnSnapshot {
  /** The column's cards, top to bottom. */
  readonly tasks: readonly TaskSnapshot[];
}

export interface Board {
  readonly name: string;
  readonly columns: readonly BoardColumn[];
}

/**
 * The board as plain data: live columns in order, each with its cards sorted by
 * order key (then id). Every top-level task is on exactly one column, whatever
 * concurrent column removals did (see readColumns).
 */
export function readBoard(doc: Y.Doc): Board {
  const columns = cachedColumns(doc);
  const counts = subtaskCounts(doc);
  const cards = readCards(doc, columns);
  return {
    name: projectName(doc),
    columns: columns.list.map((column) => ({
      ...column,
      tasks: (cards.get(column.id) ?? []).map((card) =>
        cachedSnapshot(doc, card.id, card.map, counts),
      ),
    })),
  };
}

/** A task's direct subtasks as plain data, in their order. */
export function readSubtasks(doc: Y.Doc, parentId: string): TaskSnapshot[] {
  const counts = subtaskCounts(doc);
  return readSubtaskCards(doc, parentId).map((card) =>
    cachedSnapshot(doc, card.id, card.map, counts),
  );
}

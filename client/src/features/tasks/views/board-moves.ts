import type { Board } from '../../../workspace/tasks/index.js';

/** First guess of a card row's height, card plus gap, before the virtualizer measures it. */
export const CARD_ROW_PX = 72;

/** A rendered card row as the virtualizer measured it (cards are as tall as their content). */
export interface MeasuredRow {
  readonly index: number;
  readonly start: number;
  readonly size: number;
}

/**
 * Where a card goes when dropped at visual position `slot` of `columnId` (0 = above
 * the first card), as moveTask wants it: an index among the column's OTHER cards.
 */
export function dropIndex(board: Board, taskId: string, columnId: string, slot: number): number {
  const tasks = board.columns.find((column) => column.id === columnId)?.tasks ?? [];
  const from = tasks.findIndex((task) => task.id === taskId);
  const clamped = Math.max(0, Math.min(slot, tasks.length));
  return from !== -1 && from < clamped ? clamped - 1 : clamped;
}

/**
 * The slot under a pointer `offsetY` pixels from the top of a column's card list:
 * above the first rendered row whose middle is below the pointer, else after the last.
 */
export function slotAt(offsetY: number, rows: readonly MeasuredRow[], count: number): number {
  for (const row of rows) if (offsetY < row.start + row.size / 2) return row.index;
  const last = rows[rows.length - 1];
  return last ? Math.min(count, last.index + 1) : 0;
}

/** Where the drop marker of `slot` is drawn: the top of that row, or below the last one. */
export function slotTop(slot: number, rows: readonly MeasuredRow[]): number {
  const at = rows.find((row) => row.index === slot);
  if (at) return at.start;
  const before = rows.find((row) => row.index === slot - 1);
  return before ? before.start + before.size : 0;
}

/**
 * A keyboard move (Alt+arrow): up and down within the column, left and right to the
 * end of the neighbouring column. Null when there is nowhere to go.
 */
export function keyboardTarget(
  board: Board,
  taskId: string,
  direction: 'up' | 'down' | 'left' | 'right',
): { columnId: string; index: number } | null {
  const at = board.columns.findIndex((column) => column.tasks.some((task) => task.id === taskId));
  const column = board.columns[at];
  if (!column) return null;
  const position = column.tasks.findIndex((task) => task.id === taskId);
  if (direction === 'up' || direction === 'down') {
    const index = position + (direction === 'up' ? -1 : 1);
    if (index < 0 || index >= column.tasks.length) return null;
    return { columnId: column.id, index };
  }
  const next = board.columns[at + (direction === 'left' ? -1 : 1)];
  return next ? { columnId: next.id, index: next.tasks.length } : null;
}

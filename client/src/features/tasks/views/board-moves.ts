import type { Board } from '../../../workspace/tasks/index.js';

/** Fixed height of a card row on the board, card plus gap (the virtualizer's item size). */
export const CARD_ROW_PX = 84;

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

/** The slot under a pointer `offsetY` pixels from the top of a column's card list. */
export function slotAt(offsetY: number, count: number): number {
  return Math.max(0, Math.min(count, Math.floor((offsetY + CARD_ROW_PX / 2) / CARD_ROW_PX)));
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

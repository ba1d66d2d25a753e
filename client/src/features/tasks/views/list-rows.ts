import type { Board, TaskSnapshot } from '../../../workspace/tasks/index.js';

export type SortKey = 'board' | 'title' | 'due' | 'priority';

export interface ListRow {
  readonly task: TaskSnapshot;
  readonly columnName: string;
}

const PRIORITY_RANK = { urgent: 0, high: 1, medium: 2, low: 3, none: 4 } as const;

/** The list view's rows: every card, filtered by text and assignee, then sorted. */
export function listRows(
  board: Board,
  { query, assignee, sort }: { query: string; assignee: string | null; sort: SortKey },
): ListRow[] {
  const needle = query.trim().toLowerCase();
  const rows = board.columns.flatMap((column) =>
    column.tasks
      .filter(
        (task) =>
          (needle === '' ||
            task.title.toLowerCase().includes(needle) ||
            task.labels.some((label) => label.toLowerCase().includes(needle))) &&
          (assignee === null || task.assignees.includes(assignee)),
      )
      .map((task) => ({ task, columnName: column.name })),
  );
  const byTitle = (a: ListRow, b: ListRow) => a.task.title.localeCompare(b.task.title);
  switch (sort) {
    case 'board':
      return rows;
    case 'title':
      return rows.sort(byTitle);
    case 'due':
      // Tasks without a due date go last.
      return rows.sort(
        (a, b) => (a.task.deadline ?? Infinity) - (b.task.deadline ?? Infinity) || byTitle(a, b),
      );
    case 'priority':
      return rows.sort(
        (a, b) => PRIORITY_RANK[a.task.priority] - PRIORITY_RANK[b.task.priority] || byTitle(a, b),
      );
  }
}

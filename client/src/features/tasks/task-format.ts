import type { TaskSnapshot } from '../../workspace/tasks/index.js';

const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "Due Nov 24" / "Due Nov 24, 14:00" / "Overdue since Nov 20", in the viewer's zone. */
export function dueLabel(task: Pick<TaskSnapshot, 'due' | 'deadline'>, now: number): string {
  if (!task.due || task.deadline === null) return '';
  const at = new Date(task.deadline - (task.due.time ? 0 : 1));
  const when = task.due.time
    ? `${dateFormat.format(at)}, ${timeFormat.format(at)}`
    : dateFormat.format(at);
  return task.deadline < now ? `Overdue since ${when}` : `Due ${when}`;
}

export const priorityLabels = {
  none: 'No priority',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
} as const;

/**
 * The task model: pure functions over a project's Y.Doc. One project is one Y.Doc
 * (one relay room). Every edit runs in one doc.transact tagged with ctx.origin;
 * time and ids are passed in, never read from the clock or a random source.
 *
 * Yjs layout of a project doc:
 *
 *   getMap('project')   name: string, createdAt: number, createdBy: string,
 *                       version: number (PROJECT_LAYOUT_VERSION)
 *   getMap('columns')   column id -> Y.Map
 *                         name: string, key: string (fractional index, board order),
 *                         done: boolean (cards here count as completed),
 *                         removedInto?: column id (tombstone of a removed column)
 *   getMap('tasks')     task id -> Y.Map
 *                         title: string                 (last writer wins)
 *                         description: Y.XmlFragment    (Tiptap binds to it later)
 *                         status: { columnId, key, completedAt, completedBy }
 *                                                       (ONE value: place and completion
 *                                                        change together, see schemas.ts)
 *                         assignees: Y.Map<userId, true>    (a set that merges)
 *                         labels: Y.Map<label, true>        (a set that merges)
 *                         priority: 'none'|'low'|'medium'|'high'|'urgent'
 *                         due, start: { date, time?, timeZone } | null
 *                                                       (wall clock + zone, see task-date.ts)
 *                         parentId: task id | null      (subtasks are tasks in the same map)
 *                         checklist: Y.Array<Y.Map{ id, text, done }>
 *                         links: Y.Map<linkId, Link>    (docs, chat messages, tasks, urls)
 *                         source: Link | null           (what the task was created from)
 *                         recurrence: RecurrenceRule | null, seriesId: string | null
 *                         reminders: number[]           (minutes before due)
 *                         createdBy: userId, createdAt: epoch ms
 *
 * Why maps keyed by id and not arrays: a card move or a column move is then one
 * write to one value (see order-key.ts), concurrent edits of different fields of a
 * task merge, and nothing can be duplicated by two devices moving it at once.
 * Task and column maps are never replaced, only their fields are set; a deleted
 * task's concurrent edits vanish with it.
 */
export { addColumn, AddColumnInput } from './columns/add-column.js';
export { moveColumn } from './columns/move-column.js';
export {
  readColumns,
  type ColumnSnapshot,
  type Columns,
} from '../../../../shared/model/tasks/columns/read-columns.js';
export { removeColumn } from './columns/remove-column.js';
export { ColumnPatch, updateColumn } from './columns/update-column.js';
export { assign, unassign } from './assignees.js';
export { assigneesWithoutAccess, shareForEditing } from './assignee-access.js';
export {
  addChecklistItem,
  ChecklistItemInput,
  removeChecklistItem,
  toggleChecklistItem,
} from './checklist.js';
export { completeTask, reopenTask } from './complete-task.js';
export { createTask } from './create-task.js';
export { deleteTask } from './delete-task.js';
export { deleteTaskUndoably, type UndoableDelete } from './delete-task-undoably.js';
export { TaskModelError, type TaskModelErrorCode } from '../../../../shared/model/tasks/errors.js';
export { addLink, removeLink } from './links.js';
export { MoveTaskTarget, moveTask } from './move-task.js';
export {
  groupMyTasks,
  myTasks,
  type MyTasks,
  type MyTasksOptions,
  type ProjectTask,
} from './my-tasks.js';
export {
  createProject,
  CreateProjectInput,
  DEFAULT_COLUMNS,
  projectName,
} from '../../../../shared/model/tasks/project.js';
export {
  readBoard,
  readSubtasks,
  type Board,
  type BoardColumn,
} from '../../../../shared/model/tasks/read-board.js';
export {
  readAllTasks,
  readTask,
  type ChecklistItem,
  type TaskSnapshot,
} from '../../../../shared/model/tasks/read-task.js';
export { CalendarDate } from '../../../../shared/model/time/calendar-date.js';
export { RecurrenceRule, Weekday } from '../../../../shared/model/tasks/recurrence/rule.js';
export { deadlineOf, TaskDate } from '../../../../shared/model/tasks/recurrence/task-date.js';
export { TimeZone, WallTime } from '../../../../shared/model/time/zoned-time.js';
export {
  dueReminders,
  EMPTY_REMINDER_STATE,
  ReminderState,
  snoozeReminder,
  type Reminder,
  type ReminderOptions,
  type ReminderTask,
} from './reminders.js';
export {
  CreateTaskInput,
  Link,
  Priority,
  TaskPatch,
  type EditContext,
} from '../../../../shared/model/tasks/schemas.js';
export { addSubtask, SubtaskInput, subtaskProgress, type SubtaskProgress } from './subtasks.js';
export { updateTask } from './update-task.js';

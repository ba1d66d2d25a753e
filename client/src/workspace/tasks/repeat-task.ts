/**
 * Completing a repeating task creates the next occurrence as a new task, and the
 * completed one stays completed. We chose this over advancing the dates in place
 * because each occurrence keeps its own history (who finished it and when, its
 * comments and checklist), and "done" means the same for every task.
 *
 * The new task's id is derived from the series and the next due date
 * (`<series id>~<YYYY-MM-DD>`), so two devices completing the same occurrence
 * offline create the same id: Yjs keeps one of the two maps (last writer wins on
 * the key) and the board shows one next occurrence, not two. Completing again after
 * a reopen finds the id taken and creates nothing. Known limits: edits made offline
 * to the losing copy before the merge are dropped with it; and because occurrences
 * missed while overdue are skipped (next-occurrence.ts), two devices completing the
 * same overdue task offline on different days can create two different next
 * occurrences (both visible, nothing lost).
 */
import * as Y from 'yjs';
import { readCards, readSubtaskCards } from '../../../../shared/model/tasks/cards.js';
import { readColumns } from '../../../../shared/model/tasks/columns/read-columns.js';
import { cloneNodes } from '../../../../shared/model/tasks/description.js';
import {
  readJson,
  readFragment,
  readSet,
  readString,
  readYArray,
  readYMap,
  TASK,
  tasksRoot,
  type YRecord,
} from '../../../../shared/model/tasks/layout.js';
import { orderKeyBetween } from '../../../../shared/model/tasks/order-key.js';
import { addCalendarDays, daysBetween } from '../../../../shared/model/time/calendar-date.js';
import { nextDue } from './recurrence/next-occurrence.js';
import { RecurrenceRule } from '../../../../shared/model/tasks/recurrence/rule.js';
import { TaskDate } from '../../../../shared/model/tasks/recurrence/task-date.js';
import {
  Link,
  Priority,
  ReminderOffsets,
  type EditContext,
  type TaskStatus,
} from '../../../../shared/model/tasks/schemas.js';
import { writeNewTask } from './task-record.js';

/** The id of the occurrence of `seriesId` due on `date`. */
export function occurrenceId(seriesId: string, date: string): string {
  return `${seriesId}~${date}`;
}

function checklistTexts(task: YRecord): Array<{ id: string; text: string }> {
  const list = readYArray(task, TASK.checklist);
  if (!list) return [];
  return list.toArray().flatMap((item) => {
    if (!(item instanceof Y.Map)) return [];
    const id: unknown = item.get('id');
    const text: unknown = item.get('text');
    return typeof id === 'string' && typeof text === 'string' ? [{ id, text }] : [];
  });
}

function linksOf(task: YRecord): Array<[string, Link]> {
  const links = readYMap(task, TASK.links);
  if (!links) return [];
  return [...links.entries()].flatMap(([id, value]) => {
    const link = Link.safeParse(value);
    return link.success ? [[id, link.data] as [string, Link]] : [];
  });
}

/** Where the next occurrence goes: a card at the end of the first open column, or the last subtask. */
function placeOf(doc: Y.Doc, parentId: string, previous: TaskStatus): TaskStatus {
  if (parentId !== '') {
    const last = readSubtaskCards(doc, parentId).at(-1)?.key ?? null;
    const key = orderKeyBetween(last, null, doc.clientID);
    return { columnId: previous.columnId, key, completedAt: null, completedBy: null };
  }
  const columns = readColumns(doc);
  const column = columns.list.find((candidate) => !candidate.done) ?? columns.list[0];
  const columnId = column?.id ?? previous.columnId;
  const last = readCards(doc, columns).get(columnId)?.at(-1)?.key ?? null;
  const key = orderKeyBetween(last, null, doc.clientID);
  return { columnId, key, completedAt: null, completedBy: null };
}

/**
 * Creates the occurrence after `task`'s current one, unless the rule has ended or
 * that occurrence exists already. Runs inside the completing transaction, with
 * `previous` the task's status before it was completed.
 * Returns the new (or existing) occurrence's id, or null when there is none.
 */
export function spawnNextOccurrence(
  doc: Y.Doc,
  taskId: string,
  previous: TaskStatus,
  ctx: EditContext,
): string | null {
  const task = tasksRoot(doc).get(taskId);
  if (!(task instanceof Y.Map)) return null;
  const rule = readJson(task, TASK.recurrence, RecurrenceRule, null);
  const due = readJson(task, TASK.due, TaskDate, null);
  if (!rule || !due) return null;
  const next = nextDue(rule, due, ctx.now);
  if (!next) return null;
  const seriesId = readString(task, TASK.seriesId) || taskId;
  const id = occurrenceId(seriesId, next.date);
  if (tasksRoot(doc).has(id)) return id;

  // The start date moves by as many calendar days as the due date, keeping its time.
  const start = readJson(task, TASK.start, TaskDate, null);
  const shift = daysBetween(due.date, next.date);
  const parentId = readString(task, TASK.parentId);
  const description = readFragment(task, TASK.description);
  writeNewTask(doc, id, {
    title: readString(task, TASK.title),
    description: description ? cloneNodes(description) : [],
    status: placeOf(doc, parentId, previous),
    assignees: readSet(task, TASK.assignees),
    labels: readSet(task, TASK.labels),
    priority: readJson(task, TASK.priority, Priority, 'none'),
    due: next,
    start: start && { ...start, date: addCalendarDays(start.date, shift) },
    parentId: parentId === '' ? null : parentId,
    checklist: checklistTexts(task),
    links: linksOf(task),
    source: readJson(task, TASK.source, Link, null),
    recurrence: rule,
    seriesId,
    reminders: readJson(task, TASK.reminders, ReminderOffsets, []),
    createdBy: ctx.by,
    createdAt: ctx.now,
  });
  return id;
}

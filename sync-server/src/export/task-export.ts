import { stringify } from 'csv-stringify/sync';
import { EXPORT_FORMAT_VERSION } from '../../../shared/model/export/export-layout.js';
import { readColumns } from '../../../shared/model/tasks/columns/read-columns.js';
import { projectName } from '../../../shared/model/tasks/project.js';
import type { TaskDate } from '../../../shared/model/tasks/recurrence/task-date.js';
import { readAllTasks, type TaskSnapshot } from '../../../shared/model/tasks/read-task.js';
import { loadPart, nameOf, type ExportContext, type ExportRoom } from './export-context.js';

/** `2025-03-01 09:30 Europe/Berlin`: the date as the person set it, with its zone. */
function dateText(date: TaskDate | null): string {
  if (!date) return '';
  return [date.date, date.time, date.timeZone].filter(Boolean).join(' ');
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/** One spreadsheet row per task (subtasks too, with their parent), for people. */
function csvRows(ctx: ExportContext, tasks: readonly TaskSnapshot[], columns: Map<string, string>) {
  const titles = new Map(tasks.map((t) => [t.id, t.title]));
  const names = (ids: readonly string[]) => ids.map((id) => nameOf(ctx, id)).join('; ');
  return tasks.map((t) => ({
    id: t.id,
    title: t.title,
    column: columns.get(t.columnId) ?? t.columnId,
    parent: t.parentId ? (titles.get(t.parentId) ?? t.parentId) : '',
    completed: iso(t.completedAt),
    completedBy: t.completedBy ? nameOf(ctx, t.completedBy) : '',
    assignees: names(t.assignees),
    labels: t.labels.join('; '),
    priority: t.priority,
    start: dateText(t.start),
    due: dateText(t.due),
    recurrence: t.recurrence ? JSON.stringify(t.recurrence) : '',
    reminders: t.reminders.join('; '),
    checklist: t.checklist.map((c) => `[${c.done ? 'x' : ' '}] ${c.text}`).join('\n'),
    subtasks: t.subtasks.total ? `${t.subtasks.done}/${t.subtasks.total}` : '',
    links: t.links.map((l) => JSON.stringify(l.link)).join('\n'),
    description: t.description,
    createdBy: nameOf(ctx, t.createdBy),
    createdAt: iso(t.createdAt),
  }));
}

/**
 * A task project as `tasks/<title>.json` (every field of every task and subtask, as
 * the app's reader sees it, dates with their zone) and `tasks/<title>.csv` (one row
 * per task, for a spreadsheet) [EXPORT5]. Tasks are ordered by column, then board order.
 */
export async function exportProject(ctx: ExportContext, room: ExportRoom, name: string) {
  const doc = await loadPart(ctx.persistence, room.id);
  try {
    const columns = readColumns(doc).list;
    const order = new Map(columns.map((c, i) => [c.id, i]));
    const tasks = readAllTasks(doc).sort(
      (a, b) =>
        (order.get(a.columnId) ?? 0) - (order.get(b.columnId) ?? 0) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1),
    );
    const columnNames = new Map(columns.map((c) => [c.id, c.name]));
    const csv = ctx.zip.unique(`tasks/${name}.csv`);
    await ctx.zip.add(
      csv,
      stringify(csvRows(ctx, tasks, columnNames), { header: true, bom: true }),
    );
    const path = ctx.zip.unique(`tasks/${name}.json`);
    const project = { id: room.id, title: room.title, name: projectName(doc) };
    await ctx.zip.add(
      path,
      JSON.stringify({ format: EXPORT_FORMAT_VERSION, project, columns, tasks }, null, 2),
    );
    ctx.counts.projects += 1;
    ctx.counts.tasks += tasks.length;
    return path;
  } finally {
    doc.destroy();
  }
}

import type { DirectoryRoom } from '../../../shared/api/schemas.js';
import type { RoomSummaries } from './room-summaries.js';
import type { Summarizer } from './summary-engine.js';
import { projectName, readAllTasks, type ProjectTask, type TaskSnapshot } from './tasks/index.js';

export const TASK_SUMMARY_KEY = 'tasks';

/** What My tasks and reminders need of a project without opening it: this person's open tasks. */
export interface TaskSummary {
  projectName: string;
  tasks: TaskSnapshot[];
}

export function readTaskSummary(value: unknown): TaskSummary | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<TaskSummary>;
  return typeof v.projectName === 'string' && Array.isArray(v.tasks) ? (v as TaskSummary) : null;
}

export function taskSummarizer(me: () => string | null): Summarizer {
  return {
    key: TASK_SUMMARY_KEY,
    kinds: ['board'],
    async summarize(roomId, read): Promise<TaskSummary> {
      const self = me() ?? '';
      const doc = await read(roomId);
      return {
        projectName: projectName(doc),
        // The description is left out: lists and reminders show titles, and it can be long.
        tasks: readAllTasks(doc)
          .filter((task) => task.completedAt === null && task.assignees.includes(self))
          .map((task) => ({ ...task, description: '' })),
      };
    },
  };
}

/**
 * This person's open tasks in the given projects, from the summaries on the device
 * (reactive once per batch of summary changes, not per project): My tasks and
 * reminders open no project to show them.
 */
export function summaryTasks(
  summaries: RoomSummaries,
  projects: readonly DirectoryRoom[],
): ProjectTask[] {
  summaries.changes();
  return projects.flatMap((project) => {
    const summary = readTaskSummary(summaries.peek(project.id, TASK_SUMMARY_KEY));
    return (summary?.tasks ?? []).map((task) => ({
      projectId: project.id,
      projectName: summary?.projectName || project.title,
      task,
    }));
  });
}

import { describe, expect, it } from 'vitest';
import {
  addChecklistItem,
  addSubtask,
  completeTask,
  createTask,
  moveTask,
  readAllTasks,
  readBoard,
  readTask,
  reopenTask,
  TaskModelError,
  toggleChecklistItem,
  type CreateTaskInput,
} from '../../../../../client/src/workspace/tasks/index.js';
import { ctx, newProject, replica, send, T0 } from './helpers.js';

const columnOf = (doc: Parameters<typeof readBoard>[0], id: string) =>
  readBoard(doc).columns.find((column) => column.tasks.some((task) => task.id === id))?.id;

const weekly: CreateTaskInput = {
  id: 'standup',
  title: 'Standup notes',
  description: 'Collect notes',
  assignees: ['bob'],
  labels: ['team'],
  priority: 'medium',
  due: { date: '2026-03-02', time: '09:00', timeZone: 'Europe/Berlin' },
  start: { date: '2026-03-01', time: '18:00', timeZone: 'Europe/Berlin' },
  recurrence: { freq: 'weekly', weekdays: [1, 4] },
  reminders: [15],
};

describe('completeTask / reopenTask', () => {
  it('moves a card to the top of Done and back to the first open column', () => {
    const doc = newProject();
    createTask(doc, { id: 'old', title: 'Old', columnId: 'done' }, ctx());
    createTask(doc, { id: 't', title: 'T', columnId: 'doing' }, ctx());
    completeTask(doc, 't', ctx('bob', T0 + 1000));
    expect(readBoard(doc).columns[2]?.tasks.map((task) => task.id)).toEqual(['t', 'old']);
    expect(readTask(doc, 't')).toMatchObject({ completedAt: T0 + 1000, completedBy: 'bob' });
    completeTask(doc, 't', ctx('carol', T0 + 2000)); // no-op
    expect(readTask(doc, 't')?.completedBy).toBe('bob');
    reopenTask(doc, 't', ctx());
    expect(readTask(doc, 't')).toMatchObject({ completedAt: null, columnId: 'todo' });
    reopenTask(doc, 't', ctx()); // no-op
    expect(() => completeTask(doc, 'nope', ctx())).toThrow(TaskModelError);
  });

  it('completes a card dragged into Done and reopens one dragged out', () => {
    const doc = newProject();
    createTask(doc, { id: 't', title: 'T' }, ctx());
    moveTask(doc, 't', { columnId: 'done', index: 0 }, ctx('bob'));
    expect(readTask(doc, 't')).toMatchObject({ completedBy: 'bob', columnId: 'done' });
    moveTask(doc, 't', { columnId: 'done', index: 5 }, ctx('carol')); // reorder inside Done
    expect(readTask(doc, 't')?.completedBy).toBe('bob');
    moveTask(doc, 't', { columnId: 'doing', index: 0 }, ctx());
    expect(readTask(doc, 't')).toMatchObject({ completedAt: null, columnId: 'doing' });
  });

  it('refuses to move a subtask or into a missing column', () => {
    const doc = newProject();
    createTask(doc, { id: 't', title: 'T' }, ctx());
    addSubtask(doc, 't', { id: 's', title: 'S' }, ctx());
    expect(() => moveTask(doc, 's', { columnId: 'todo', index: 0 }, ctx())).toThrow(
      /subtasks are not cards/,
    );
    expect(() => moveTask(doc, 't', { columnId: 'nope', index: 0 }, ctx())).toThrow(
      /no column nope/,
    );
  });
});

describe('repeating tasks', () => {
  it('creates the next occurrence with the fields copied and the dates advanced', () => {
    const doc = newProject();
    createTask(doc, weekly, ctx());
    addChecklistItem(doc, 'standup', { id: 'c1', text: 'Ask everyone' }, ctx());
    toggleChecklistItem(doc, 'standup', 'c1', ctx());
    completeTask(doc, 'standup', ctx('bob', T0));
    const next = readTask(doc, 'standup~2026-03-05');
    expect(next).toMatchObject({
      title: 'Standup notes',
      description: 'Collect notes',
      assignees: ['bob'],
      labels: ['team'],
      priority: 'medium',
      due: { date: '2026-03-05', time: '09:00', timeZone: 'Europe/Berlin' },
      start: { date: '2026-03-04', time: '18:00', timeZone: 'Europe/Berlin' },
      recurrence: { freq: 'weekly', interval: 1, weekdays: [1, 4] },
      seriesId: 'standup',
      reminders: [15],
      completedAt: null,
      columnId: 'todo',
      checklist: [{ id: 'c1', text: 'Ask everyone', done: false }],
      createdBy: 'bob',
    });
    // The finished occurrence stays finished, in Done.
    expect(readTask(doc, 'standup')).toMatchObject({ completedBy: 'bob', columnId: 'done' });
    // The next one in the same series gets the series id, not a nested one.
    completeTask(doc, 'standup~2026-03-05', ctx('bob', T0));
    expect(readTask(doc, 'standup~2026-03-09')?.seriesId).toBe('standup');
  });

  it('does not create the occurrence twice after a reopen', () => {
    const doc = newProject();
    createTask(doc, weekly, ctx());
    completeTask(doc, 'standup', ctx());
    reopenTask(doc, 'standup', ctx());
    completeTask(doc, 'standup', ctx());
    moveTask(doc, 'standup', { columnId: 'todo', index: 0 }, ctx());
    moveTask(doc, 'standup', { columnId: 'done', index: 0 }, ctx());
    expect(
      readAllTasks(doc)
        .map((task) => task.id)
        .sort(),
    ).toEqual(['standup', 'standup~2026-03-05']);
  });

  it('two devices completing the same occurrence offline end with one next occurrence', () => {
    const a = newProject(1);
    createTask(a, weekly, ctx());
    const b = replica(a, 2);
    completeTask(a, 'standup', ctx('alice', T0));
    moveTask(b, 'standup', { columnId: 'done', index: 0 }, ctx('bob', T0 + 60_000));
    const c = replica(a, 3);
    send(b, c); // b's updates after a's on c, a's after b's on b
    send(a, b);
    for (const doc of [a, b]) send(c, doc);
    const ids = readAllTasks(a)
      .map((task) => task.id)
      .sort();
    expect(ids).toEqual(['standup', 'standup~2026-03-05']);
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(readBoard(a)).toEqual(readBoard(c));
  });

  it('skips missed occurrences and stops after until', () => {
    const doc = newProject();
    createTask(
      doc,
      {
        id: 'water',
        title: 'Water the plants',
        due: { date: '2026-03-02', timeZone: 'Europe/Berlin' },
        recurrence: { freq: 'daily', until: '2026-03-06' },
      },
      ctx(),
    );
    completeTask(doc, 'water', ctx('alice', Date.UTC(2026, 2, 5, 10)));
    expect(readTask(doc, 'water~2026-03-05')?.due?.date).toBe('2026-03-05');
    completeTask(doc, 'water~2026-03-05', ctx('alice', Date.UTC(2026, 2, 5, 11)));
    completeTask(doc, 'water~2026-03-06', ctx('alice', Date.UTC(2026, 2, 6, 11)));
    expect(readAllTasks(doc).filter((task) => task.completedAt === null)).toEqual([]);
  });

  it('puts the next occurrence of a repeating subtask under the same parent', () => {
    const doc = newProject();
    createTask(doc, { id: 'p', title: 'Parent', columnId: 'doing' }, ctx());
    createTask(doc, { id: 'x', title: 'x' }, ctx());
    addSubtask(doc, 'p', { ...weekly, id: 'sub' }, ctx());
    completeTask(doc, 'sub', ctx());
    expect(readTask(doc, 'sub~2026-03-05')).toMatchObject({ parentId: 'p', completedAt: null });
    expect(columnOf(doc, 'sub~2026-03-05')).toBeUndefined(); // not a card
  });
});

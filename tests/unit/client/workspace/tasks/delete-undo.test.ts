import { describe, expect, it } from 'vitest';
import {
  addChecklistItem,
  addSubtask,
  assign,
  createTask,
  deleteTaskUndoably,
  moveTask,
  readBoard,
  readTask,
  updateTask,
} from '../../../../../client/src/workspace/tasks/index.js';
import { ctx, newProject, replica, send } from './helpers.js';

const cards = (doc: ReturnType<typeof newProject>, column: string) =>
  readBoard(doc)
    .columns.find((c) => c.id === column)
    ?.tasks.map((t) => t.title);

describe('deleting a task with undo', () => {
  it('[TASKS5] undo brings the task back with its fields, place and subtasks, on every device', () => {
    const doc = newProject();
    for (const [i, title] of ['One', 'Two', 'Three'].entries()) {
      createTask(doc, { id: `t${i}`, title }, ctx());
    }
    updateTask(doc, 't1', { priority: 'high', labels: ['ops'] }, ctx());
    assign(doc, 't1', 'bob', ctx());
    addChecklistItem(doc, 't1', { id: 'c1', text: 'Check' }, ctx());
    addSubtask(doc, 't1', { id: 's1', title: 'Sub' }, ctx());
    moveTask(doc, 't0', { columnId: 'todo', index: 2 }, ctx());
    const other = replica(doc, 2);
    const before = readTask(doc, 't1');

    const deletion = deleteTaskUndoably(doc, 't1', ctx());
    expect(readTask(doc, 't1')).toBeUndefined();
    expect(readTask(doc, 's1')).toBeUndefined();
    // Someone else's later edit is not taken back by the undo.
    updateTask(doc, 't2', { title: 'Three!' }, ctx());
    send(doc, other);
    expect(cards(other, 'todo')).toEqual(['Three!', 'One']);

    deletion.undo();
    send(doc, other);
    for (const device of [doc, other]) {
      expect(cards(device, 'todo')).toEqual(['Two', 'Three!', 'One']);
      const back = readTask(device, 't1');
      expect(back?.priority).toBe('high');
      expect(back?.labels).toEqual(before?.labels);
      expect(back?.assignees).toEqual(['bob']);
      expect(back?.checklist.map((item) => item.text)).toEqual(['Check']);
      expect(readTask(device, 's1')?.parentId).toBe('t1');
    }
  });

  it('[TASKS5] a forgotten deletion stays deleted', () => {
    const doc = newProject();
    createTask(doc, { id: 't0', title: 'Gone' }, ctx());
    deleteTaskUndoably(doc, 't0', ctx()).forget();
    expect(readTask(doc, 't0')).toBeUndefined();
  });
});

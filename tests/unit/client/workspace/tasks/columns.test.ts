import { describe, expect, it } from 'vitest';
import {
  addColumn,
  createProject,
  createTask,
  moveColumn,
  moveTask,
  readBoard,
  removeColumn,
  TaskModelError,
  updateColumn,
} from '../../../../../client/src/workspace/tasks/index.js';
import { ctx, newDoc, newProject, replica, syncAll } from './helpers.js';

const columnNames = (doc: Parameters<typeof readBoard>[0]) =>
  readBoard(doc).columns.map((column) => column.name);
const cardIds = (doc: Parameters<typeof readBoard>[0]) =>
  readBoard(doc).columns.map((column) => column.tasks.map((task) => task.id));

function codeOf(run: () => void): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof TaskModelError) return error.code;
    throw error;
  }
  return undefined;
}

describe('createProject', () => {
  it('names the project and adds To do / In progress / Done', () => {
    const doc = newProject(1, 'Launch');
    const board = readBoard(doc);
    expect(board.name).toBe('Launch');
    expect(board.columns.map(({ id, name, done }) => ({ id, name, done }))).toEqual([
      { id: 'todo', name: 'To do', done: false },
      { id: 'doing', name: 'In progress', done: false },
      { id: 'done', name: 'Done', done: true },
    ]);
  });

  it('does not add columns again, and two offline initialisations merge into three columns', () => {
    const a = newDoc(1);
    const b = newDoc(2);
    createProject(a, { name: 'Launch' }, ctx('alice'));
    createProject(b, { name: 'Launch' }, ctx('bob'));
    createProject(a, { name: 'Launch v2' }, ctx('alice'));
    syncAll(a, b);
    expect(columnNames(a)).toEqual(['To do', 'In progress', 'Done']);
    expect(readBoard(a)).toEqual(readBoard(b));
  });

  it('refuses an empty name', () => {
    expect(codeOf(() => createProject(newDoc(1), { name: '  ' }, ctx()))).toBe('invalid-input');
  });
});

describe('column edits', () => {
  it('adds at an index, renames, flags done and moves', () => {
    const doc = newProject();
    addColumn(doc, { id: 'review', name: 'Review', index: 2 }, ctx());
    expect(columnNames(doc)).toEqual(['To do', 'In progress', 'Review', 'Done']);
    updateColumn(doc, 'review', { name: 'In review', done: false }, ctx());
    moveColumn(doc, 'review', 0, ctx());
    expect(columnNames(doc)).toEqual(['In review', 'To do', 'In progress', 'Done']);
    moveColumn(doc, 'review', 99, ctx());
    expect(columnNames(doc)).toEqual(['To do', 'In progress', 'Done', 'In review']);
    addColumn(doc, { id: 'icebox', name: 'Icebox' }, ctx());
    expect(columnNames(doc).at(-1)).toBe('Icebox');
  });

  it('moves the cards of a removed column to the end of another, in order', () => {
    const doc = newProject();
    createTask(doc, { id: 't1', title: 'One' }, ctx());
    createTask(doc, { id: 'd1', title: 'Doing 1', columnId: 'doing' }, ctx());
    createTask(doc, { id: 'd2', title: 'Doing 2', columnId: 'doing' }, ctx());
    removeColumn(doc, 'doing', {}, ctx()); // default: the column before it
    expect(columnNames(doc)).toEqual(['To do', 'Done']);
    expect(cardIds(doc)).toEqual([['t1', 'd1', 'd2'], []]);
    removeColumn(doc, 'todo', { into: 'done' }, ctx());
    expect(cardIds(doc)).toEqual([['t1', 'd1', 'd2']]);
    expect(readBoard(doc).columns[0]?.tasks[0]?.completedAt).toBeNull(); // completion kept
  });

  it('refuses to remove the last column, or into itself or a missing column', () => {
    const doc = newProject();
    expect(codeOf(() => removeColumn(doc, 'todo', { into: 'todo' }, ctx()))).toBe('invalid-input');
    expect(codeOf(() => removeColumn(doc, 'todo', { into: 'nope' }, ctx()))).toBe(
      'column-not-found',
    );
    removeColumn(doc, 'todo', {}, ctx());
    removeColumn(doc, 'doing', {}, ctx());
    expect(codeOf(() => removeColumn(doc, 'done', {}, ctx()))).toBe('last-column');
    expect(codeOf(() => updateColumn(doc, 'todo', { name: 'x' }, ctx()))).toBe('column-not-found');
  });

  it('sends a card moved into a column that was removed concurrently to where its cards went', () => {
    const a = newProject(1);
    createTask(a, { id: 't1', title: 'One' }, ctx());
    const b = replica(a, 2);
    removeColumn(a, 'doing', { into: 'done' }, ctx('alice'));
    moveTask(b, 't1', { columnId: 'doing', index: 0 }, ctx('bob'));
    syncAll(a, b);
    expect(cardIds(a)).toEqual([[], ['t1']]);
    expect(readBoard(a)).toEqual(readBoard(b));
  });

  it('keeps every card visible when concurrent removals leave no live column', () => {
    const a = newProject(1);
    removeColumn(a, 'todo', {}, ctx());
    createTask(a, { id: 't1', title: 'One', columnId: 'doing' }, ctx());
    createTask(a, { id: 't2', title: 'Two', columnId: 'done' }, ctx());
    const b = replica(a, 2);
    removeColumn(a, 'doing', { into: 'done' }, ctx('alice'));
    removeColumn(b, 'done', { into: 'doing' }, ctx('bob'));
    syncAll(a, b);
    const board = readBoard(a);
    expect(board).toEqual(readBoard(b));
    expect(board.columns.flatMap((column) => column.tasks.map((task) => task.id)).sort()).toEqual([
      't1',
      't2',
    ]);
  });
});

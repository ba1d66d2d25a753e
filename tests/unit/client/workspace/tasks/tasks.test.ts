import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addChecklistItem,
  addLink,
  addSubtask,
  assign,
  completeTask,
  createTask,
  deleteTask,
  readBoard,
  readSubtasks,
  readTask,
  removeChecklistItem,
  removeLink,
  subtaskProgress,
  TaskModelError,
  toggleChecklistItem,
  unassign,
  updateTask,
} from '../../../../../client/src/workspace/tasks/index.js';
import { ctx, newProject, replica, syncAll, T0 } from './helpers.js';

function codeOf(run: () => void): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof TaskModelError) return error.code;
    throw error;
  }
  return undefined;
}

const berlin = (date: string, time?: string) => ({
  date,
  ...(time === undefined ? {} : { time }),
  timeZone: 'Europe/Berlin',
});

describe('createTask and readTask', () => {
  it('stores every field and reads it back as plain data', () => {
    const doc = newProject();
    createTask(
      doc,
      {
        id: 'pitch',
        title: '  Write the pitch  ',
        description: 'First line\nSecond line',
        assignees: ['bob', 'alice', 'bob'],
        labels: ['writing'],
        priority: 'high',
        due: berlin('2026-03-10', '17:00'),
        start: berlin('2026-03-05'),
        reminders: [60, 0],
        source: { kind: 'chat', room: 'ch-general', messageId: 'm42' },
      },
      ctx('carol'),
    );
    expect(readTask(doc, 'pitch')).toEqual({
      id: 'pitch',
      title: 'Write the pitch',
      description: 'First line\nSecond line',
      columnId: 'todo',
      key: expect.any(String) as string,
      completedAt: null,
      completedBy: null,
      assignees: ['alice', 'bob'],
      labels: ['writing'],
      priority: 'high',
      due: berlin('2026-03-10', '17:00'),
      deadline: Date.UTC(2026, 2, 10, 16, 0),
      start: berlin('2026-03-05'),
      parentId: null,
      subtasks: { done: 0, total: 0 },
      checklist: [],
      links: [],
      source: { kind: 'chat', room: 'ch-general', messageId: 'm42' },
      recurrence: null,
      seriesId: null,
      reminders: [60, 0],
      createdBy: 'carol',
      createdAt: T0,
    });
    expect(readTask(doc, 'missing')).toBeUndefined();
  });

  it('keeps the description as a Y.XmlFragment of paragraphs for the editor', () => {
    const doc = newProject();
    createTask(doc, { id: 't', title: 'T', description: 'a\n\nb' }, ctx());
    const fragment = doc.getMap<Y.Map<unknown>>('tasks').get('t')?.get('description');
    expect(fragment).toBeInstanceOf(Y.XmlFragment);
    expect((fragment as Y.XmlFragment).toString()).toBe(
      '<paragraph>a</paragraph><paragraph></paragraph><paragraph>b</paragraph>',
    );
    expect(readTask(doc, 't')?.description).toBe('a\n\nb');
  });

  it('places new cards at the end or at an index, and into a done column as completed', () => {
    const doc = newProject();
    for (const id of ['a', 'b', 'c']) createTask(doc, { id, title: id }, ctx());
    createTask(doc, { id: 'first', title: 'first', index: 0 }, ctx());
    createTask(doc, { id: 'shipped', title: 'shipped', columnId: 'done' }, ctx());
    const [todo, , done] = readBoard(doc).columns;
    expect(todo?.tasks.map((task) => task.id)).toEqual(['first', 'a', 'b', 'c']);
    expect(done?.tasks[0]?.completedAt).toBe(T0);
  });

  it('validates input and refuses duplicates', () => {
    const doc = newProject();
    createTask(doc, { id: 't', title: 'T' }, ctx());
    expect(codeOf(() => createTask(doc, { id: 't', title: 'Again' }, ctx()))).toBe('invalid-input');
    expect(codeOf(() => createTask(doc, { id: 'x', title: '' }, ctx()))).toBe('invalid-input');
    expect(codeOf(() => createTask(doc, { id: 'has space', title: 'x' }, ctx()))).toBe(
      'invalid-input',
    );
    expect(
      codeOf(() =>
        createTask(
          doc,
          { id: 'x', title: 'x', due: { date: '2026-02-30', timeZone: 'UTC' } },
          ctx(),
        ),
      ),
    ).toBe('invalid-input');
    expect(
      codeOf(() =>
        createTask(
          doc,
          { id: 'x', title: 'x', due: { date: '2026-02-03', timeZone: 'Nowhere' } },
          ctx(),
        ),
      ),
    ).toBe('invalid-input');
    expect(
      codeOf(() => createTask(doc, { id: 'x', title: 'x', recurrence: { freq: 'daily' } }, ctx())),
    ).toBe('recurrence-needs-due-date');
    expect(codeOf(() => createTask(doc, { id: 'x', title: 'x', columnId: 'nope' }, ctx()))).toBe(
      'column-not-found',
    );
    expect(readBoard(doc).columns[0]?.tasks).toHaveLength(1);
  });
});

describe('updateTask, assignees, links', () => {
  it('changes plain fields and leaves the rest alone', () => {
    const doc = newProject();
    createTask(doc, { id: 't', title: 'T', labels: ['a', 'b'] }, ctx());
    updateTask(
      doc,
      't',
      { title: 'New', priority: 'urgent', due: berlin('2026-03-31'), labels: ['b', 'c'] },
      ctx(),
    );
    updateTask(doc, 't', { recurrence: { freq: 'monthly' } }, ctx());
    const task = readTask(doc, 't');
    expect(task).toMatchObject({ title: 'New', priority: 'urgent', labels: ['b', 'c'] });
    expect(task?.recurrence).toEqual({ freq: 'monthly', interval: 1, dayOfMonth: 31 });
    expect(codeOf(() => updateTask(doc, 't', { due: null }, ctx()))).toBe(
      'recurrence-needs-due-date',
    );
    updateTask(doc, 't', { due: null, recurrence: null }, ctx());
    expect(readTask(doc, 't')).toMatchObject({ due: null, deadline: null, recurrence: null });
    expect(codeOf(() => updateTask(doc, 'nope', { title: 'x' }, ctx()))).toBe('task-not-found');
  });

  it('merges concurrent label edits and concurrent assignments of the same person', () => {
    const a = newProject(1);
    createTask(a, { id: 't', title: 'T', labels: ['x'] }, ctx());
    const b = replica(a, 2);
    updateTask(a, 't', { labels: ['x', 'from-a'] }, ctx('alice'));
    updateTask(b, 't', { labels: ['x', 'from-b'] }, ctx('bob'));
    assign(a, 't', 'carol', ctx('alice'));
    assign(b, 't', 'carol', ctx('bob'));
    assign(b, 't', 'dan', ctx('bob'));
    syncAll(a, b);
    expect(readTask(a, 't')?.labels).toEqual(['from-a', 'from-b', 'x']);
    expect(readTask(a, 't')?.assignees).toEqual(['carol', 'dan']);
    unassign(a, 't', 'carol', ctx());
    syncAll(a, b);
    expect(readTask(b, 't')?.assignees).toEqual(['dan']);
  });

  it('adds and removes links', () => {
    const doc = newProject();
    createTask(doc, { id: 't', title: 'T' }, ctx());
    addLink(doc, 't', { id: 'spec', link: { kind: 'doc', room: 'doc-spec', anchor: 'h2' } }, ctx());
    addLink(doc, 't', { id: 'web', link: { kind: 'url', url: 'https://example.org/a' } }, ctx());
    expect(readTask(doc, 't')?.links.map((link) => link.id)).toEqual(['spec', 'web']);
    removeLink(doc, 't', 'spec', ctx());
    expect(readTask(doc, 't')?.links).toEqual([
      { id: 'web', link: { kind: 'url', url: 'https://example.org/a' } },
    ]);
    for (const url of ['not a url', 'javascript:alert(1)', 'ftp://example.org/a']) {
      const link = { kind: 'url', url } as const;
      expect(codeOf(() => addLink(doc, 't', { id: 'bad', link }, ctx()))).toBe('invalid-input');
    }
  });
});

describe('checklist', () => {
  it('adds, toggles and removes items; concurrent additions both survive', () => {
    const a = newProject(1);
    createTask(a, { id: 't', title: 'T' }, ctx());
    addChecklistItem(a, 't', { id: 'c1', text: 'Outline' }, ctx());
    addChecklistItem(a, 't', { id: 'c0', text: 'Research', index: 0 }, ctx());
    toggleChecklistItem(a, 't', 'c1', ctx());
    expect(readTask(a, 't')?.checklist).toEqual([
      { id: 'c0', text: 'Research', done: false },
      { id: 'c1', text: 'Outline', done: true },
    ]);
    toggleChecklistItem(a, 't', 'c1', ctx(), true);
    expect(readTask(a, 't')?.checklist[1]?.done).toBe(true);
    toggleChecklistItem(a, 't', 'c1', ctx());
    expect(readTask(a, 't')?.checklist[1]?.done).toBe(false);

    const b = replica(a, 2);
    addChecklistItem(a, 't', { id: 'ca', text: 'From A' }, ctx('alice'));
    addChecklistItem(b, 't', { id: 'cb', text: 'From B' }, ctx('bob'));
    removeChecklistItem(b, 't', 'c0', ctx('bob'));
    syncAll(a, b);
    expect(
      readTask(a, 't')
        ?.checklist.map((item) => item.id)
        .sort(),
    ).toEqual(['c1', 'ca', 'cb']);
    expect(readTask(a, 't')).toEqual(readTask(b, 't'));
    expect(codeOf(() => toggleChecklistItem(a, 't', 'nope', ctx()))).toBe('invalid-input');
    expect(codeOf(() => removeChecklistItem(a, 't', 'nope', ctx()))).toBe('invalid-input');
    createTask(a, { id: 'empty', title: 'No checklist yet' }, ctx());
    const before = Y.encodeStateVector(a);
    expect(codeOf(() => toggleChecklistItem(a, 'empty', 'nope', ctx()))).toBe('invalid-input');
    expect(Y.encodeStateVector(a)).toEqual(before); // a refused edit writes nothing
  });
});

describe('subtasks', () => {
  it('lists subtasks under their parent with progress, not as cards', () => {
    const doc = newProject();
    createTask(doc, { id: 'p', title: 'Parent' }, ctx());
    addSubtask(doc, 'p', { id: 's1', title: 'One', assignees: ['bob'] }, ctx());
    addSubtask(doc, 'p', { id: 's2', title: 'Two' }, ctx());
    addSubtask(doc, 's1', { id: 's1a', title: 'Nested' }, ctx());
    completeTask(doc, 's2', ctx());
    expect(readBoard(doc).columns[0]?.tasks.map((task) => task.id)).toEqual(['p']);
    expect(readSubtasks(doc, 'p').map((task) => [task.id, task.completedAt !== null])).toEqual([
      ['s1', false],
      ['s2', true],
    ]);
    expect(subtaskProgress(doc, 'p')).toEqual({ done: 1, total: 2 });
    expect(readTask(doc, 'p')?.subtasks).toEqual({ done: 1, total: 2 });
    expect(readTask(doc, 's1')).toMatchObject({ parentId: 'p', subtasks: { done: 0, total: 1 } });
    expect(readTask(doc, 's2')?.columnId).toBe('todo'); // a subtask keeps its place
  });

  it('deletes a task with its subtasks; one added concurrently offline shows as a card', () => {
    const a = newProject(1);
    createTask(a, { id: 'p', title: 'Parent' }, ctx());
    addSubtask(a, 'p', { id: 's1', title: 'One' }, ctx());
    const b = replica(a, 2);
    deleteTask(a, 'p', ctx('alice'));
    expect(readTask(a, 's1')).toBeUndefined();
    addSubtask(b, 'p', { id: 'late', title: 'Added offline' }, ctx('bob'));
    syncAll(a, b);
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(readBoard(a).columns[0]?.tasks.map((task) => task.id)).toEqual(['late']);
  });
});

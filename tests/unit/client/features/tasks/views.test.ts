import { describe, expect, it } from 'vitest';
import {
  createTask,
  moveTask,
  readBoard,
  updateTask,
} from '../../../../../client/src/workspace/tasks/index.js';
import {
  dropIndex,
  keyboardTarget,
  slotAt,
  slotTop,
} from '../../../../../client/src/features/tasks/views/board-moves.js';
import { listRows } from '../../../../../client/src/features/tasks/views/list-rows.js';
import {
  barPosition,
  dayNumber,
  timelineBars,
} from '../../../../../client/src/features/tasks/views/timeline-bars.js';
import {
  loadReminderState,
  REMINDER_KEY_PREFIX,
  saveReminderState,
} from '../../../../../client/src/workspace/reminder-store.js';
import { EMPTY_REMINDER_STATE } from '../../../../../client/src/workspace/tasks/index.js';
import { ctx, newProject } from '../../workspace/tasks/helpers.js';

function project(titles: string[]) {
  const doc = newProject();
  for (const [i, title] of titles.entries()) createTask(doc, { id: `t${i}`, title }, ctx());
  return doc;
}

const titlesIn = (doc: ReturnType<typeof newProject>, column: string) =>
  readBoard(doc)
    .columns.find((c) => c.id === column)
    ?.tasks.map((t) => t.title);

describe('board moves', () => {
  it('turns a drop slot into moveTask’s index among the other cards, both directions', () => {
    const doc = project(['A', 'B', 'C', 'D']);
    // Drag A (slot 0) to just above D (slot 3): among the others it goes to index 2.
    moveTask(
      doc,
      't0',
      { columnId: 'todo', index: dropIndex(readBoard(doc), 't0', 'todo', 3) },
      ctx(),
    );
    expect(titlesIn(doc, 'todo')).toEqual(['B', 'C', 'A', 'D']);
    // Drag D up to the top.
    moveTask(
      doc,
      't3',
      { columnId: 'todo', index: dropIndex(readBoard(doc), 't3', 'todo', 0) },
      ctx(),
    );
    expect(titlesIn(doc, 'todo')).toEqual(['D', 'B', 'C', 'A']);
    // Dropping a card onto its own place changes nothing.
    const before = titlesIn(doc, 'todo');
    moveTask(
      doc,
      't1',
      { columnId: 'todo', index: dropIndex(readBoard(doc), 't1', 'todo', 1) },
      ctx(),
    );
    expect(titlesIn(doc, 'todo')).toEqual(before);
  });

  it('[TASKS3] maps pointer offsets to slots over cards of different heights', () => {
    // A one-line card, a tall card, a one-line card.
    const rows = [
      { index: 0, start: 0, size: 60 },
      { index: 1, start: 60, size: 140 },
      { index: 2, start: 200, size: 60 },
    ];
    expect(slotAt(-50, rows, 3)).toBe(0);
    expect(slotAt(29, rows, 3)).toBe(0);
    expect(slotAt(31, rows, 3)).toBe(1);
    expect(slotAt(125, rows, 3)).toBe(1);
    expect(slotAt(135, rows, 3)).toBe(2);
    expect(slotAt(900, rows, 3)).toBe(3);
    expect(slotAt(10, [], 0)).toBe(0);
    expect(slotTop(1, rows)).toBe(60);
    expect(slotTop(3, rows)).toBe(260);
  });

  it('moves with Alt+arrows within a column and to the end of neighbouring columns', () => {
    const doc = project(['A', 'B']);
    createTask(doc, { id: 'x', title: 'X', columnId: 'doing' }, ctx());
    const board = readBoard(doc);
    expect(keyboardTarget(board, 't0', 'up')).toBeNull();
    expect(keyboardTarget(board, 't0', 'down')).toEqual({ columnId: 'todo', index: 1 });
    expect(keyboardTarget(board, 't1', 'right')).toEqual({ columnId: 'doing', index: 1 });
    expect(keyboardTarget(board, 't0', 'left')).toBeNull();
    expect(keyboardTarget(board, 'missing', 'up')).toBeNull();
  });
});

describe('list rows', () => {
  it('filters by text, label and assignee, and sorts by due date with undated last', () => {
    const doc = project(['Write brief', 'Book venue', 'Send invites']);
    updateTask(
      doc,
      't1',
      { due: { date: '2026-03-05', timeZone: 'UTC' }, labels: ['events'] },
      ctx(),
    );
    updateTask(
      doc,
      't2',
      { due: { date: '2026-03-03', timeZone: 'UTC' }, priority: 'urgent' },
      ctx(),
    );
    const board = readBoard(doc);
    const titles = (rows: ReturnType<typeof listRows>) => rows.map((r) => r.task.title);
    expect(titles(listRows(board, { query: '', assignee: null, sort: 'due' }))).toEqual([
      'Send invites',
      'Book venue',
      'Write brief',
    ]);
    expect(titles(listRows(board, { query: 'EVENT', assignee: null, sort: 'board' }))).toEqual([
      'Book venue',
    ]);
    expect(titles(listRows(board, { query: '', assignee: null, sort: 'priority' }))[0]).toBe(
      'Send invites',
    );
    expect(listRows(board, { query: '', assignee: 'nobody', sort: 'title' })).toEqual([]);
  });
});

describe('timeline bars', () => {
  it('spans start to due, shows one-date tasks as a day, and clips to the window', () => {
    const doc = project(['Plan', 'Ship', 'Undated']);
    updateTask(
      doc,
      't0',
      {
        start: { date: '2026-03-02', timeZone: 'UTC' },
        due: { date: '2026-03-06', timeZone: 'UTC' },
      },
      ctx(),
    );
    updateTask(doc, 't1', { due: { date: '2026-03-10', timeZone: 'UTC' } }, ctx());
    const bars = timelineBars(readBoard(doc));
    expect(bars.map((b) => [b.task.title, b.to - b.from + 1])).toEqual([
      ['Plan', 5],
      ['Ship', 1],
    ]);
    const first = dayNumber('2026-03-04');
    expect(barPosition(bars[0]!, first, 10)).toEqual({ left: 0, width: 30 });
    expect(barPosition(bars[1]!, first, 3)).toBeNull();
  });
});

describe('reminder state on the device', () => {
  it('round-trips, and corrupt or missing data starts over instead of failing', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const state = { fired: { 'p/t@1/0': 1 }, nudged: {}, snoozed: { 'p/t': 5 } };
    saveReminderState(storage, 'u1', state);
    expect(loadReminderState(storage, 'u1')).toEqual(state);
    expect(loadReminderState(storage, 'u2')).toEqual(EMPTY_REMINDER_STATE);
    store.set(`${REMINDER_KEY_PREFIX}u1`, '{not json');
    expect(loadReminderState(storage, 'u1')).toEqual(EMPTY_REMINDER_STATE);
    store.set(`${REMINDER_KEY_PREFIX}u1`, JSON.stringify({ fired: 'nope' }));
    expect(loadReminderState(storage, 'u1')).toEqual(EMPTY_REMINDER_STATE);
  });
});

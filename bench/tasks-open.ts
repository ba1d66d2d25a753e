/**
 * Opening a 10,000-task project: a board doc built with the real task model (in
 * 4 columns, with due dates, labels, assignees, checklists and subtasks), encoded as
 * the relay would send it, then opened by a fresh device. Compared in the same run
 * with the floor: only decoding the same Yjs update into a Y.Doc.
 *
 *   node --expose-gc --import tsx bench/tasks-open.ts      (BENCH_TASKS=20000 for more)
 *
 * The browser renders only the visible cards and rows (virtualized lists), so the
 * cost of opening a project is dominated by what is measured here: decoding and
 * building the board or list snapshot.
 */
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import {
  addChecklistItem,
  addSubtask,
  createProject,
  createTask,
  moveTask,
  readBoard,
  type EditContext,
} from '../client/src/workspace/tasks/index.js';
import { listRows } from '../client/src/features/tasks/views/list-rows.js';
import { fmt, markdownTable, mib, ms, percentile, progress } from './lib/report.js';

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ctx: EditContext = { by: 'u0', now: Date.UTC(2026, 10, 1) };

/** A project like a busy team's: 4 columns, every 10th task with subtasks and a checklist. */
function buildProject(): Uint8Array {
  const doc = new Y.Doc();
  createProject(doc, { name: 'Big project' }, ctx);
  const columns = ['todo', 'doing', 'done'];
  // One transaction per task, as people create them (and as the model's cache expects).
  {
    for (let i = 0; i < TASKS; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      createTask(
        doc,
        {
          id: `task-${i}`,
          title: `Task ${i}: ${['review', 'write', 'ship', 'plan'][i % 4]} the ${['deck', 'spec', 'build', 'budget'][i % 4]}`,
          columnId: columns[i % 3] ?? 'todo',
          assignees: [`u${i % 25}`],
          labels: [`label-${i % 12}`],
          priority: (['none', 'low', 'medium', 'high', 'urgent'] as const)[i % 5],
          due: { date: `2026-12-${day}`, timeZone: 'Europe/Berlin' },
          reminders: [60],
        },
        ctx,
      );
      if (i % 10 === 0) {
        addSubtask(doc, `task-${i}`, { id: `sub-${i}`, title: 'a subtask' }, ctx);
        addChecklistItem(doc, `task-${i}`, { id: `check-${i}`, text: 'check it' }, ctx);
      }
    }
  }
  return Y.encodeStateAsUpdate(doc);
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function median(fn: () => void): number {
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    gc();
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return percentile(samples, 50);
}

export function tasksOpen(): string {
  progress(`tasks-open: building a ${fmt(TASKS)}-task project with the model...`);
  const buildStart = performance.now();
  const update = buildProject();
  const buildMs = performance.now() - buildStart;

  const decode = () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    return doc;
  };
  progress('tasks-open: measuring...');
  const decodeMs = median(() => void decode());
  const boardMs = median(() => void readBoard(decode()));
  const listMs = median(() => {
    const board = readBoard(decode());
    listRows(board, { query: '', assignee: null, sort: 'due' });
  });
  const opened = decode();
  const readOnlyMs = median(() => void readBoard(opened));
  const moveMs = median(() => {
    moveTask(opened, 'task-5', { columnId: 'doing', index: 0 }, ctx);
    readBoard(opened);
  });

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const kept = decode();
  gc();
  const heapDoc = process.memoryUsage().heapUsed;
  const board = readBoard(kept);
  gc();
  const heapBoard = process.memoryUsage().heapUsed;
  if (board.columns.length === 0) throw new Error('empty board');

  const rows = [
    ['decode the Yjs update only (floor)', ms(decodeMs), '1.00x'],
    ['open the board: decode + readBoard', ms(boardMs), `${fmt(boardMs / decodeMs, 2)}x`],
    [
      'open the list: decode + readBoard + sort by due',
      ms(listMs),
      `${fmt(listMs / decodeMs, 2)}x`,
    ],
    ['re-read the board after a remote change (readBoard)', ms(readOnlyMs), ''],
    ['move a card + re-read the board (one drag and drop)', ms(moveMs), ''],
  ];
  return [
    `### Opening a ${fmt(TASKS)}-task project (median of ${ROUNDS}; update ${mib(update.length)}, built in ${ms(buildMs)})`,
    '',
    markdownTable(['step', 'time', 'vs decode'], rows),
    '',
    `Memory: the decoded doc holds ${mib(heapDoc - heapBefore)} of heap; the board snapshot adds ${mib(heapBoard - heapDoc)}.`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${tasksOpen()}\n`);
}

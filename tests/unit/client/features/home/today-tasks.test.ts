import { describe, expect, it } from 'vitest';
import { todayTasks } from '../../../../../client/src/features/home/model/today-tasks.js';
import {
  completeTask,
  createTask,
  projectName,
  readAllTasks,
  type ProjectTask,
} from '../../../../../client/src/workspace/tasks/index.js';
import { ctx, newProject } from '../../workspace/tasks/helpers.js';

const NOW = Date.UTC(2026, 2, 4, 11, 0); // Wednesday 4 March 2026: 12:00 Berlin, 06:00 New York, 20:00 Tokyo
const due = (date: string, timeZone: string, time?: string) => ({
  date,
  timeZone,
  ...(time === undefined ? {} : { time }),
});

function tasks(): ProjectTask[] {
  const doc = newProject(1, 'Launch');
  const mine = { assignees: ['me'] };
  const add = (id: string, title: string, date?: ReturnType<typeof due>) =>
    createTask(doc, { ...mine, id, title, ...(date ? { due: date } : {}) }, ctx());
  add('yesterday', 'Pay invoices', due('2026-03-03', 'Europe/Berlin'));
  add('morning', 'Stand-up notes', due('2026-03-04', 'Europe/Berlin', '09:00'));
  add('late-berlin', 'Ship the release', due('2026-03-04', 'Europe/Berlin', '23:30'));
  add('all-day-tokyo', 'Call the printer', due('2026-03-04', 'Asia/Tokyo'));
  add('tomorrow', 'Plan the offsite', due('2026-03-05', 'Europe/Berlin'));
  add('someday', 'Read the book');
  createTask(
    doc,
    { id: 'theirs', title: 'Not mine', assignees: ['you'], due: due('2026-03-04', 'UTC') },
    ctx(),
  );
  add('done', 'Finished', due('2026-03-04', 'Europe/Berlin'));
  completeTask(doc, 'done', ctx());
  return readAllTasks(doc).map((task) => ({
    projectId: 'launch',
    projectName: projectName(doc),
    task,
  }));
}

const view = (zone: string, limit?: number) => {
  const result = todayTasks(tasks(), 'me', NOW, zone, limit);
  return { shown: result.shown.map((t) => [t.task.id, t.when]), more: result.more };
};

describe("Home's today's tasks", () => {
  it('[HOME1] lists my overdue tasks, then those due today, with when each is due', () => {
    expect(view('Europe/Berlin')).toEqual({
      shown: [
        ['yesterday', '1 day overdue'],
        ['morning', 'Was due at 09:00'],
        ['all-day-tokyo', 'Due today'],
        ['late-berlin', 'Due at 23:30'],
      ],
      more: 0,
    });
  });

  it("[HOME1] decides 'today' in the viewer's zone for timed tasks and by the date for all-day ones", () => {
    // 23:30 in Berlin is 17:30 in New York, still the 4th; in Tokyo it is 07:30 on the 5th.
    expect(view('America/New_York').shown).toEqual([
      ['yesterday', '1 day overdue'],
      ['morning', 'Was due at 03:00'],
      ['all-day-tokyo', 'Due today'],
      ['late-berlin', 'Due at 17:30'],
    ]);
    expect(view('Asia/Tokyo').shown).toEqual([
      ['yesterday', '1 day overdue'],
      ['morning', 'Was due at 17:00'],
      ['all-day-tokyo', 'Due today'],
    ]);
  });

  it('[HOME1] shows at most `limit` and counts the rest', () => {
    expect(view('Europe/Berlin', 2)).toEqual({
      shown: [
        ['yesterday', '1 day overdue'],
        ['morning', 'Was due at 09:00'],
      ],
      more: 2,
    });
  });

  it('links each task to its dialog on the board', () => {
    const [first] = todayTasks(tasks(), 'me', NOW, 'UTC').shown;
    expect(first?.href).toBe('/tasks/launch?task=yesterday');
  });
});

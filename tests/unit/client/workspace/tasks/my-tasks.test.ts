import { describe, expect, it } from 'vitest';
import {
  completeTask,
  createTask,
  groupMyTasks,
  myTasks,
  readAllTasks,
  type MyTasks,
} from '../../../../../client/src/workspace/tasks/index.js';
import { addSubtask } from '../../../../../client/src/workspace/tasks/subtasks.js';
import { ctx, newProject } from './helpers.js';

const NOW = Date.UTC(2026, 2, 4, 11, 0); // Wednesday 4 March 2026, 12:00 in Berlin
const BERLIN = 'Europe/Berlin';

const idsOf = (groups: MyTasks) => ({
  overdue: groups.overdue.map((entry) => entry.task.id),
  today: groups.today.map((entry) => entry.task.id),
  thisWeek: groups.thisWeek.map((entry) => entry.task.id),
  later: groups.later.map((entry) => entry.task.id),
});

function twoProjects() {
  const launch = newProject(1, 'Launch');
  const ops = newProject(2, 'Ops');
  const mine = { assignees: ['me'] };
  const due = (date: string, time?: string) => ({
    date,
    ...(time === undefined ? {} : { time }),
    timeZone: BERLIN,
  });
  createTask(launch, { ...mine, id: 'late-yesterday', title: 'A', due: due('2026-03-03') }, ctx());
  createTask(
    launch,
    { ...mine, id: 'this-morning', title: 'B', due: due('2026-03-04', '09:00') },
    ctx(),
  );
  createTask(
    launch,
    { ...mine, id: 'tonight', title: 'C', due: due('2026-03-04', '20:00') },
    ctx(),
  );
  createTask(ops, { ...mine, id: 'all-day-today', title: 'D', due: due('2026-03-04') }, ctx());
  createTask(ops, { ...mine, id: 'sunday', title: 'E', due: due('2026-03-08', '10:00') }, ctx());
  createTask(ops, { ...mine, id: 'next-monday', title: 'F', due: due('2026-03-09') }, ctx());
  createTask(ops, { ...mine, id: 'someday', title: 'G' }, ctx());
  createTask(
    ops,
    { id: 'not-mine', title: 'H', assignees: ['you'], due: due('2026-03-04') },
    ctx(),
  );
  createTask(ops, { ...mine, id: 'finished', title: 'I', due: due('2026-03-01') }, ctx());
  completeTask(ops, 'finished', ctx());
  addSubtask(
    launch,
    'tonight',
    { ...mine, id: 'sub-friday', title: 'J', due: due('2026-03-06') },
    ctx(),
  );
  return [
    { projectId: 'launch', doc: launch },
    { projectId: 'ops', doc: ops },
  ];
}

describe('myTasks', () => {
  it("groups one person's open tasks across projects into overdue / today / this week / later", () => {
    const groups = myTasks(twoProjects(), 'me', NOW, BERLIN);
    expect(idsOf(groups)).toEqual({
      overdue: ['late-yesterday', 'this-morning'],
      today: ['tonight', 'all-day-today'],
      thisWeek: ['sub-friday', 'sunday'],
      later: ['next-monday', 'someday'],
    });
    expect(groups.today[1]).toMatchObject({ projectId: 'ops', projectName: 'Ops' });
  });

  it('uses the viewer time zone for timed tasks and the calendar date for all-day ones', () => {
    // 12:00 in Berlin is 06:00 in New York; 20:00 Berlin is 14:00 the same day there.
    const inNewYork = idsOf(myTasks(twoProjects(), 'me', NOW, 'America/New_York'));
    expect(inNewYork.today).toEqual(['tonight', 'all-day-today']);
    // In Tokyo it is already 20:00: the 20:00 Berlin task (04:00 Thursday there) is tomorrow.
    const inTokyo = idsOf(myTasks(twoProjects(), 'me', NOW, 'Asia/Tokyo'));
    expect(inTokyo.today).toEqual(['all-day-today']);
    expect(inTokyo.thisWeek).toEqual(['tonight', 'sub-friday', 'sunday']);
  });

  it('ends the week on the chosen first day', () => {
    // Weeks starting Sunday: Sunday 8 March belongs to next week.
    const sundayFirst = idsOf(myTasks(twoProjects(), 'me', NOW, BERLIN, { weekStartsOn: 0 }));
    expect(sundayFirst.thisWeek).toEqual(['sub-friday']);
    expect(sundayFirst.later).toEqual(['sunday', 'next-monday', 'someday']);
  });

  it('sorts within a day by time, then priority', () => {
    const doc = newProject();
    const due = { date: '2026-03-05', timeZone: BERLIN };
    createTask(doc, { id: 'low', title: 'x', assignees: ['me'], due, priority: 'low' }, ctx());
    createTask(
      doc,
      { id: 'urgent', title: 'x', assignees: ['me'], due, priority: 'urgent' },
      ctx(),
    );
    const tasks = readAllTasks(doc).map((task) => ({ projectId: 'p', projectName: 'P', task }));
    expect(idsOf(groupMyTasks(tasks, 'me', NOW, BERLIN)).thisWeek).toEqual(['urgent', 'low']);
  });
});

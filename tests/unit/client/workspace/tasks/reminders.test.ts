import { describe, expect, it } from 'vitest';
import {
  dueReminders,
  EMPTY_REMINDER_STATE,
  ReminderState,
  snoozeReminder,
  type ReminderTask,
} from '../../../../../client/src/workspace/tasks/index.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DEADLINE = Date.UTC(2026, 2, 10, 16, 0); // Tuesday 10 March, 17:00 in Berlin
const options = { timeZone: 'Europe/Berlin' } as const;

function task(overrides: Partial<ReminderTask['task']> = {}): ReminderTask {
  return {
    projectId: 'launch',
    task: {
      id: 'pitch',
      title: 'Write the pitch',
      assignees: ['bob'],
      completedAt: null,
      deadline: DEADLINE,
      reminders: [24 * 60, 60, 0],
      ...overrides,
    },
  };
}

/** Runs dueReminders at each time in turn, carrying the state, and lists what fired when. */
function timeline(
  tasks: ReminderTask[],
  user: string,
  times: number[],
  state = EMPTY_REMINDER_STATE,
) {
  const fired: Array<[number, string]> = [];
  let current = state;
  for (const now of times) {
    const result = dueReminders(tasks, user, now, current, options);
    current = ReminderState.parse(JSON.parse(JSON.stringify(result.state))); // stored as JSON
    for (const reminder of result.reminders) {
      fired.push([
        now,
        reminder.kind === 'before-due' ? `before ${reminder.minutesBefore}` : 'overdue',
      ]);
    }
  }
  return { fired, state: current };
}

describe('dueReminders', () => {
  it('fires each offset once, for the assignee only', () => {
    const times = [-25, -24, -23, -1, -0.5, 0, 0.5].map((h) => DEADLINE + h * HOUR);
    expect(timeline([task()], 'bob', times).fired).toEqual([
      [DEADLINE - 24 * HOUR, 'before 1440'],
      [DEADLINE - HOUR, 'before 60'],
      [DEADLINE, 'before 0'],
    ]);
    expect(timeline([task()], 'alice', times).fired).toEqual([]);
    expect(timeline([task({ completedAt: DEADLINE - 30 * HOUR })], 'bob', times).fired).toEqual([]);
    expect(timeline([task({ deadline: null })], 'bob', times).fired).toEqual([]);
  });

  it('after a long sleep shows only the reminder closest to the deadline', () => {
    expect(timeline([task()], 'bob', [DEADLINE - 10 * MIN]).fired).toEqual([
      [DEADLINE - 10 * MIN, 'before 60'],
    ]);
  });

  it('re-arms when the due date moves', () => {
    const first = timeline([task()], 'bob', [DEADLINE - HOUR]);
    const moved = task({ deadline: DEADLINE + 24 * HOUR });
    expect(timeline([moved], 'bob', [DEADLINE + 23 * HOUR], first.state).fired).toEqual([
      [DEADLINE + 23 * HOUR, 'before 60'],
    ]);
  });

  it('nudges an overdue task once a day, from 09:00 local on the day after', () => {
    const at = (day: number, hourUtc: number) => Date.UTC(2026, 2, day, hourUtc, 0);
    const times = [
      at(10, 18), // 19:00 the same evening: overdue, but its day is not over
      at(11, 6), // 07:00 next day: too early
      at(11, 8), // 09:00: nudge
      at(11, 15), // later that day: no second nudge
      at(12, 9), // next day: nudge again
    ];
    const quiet = task({ reminders: [] });
    expect(timeline([quiet], 'bob', times).fired).toEqual([
      [at(11, 8), 'overdue'],
      [at(12, 9), 'overdue'],
    ]);
  });

  it('stays silent while snoozed, then fires once', () => {
    const nudgeDay = Date.UTC(2026, 2, 11, 8, 0);
    const first = timeline([task()], 'bob', [nudgeDay]);
    expect(first.fired).toEqual([[nudgeDay, 'overdue']]);
    const snoozed = snoozeReminder(first.state, 'launch', 'pitch', Date.UTC(2026, 2, 13, 14, 0));
    const later = [12, 13].flatMap((day) =>
      [8, 13, 14, 15].map((h) => Date.UTC(2026, 2, day, h, 0)),
    );
    expect(timeline([task()], 'bob', later, snoozed).fired).toEqual([
      [Date.UTC(2026, 2, 13, 14, 0), 'overdue'],
    ]);
  });

  it('a snoozed pre-due reminder comes back before the deadline', () => {
    const start = timeline([task()], 'bob', [DEADLINE - 24 * HOUR]);
    const snoozed = snoozeReminder(start.state, 'launch', 'pitch', DEADLINE - 3 * HOUR);
    const result = timeline([task()], 'bob', [DEADLINE - 4 * HOUR, DEADLINE - 3 * HOUR], snoozed);
    expect(result.fired).toEqual([[DEADLINE - 3 * HOUR, 'before 180']]);
    expect(result.state.snoozed).toEqual({});
  });

  it('keeps its state small', () => {
    const times = [-1, 0, 25, 49].map((h) => DEADLINE + h * HOUR);
    const { state } = timeline(
      [task(), task({ id: 'other', deadline: DEADLINE + 1000 * HOUR })],
      'bob',
      times,
    );
    expect(state.fired).toEqual({}); // the other task's offsets have not come yet
    expect(Object.keys(state.nudged)).toEqual(['launch/pitch']);
    const done = snoozeReminder(state, 'launch', 'gone', DEADLINE);
    expect(dueReminders([], 'bob', DEADLINE + HOUR, done, options).state.snoozed).toEqual({});
  });
});

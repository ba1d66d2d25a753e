import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { reminderTasks } from '../../../../../client/src/features/calendar/event-reminders.js';
import { createEvent, expandAll, readCalendar } from '../../../../../shared/calendar/index.js';
import {
  dueReminders,
  EMPTY_REMINDER_STATE,
} from '../../../../../client/src/workspace/tasks/reminders.js';

const MIN = 60_000;

describe('event reminders', () => {
  it('[CAL36] fire once at start minus N minutes for the organiser and invited people, not for others or decliners', () => {
    const doc = new Y.Doc();
    const base = {
      organizer: 'ann',
      reminders: [10],
      attendees: [
        { kind: 'person' as const, id: 'bob' },
        { kind: 'person' as const, id: 'cy' },
      ],
    };
    createEvent(
      doc,
      {
        ...base,
        id: 'e1',
        title: 'Standup',
        time: {
          kind: 'timed',
          start: '2026-12-01T09:00',
          end: '2026-12-01T09:30',
          timeZone: 'UTC',
        },
        answers: { cy: { answer: 'no' } },
      },
      { by: 'ann', now: 0 },
    );
    const start = Date.parse('2026-12-01T09:00:00Z');
    const occurrences = expandAll(
      readCalendar(doc).events,
      { start: start - 86_400_000, end: start + 86_400_000 },
      'UTC',
    );
    const run = (person: string, now: number, state = EMPTY_REMINDER_STATE) =>
      dueReminders(reminderTasks('cal', occurrences, person, now), person, now, state, {
        timeZone: 'UTC',
      });

    expect(run('ann', start - 11 * MIN).reminders).toEqual([]);
    const due = run('ann', start - 10 * MIN);
    expect(due.reminders).toMatchObject([
      { kind: 'before-due', title: 'Standup', minutesBefore: 10 },
    ]);
    expect(run('ann', start - 9 * MIN, due.state).reminders).toEqual([]);
    expect(run('bob', start - 5 * MIN).reminders).toHaveLength(1);
    expect(run('cy', start - 5 * MIN).reminders).toEqual([]);
    expect(run('dan', start - 5 * MIN).reminders).toEqual([]);
    // Long past: nothing, and no "overdue" nudge as tasks have.
    expect(run('ann', start + 2 * 86_400_000).reminders).toEqual([]);
  });
});

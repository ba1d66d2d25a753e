import { describe, expect, it } from 'vitest';
import {
  actionItemOf,
  dueDate,
  matchPerson,
  outlineNotes,
} from '../../../../shared/calendar/action-items.js';
import { notesLines } from '../../../../shared/calendar/notes-lines.js';

// 2026-12-02 is a Wednesday.
const MEETING = '2026-12-02';

describe('meeting notes outline', () => {
  it('[CAL72] finds action items by TODO, checkbox, Action: and @name will, and nothing else', () => {
    const { actions, decisions } = outlineNotes(
      [
        'Agenda: budget',
        'TODO: book the room',
        '- [ ] write the minutes',
        '- [x] send the agenda',
        'Action item - call the printer',
        '@bob will send the report by Friday.',
        '1. @Ann: check the numbers due tomorrow',
        'Todos are a trap',
        'We talked about @carol at length',
        'Decision: ship on Monday',
        '* Agreed - no meeting next week',
        'TODO',
      ],
      MEETING,
    );
    expect(actions.map((a) => [a.title, a.mention, a.due])).toEqual([
      ['Book the room', null, null],
      ['Write the minutes', null, null],
      ['Call the printer', null, null],
      ['Send the report', 'bob', '2026-12-04'],
      ['Check the numbers', 'Ann', '2026-12-03'],
    ]);
    expect(decisions).toEqual(['Ship on Monday', 'No meeting next week']);
  });

  it('[CAL73] reads due days from the meeting date: a weekday is the next one after it', () => {
    expect(dueDate('Wednesday', MEETING)).toBe('2026-12-09');
    expect(dueDate('monday', MEETING)).toBe('2026-12-07');
    expect(dueDate('today', MEETING)).toBe(MEETING);
    expect(dueDate('2027-01-15', MEETING)).toBe('2027-01-15');
    expect(dueDate('2027-02-30', MEETING)).toBeNull();
    expect(actionItemOf('TODO ask @dave before 2027-01-15', MEETING)).toEqual({
      line: 'TODO ask @dave before 2027-01-15',
      title: 'Ask @dave',
      mention: 'dave',
      due: '2027-01-15',
    });
    // A month across a year end.
    expect(dueDate('friday', '2026-12-31')).toBe('2027-01-01');
  });

  it('[CAL74] matches an @name to one attendee, then anyone, and to nobody when unclear', () => {
    const attendees = [
      { id: 'u-bob', name: 'Bob Stone' },
      { id: 'u-ann', name: 'Ann Lee' },
    ];
    const everyone = [
      ...attendees,
      { id: 'u-bob2', name: 'Bob Marley' },
      { id: 'u-cy', name: 'Cy' },
    ];
    expect(matchPerson('bob', attendees, everyone)).toBe('u-bob');
    expect(matchPerson('AnnLee', attendees, everyone)).toBe('u-ann');
    expect(matchPerson('ann.lee', attendees, everyone)).toBe('u-ann');
    expect(matchPerson('cy', attendees, everyone)).toBe('u-cy');
    expect(matchPerson('bob', [], everyone)).toBeNull();
    expect(matchPerson('zed', attendees, everyone)).toBeNull();
  });

  it('[CAL72] reads checklist items of the notes doc with their ticks', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', content: [{ type: 'text', text: 'Standup' }] },
        {
          type: 'taskList',
          content: [
            {
              type: 'taskItem',
              attrs: { checked: false },
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: '@ann will fix CI' }] },
                { type: 'paragraph', content: [{ type: 'text', text: 'context' }] },
              ],
            },
            {
              type: 'taskItem',
              attrs: { checked: true },
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'done' }] }],
            },
          ],
        },
      ],
    };
    const lines = notesLines(doc);
    expect(lines).toEqual(['Standup', '[ ] @ann will fix CI', 'context', '[x] done']);
    expect(outlineNotes(lines, MEETING).actions.map((a) => a.title)).toEqual(['Fix CI']);
  });
});

import { describe, expect, it } from 'vitest';
import { answerEvent, createEvent, readCalendar } from '../../../../../shared/calendar/index.js';
import { myBusy } from '../../../../../client/src/workspace/calendar/availability/my-busy.js';
import { ctx, iso, newCalendar, utc } from '../../../shared/calendar/helpers.js';

const timed = (start: string, end: string) => ({
  kind: 'timed' as const,
  start,
  end,
  timeZone: 'Europe/Berlin',
});

describe('[CAL50] what a device publishes', () => {
  it('only start and end of events the person organises or was invited to and did not decline', () => {
    const doc = newCalendar();
    const mine = { organizer: 'ann', attendees: [] };
    createEvent(
      doc,
      {
        id: 'a',
        title: 'Secret plan',
        time: timed('2026-03-02T10:00', '2026-03-02T11:00'),
        ...mine,
      },
      ctx('ann'),
    );
    createEvent(
      doc,
      { id: 'b', title: 'Overlap', time: timed('2026-03-02T10:30', '2026-03-02T12:00'), ...mine },
      ctx('ann'),
    );
    createEvent(
      doc,
      {
        id: 'c',
        title: 'Invited',
        time: timed('2026-03-03T09:00', '2026-03-03T10:00'),
        organizer: 'bob',
        attendees: [{ kind: 'person', id: 'ann' }],
      },
      ctx('bob'),
    );
    createEvent(
      doc,
      {
        id: 'd',
        title: 'Declined',
        time: timed('2026-03-04T09:00', '2026-03-04T10:00'),
        organizer: 'bob',
        attendees: [{ kind: 'person', id: 'ann' }],
      },
      ctx('bob'),
    );
    answerEvent(doc, 'd', { person: 'ann', answer: 'no' }, ctx('ann'));
    createEvent(
      doc,
      {
        id: 'e',
        title: 'Not hers',
        time: timed('2026-03-05T09:00', '2026-03-05T10:00'),
        organizer: 'bob',
        attendees: [],
      },
      ctx('bob'),
    );
    createEvent(
      doc,
      {
        id: 'f',
        title: 'Holiday',
        time: { kind: 'allDay', start: '2026-03-06', end: '2026-03-06' },
        ...mine,
      },
      ctx('ann'),
    );
    createEvent(
      doc,
      {
        id: 'g',
        title: 'Off',
        time: timed('2026-03-07T09:00', '2026-03-07T10:00'),
        cancelled: true,
        ...mine,
      },
      ctx('ann'),
    );
    const busy = myBusy(
      [readCalendar(doc)],
      'ann',
      { start: utc('2026-03-01T00:00Z'), end: utc('2026-04-01T00:00Z') },
      'Europe/Berlin',
    );
    expect(busy.map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2026-03-02T09:00', '2026-03-02T11:00'],
      ['2026-03-03T08:00', '2026-03-03T09:00'],
    ]);
    expect(Object.keys(busy[0]!).sort()).toEqual(['end', 'start']);
  });
});

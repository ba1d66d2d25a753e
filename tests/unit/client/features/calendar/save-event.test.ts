import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  draftFrom,
  newDraft,
  ruleOf,
  repeatFromRule,
} from '../../../../../client/src/features/calendar/event/event-draft.js';
import {
  deleteTarget,
  saveDraft,
} from '../../../../../client/src/features/calendar/event/save-event.js';
import { CalendarError, readCalendar, readEvent } from '../../../../../shared/calendar/index.js';

const ctx = { by: 'ann', now: 1 };
let n = 0;
const ids = () => `e${++n}`;

function weekly(doc: Y.Doc) {
  const draft = { ...newDraft('2026-12-01T09:00', 'Europe/Berlin'), title: 'Standup' };
  draft.repeat = 'weekly';
  saveDraft(doc, { kind: 'new' }, { before: draft, after: draft }, 'all', ctx, () => 'S');
  const event = readEvent(doc, 'S');
  if (!event) throw new Error('not created');
  return event;
}

describe('event editor writes', () => {
  it('[CAL30] writes only changed fields, so concurrent edits of other fields survive', () => {
    const a = new Y.Doc();
    const event = weekly(a);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const before = draftFrom(event, 'Europe/Berlin');
    saveDraft(
      a,
      { kind: 'event', event, recurrenceId: null },
      { before, after: { ...before, title: 'Sync' } },
      'all',
      ctx,
      ids,
    );
    saveDraft(
      b,
      { kind: 'event', event, recurrenceId: null },
      { before, after: { ...before, location: 'Room 4' } },
      'all',
      ctx,
      ids,
    );
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) {
      expect(readEvent(doc, 'S')).toMatchObject({
        title: 'Sync',
        location: 'Room 4',
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
      });
    }
  });

  it('[CAL30] a refused edit throws a CalendarError and writes nothing', () => {
    const doc = new Y.Doc();
    const event = weekly(doc);
    const before = draftFrom(event, 'Europe/Berlin');
    const state = Y.encodeStateVector(doc);
    expect(() =>
      saveDraft(
        doc,
        { kind: 'event', event, recurrenceId: null },
        { before, after: { ...before, meetingUrl: 'javascript:alert(1)', title: 'X' } },
        'all',
        ctx,
        ids,
      ),
    ).toThrow(CalendarError);
    expect(Y.encodeStateVector(doc)).toEqual(state);
  });

  it('[CAL31] this, this and following, all; deleting this and following ends the series', () => {
    const doc = new Y.Doc();
    const event = weekly(doc);
    const rid = '2026-12-15T09:00';
    const occ = draftFrom(
      {
        ...event,
        time: { ...event.time, start: rid, end: '2026-12-15T10:00' },
      },
      'Europe/Berlin',
    );
    const target = { kind: 'event', event, recurrenceId: rid } as const;
    saveDraft(
      doc,
      target,
      { before: occ, after: { ...occ, startTime: '11:00', endTime: '12:00' } },
      'all',
      ctx,
      ids,
    );
    expect(readEvent(doc, 'S')?.time).toMatchObject({
      start: '2026-12-01T11:00',
      end: '2026-12-01T12:00',
    });
    const moved = readEvent(doc, 'S');
    if (!moved) throw new Error('gone');
    const occ2 = { ...occ, startTime: '11:00', endTime: '12:00' };
    const rid2 = '2026-12-15T11:00';
    saveDraft(
      doc,
      { kind: 'event', event: moved, recurrenceId: rid2 },
      { before: occ2, after: { ...occ2, title: 'Just once' } },
      'this',
      ctx,
      ids,
    );
    expect(readEvent(doc, 'S')?.overrides[rid2]).toEqual({ title: 'Just once' });
    deleteTarget(doc, moved, '2026-12-22T11:00', 'following', ctx, () => 'T');
    const read = readCalendar(doc);
    expect(read.events.map((e) => e.id)).toEqual(['S']);
    expect(read.events[0]?.rrule).toMatch(/^FREQ=WEEKLY;BYDAY=TU;UNTIL=20261222T/);
    deleteTarget(doc, moved, '2026-12-01T11:00', 'following', ctx, () => 'U');
    expect(readCalendar(doc).events).toEqual([]);
  });

  it('[CAL30] repeat choices round-trip through RRULE text', () => {
    for (const rule of [
      'FREQ=DAILY',
      'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      'FREQ=WEEKLY;BYDAY=MO,WE',
      'FREQ=MONTHLY;COUNT=5',
      'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1',
    ]) {
      const draft = {
        ...newDraft('2026-12-01T09:00', 'UTC'),
        ...repeatFromRule(rule, '2026-12-01'),
      };
      expect(ruleOf(draft)).toBe(rule);
    }
    expect(repeatFromRule('FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1', '2026-12-01').repeat).toBe('custom');
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEvent, deleteEvent, editEvent } from '../../../../../shared/calendar/index.js';
import { watchInviteEdits } from '../../../../../client/src/workspace/calendar/invite-edits.js';
import {
  flushInviteQueue,
  localInviteQueue,
  queueAnswer,
  queuePublish,
  type Delivery,
  type QueuedAnswer,
} from '../../../../../client/src/workspace/calendar/invite-queue.js';

/** A Storage over a Map: the queue's code only needs getItem, setItem and removeItem. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    key: (i) => [...items.keys()][i] ?? null,
    get length() {
      return items.size;
    },
  };
}

const answer = (eventId: string, value: QueuedAnswer['answer'], at: number): QueuedAnswer => ({
  calendarId: 'cal',
  eventId,
  answer: value,
  note: '',
  queuedAt: at,
  refusal: null,
});

describe('[CAL47] the invite queue on the device', () => {
  it('keeps only the last answer per event, sends in order, stops when offline, keeps refusals', async () => {
    const store = localInviteQueue(memoryStorage(), 'ann');
    queueAnswer(store, answer('e1', 'yes', 1));
    queueAnswer(store, answer('e1', 'maybe', 2));
    queueAnswer(store, answer('e2', 'no', 3));
    queuePublish(store, ['cal/e3', 'cal/e3']);
    expect(store.read().answers.map((a) => a.answer)).toEqual(['maybe', 'no']);
    expect(store.read().publish).toEqual(['cal/e3']);

    const offline = (): Promise<Delivery> => Promise.resolve('offline');
    expect(await flushInviteQueue(store, { answer: offline, publish: offline })).toBe(false);
    expect(store.read().answers).toHaveLength(2);

    const sent: string[] = [];
    await flushInviteQueue(store, {
      answer: (item) => {
        sent.push(item.eventId);
        return Promise.resolve(
          item.eventId === 'e2' ? { refused: 'this event was cancelled' } : 'sent',
        );
      },
      publish: (calendarId, eventId) => {
        sent.push(`${calendarId}/${eventId}`);
        return Promise.resolve('sent');
      },
    });
    expect(sent).toEqual(['e1', 'e2', 'cal/e3']);
    expect(store.read()).toEqual({
      answers: [{ ...answer('e2', 'no', 3), refusal: 'this event was cancelled' }],
      publish: [],
    });
  });

  it('unreadable contents read as an empty queue', () => {
    const storage = memoryStorage();
    storage.setItem('ws:calendar-invites-queue:ann', '{not json');
    expect(localInviteQueue(storage, 'ann').read()).toEqual({ answers: [], publish: [] });
  });

  it('marks local edits of events with attendees, deletions and attendee removals; not remote ones', () => {
    const doc = new Y.Doc();
    const seen: string[][] = [];
    watchInviteEdits(doc, (ids) => seen.push(ids));
    const ctx = { by: 'olga', now: 1 };
    const time = {
      kind: 'timed' as const,
      start: '2026-12-03T09:00',
      end: '2026-12-03T10:00',
      timeZone: 'Europe/Berlin',
    };
    createEvent(doc, { id: 'solo', title: 'Alone', time, organizer: 'olga' }, ctx);
    createEvent(
      doc,
      {
        id: 'meet',
        title: 'Meet',
        time,
        organizer: 'olga',
        attendees: [{ kind: 'person', id: 'ann' }],
      },
      ctx,
    );
    editEvent(doc, 'solo', { title: 'Still alone' }, ctx);
    editEvent(doc, 'meet', { attendees: [] }, ctx);
    deleteEvent(doc, 'solo', ctx);
    expect(seen).toEqual([['meet'], ['meet'], ['solo']]);

    const remote = new Y.Doc();
    createEvent(
      remote,
      { id: 'far', title: 'Far', time, organizer: 'ben', attendees: [{ kind: 'person', id: 'x' }] },
      ctx,
    );
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    expect(seen).toHaveLength(3);
  });
});

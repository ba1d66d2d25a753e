import type * as Y from 'yjs';
import { readEvent } from '../../../../shared/calendar/index.js';
import { eventsRoot, FIELD } from '../../../../shared/calendar/layout.js';

/**
 * [CAL47] Calls `edited` with the ids of events this device changed (local
 * transactions only: another device publishes its own edits) that attendees must
 * hear of: events with attendees now, events deleted, and events whose attendees
 * changed (removing the last one must still cancel for them). Returns the
 * unsubscribe function.
 */
export function watchInviteEdits(doc: Y.Doc, edited: (eventIds: string[]) => void): () => void {
  const root = eventsRoot(doc);
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction) => {
    if (!tx.local) return;
    const ids = new Set<string>();
    for (const event of events) {
      if (event.target === root)
        for (const id of (event as Y.YMapEvent<unknown>).keysChanged as Set<string>) ids.add(id);
      else if (typeof event.path[0] === 'string') ids.add(event.path[0]);
    }
    const wanted = [...ids].filter((id) => {
      const event = readEvent(doc, id);
      return event === undefined || event.attendees.length > 0 || touchedAttendees(events, id);
    });
    if (wanted.length > 0) edited(wanted);
  };
  // Not the view bridge: this needs each transaction's origin (local or not) and the
  // paths it touched, which a version signal does not carry.
  // eslint-disable-next-line no-restricted-syntax
  root.observeDeep(observer);
  return () => root.unobserveDeep(observer);
}

function touchedAttendees(events: Y.YEvent<Y.AbstractType<unknown>>[], id: string): boolean {
  return events.some((e) => e.path[0] === id && e.path[1] === FIELD.attendees);
}

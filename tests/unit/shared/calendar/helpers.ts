import * as Y from 'yjs';
import type { EditContext } from '../../../../shared/calendar/schemas.js';

export const T0 = Date.UTC(2026, 0, 5, 8);

export function ctx(by = 'alice', now = T0): EditContext {
  return { by, now };
}

export function newCalendar(clientID = 1): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

/** Real instants for readable assertions. */
export const utc = (iso: string): number => Date.parse(iso);
export const iso = (instant: number): string => new Date(instant).toISOString().slice(0, 16);

/**
 * The layout of a calendar's Y.Doc. A calendar is a room like any other (same
 * access rules); its document holds one root map, `events`, of event id -> Y.Map.
 * Every field of an event is its own key, so concurrent edits of different fields
 * (a title here, a location there) merge; each field's value is replaced whole,
 * last writer wins, so a start and end never mix two writers (they are one value,
 * `time`). Collections that several people add to concurrently are nested maps
 * keyed by member: attendees ('person:<id>' / 'department:<id>' -> true), answers
 * (person id -> Answer, each written only by that person), exdates (recurrence id
 * -> true) and overrides (recurrence id -> Y.Map of the fields that occurrence
 * changes, so two people editing different fields of one occurrence also merge).
 */
import * as Y from 'yjs';

export const EVENTS_ROOT = 'events';

/** Field names of an event's Y.Map. */
export const FIELD = {
  title: 'title',
  time: 'time',
  location: 'location',
  meetingUrl: 'meetingUrl',
  description: 'description',
  organizer: 'organizer',
  attendees: 'attendees',
  answers: 'answers',
  reminders: 'reminders',
  rrule: 'rrule',
  exdates: 'exdates',
  overrides: 'overrides',
  cancelled: 'cancelled',
  notesDoc: 'notesDoc',
  createdBy: 'createdBy',
  createdAt: 'createdAt',
} as const;

export type YRecord = Y.Map<unknown>;

export function eventsRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(EVENTS_ROOT);
}

export function findEvent(doc: Y.Doc, id: string): YRecord | undefined {
  const value = eventsRoot(doc).get(id);
  return value instanceof Y.Map ? (value as YRecord) : undefined;
}

/** The nested Y.Map at `field`, or undefined when something else is there. */
export function readYMap(map: YRecord, field: string): YRecord | undefined {
  const value = map.get(field);
  return value instanceof Y.Map ? (value as YRecord) : undefined;
}

/** The nested Y.Map at `field`, created when missing (call inside a transaction). */
export function ensureYMap(map: YRecord, field: string): YRecord {
  let nested = readYMap(map, field);
  if (!nested) {
    nested = new Y.Map();
    map.set(field, nested);
  }
  return nested;
}

/** The key of an attendee in the attendees map. */
export const attendeeKey = (attendee: { kind: string; id: string }): string =>
  `${attendee.kind}:${attendee.id}`;

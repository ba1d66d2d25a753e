/**
 * The layout of a calendar's Y.Doc. A calendar is a room like any other (same
 * access rules); its document holds one root map, `events`, of event id -> Y.Map.
 * Every field of an event is its own key, so concurrent edits of different fields
 * (a title here, a location there) merge; each field's value is replaced whole,
 * last writer wins, so a start and end never mix two writers (they are one value,
 * `time`). Collections that several people add to concurrently are nested maps
 * keyed by member: attendees ('person:<id>' / 'department:<id>' -> true), answers
 * (person id -> Answer, each written only by that person), exdates (recurrence id
 * -> true) and overrides ('<recurrence id>|<field>' -> value: flat, so two people
 * editing different fields of one occurrence merge even when neither had an
 * override of it before; a nested map per occurrence would be created twice and
 * one of them lost). The nested maps are all created with the event and never
 * replaced, for the same reason.
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

/** The overrides map key of `field` of occurrence `rid`. */
export const overrideKey = (rid: string, field: string): string => `${rid}|${field}`;

/** Writes the present fields of one occurrence's override. */
export function writeOverride(
  overrides: YRecord,
  rid: string,
  patch: Readonly<Record<string, unknown>>,
): void {
  for (const [field, value] of Object.entries(patch))
    if (value !== undefined) overrides.set(overrideKey(rid, field), value);
}

/** Every field of every override, grouped by recurrence id. */
export function overrideEntries(overrides: YRecord): Map<string, Map<string, unknown>> {
  const out = new Map<string, Map<string, unknown>>();
  for (const [key, value] of overrides.entries()) {
    const at = key.lastIndexOf('|');
    const rid = at < 0 ? key : key.slice(0, at);
    const fields = out.get(rid) ?? new Map<string, unknown>();
    fields.set(at < 0 ? '' : key.slice(at + 1), value);
    out.set(rid, fields);
  }
  return out;
}

/** Removes the override of occurrence `rid`. */
export function deleteOverride(overrides: YRecord, rid: string): void {
  for (const key of [...overrides.keys()]) if (key.startsWith(`${rid}|`)) overrides.delete(key);
}

/** The nested maps every event has from its creation on. */
export const NESTED = ['attendees', 'answers', 'exdates', 'overrides'] as const;

/** The key of an attendee in the attendees map. */
export const attendeeKey = (attendee: { kind: string; id: string }): string =>
  `${attendee.kind}:${attendee.id}`;

/**
 * Writers of a calendar doc: each validates its input first and throws a
 * CalendarError before writing anything, then writes in one transaction.
 */
import * as Y from 'yjs';
import { CalendarError, parseInput } from './errors.js';
import {
  attendeeKey,
  ensureYMap,
  eventsRoot,
  FIELD,
  findEvent,
  NESTED,
  writeOverride,
  type YRecord,
} from './layout.js';
import { readEventMap } from './read-events.js';
import {
  AnswerValue,
  CreateEventInput,
  EventPatch,
  PersonId,
  type Attendee,
  type EditContext,
} from './schemas.js';
import { rekeyExceptions } from './rekey.js';
import { z } from 'zod';

export function requireEvent(doc: Y.Doc, id: string): YRecord {
  const map = findEvent(doc, id);
  if (!map) throw new CalendarError('event-not-found', `no event ${id}`);
  return map;
}

/** Writes the plain fields of `patch` that are present (undefined = leave as is). */
export function writeFields(map: YRecord, patch: z.output<typeof EventPatch>): void {
  const plain = ['title', 'time', 'location', 'description', 'reminders'] as const;
  for (const name of plain) if (patch[name] !== undefined) map.set(FIELD[name], patch[name]);
  const nullable = ['meetingUrl', 'rrule', 'notesDoc'] as const;
  for (const name of nullable) {
    const value = patch[name];
    if (value === null) map.delete(FIELD[name]);
    else if (value !== undefined) map.set(FIELD[name], value);
  }
  if (patch.cancelled !== undefined) map.set(FIELD.cancelled, patch.cancelled);
  if (patch.attendees) setAttendees(map, patch.attendees);
}

function setAttendees(map: YRecord, attendees: readonly Attendee[]): void {
  const set = ensureYMap(map, FIELD.attendees);
  const wanted = new Set(attendees.map(attendeeKey));
  for (const key of [...set.keys()]) if (!wanted.has(key)) set.delete(key);
  for (const key of wanted) if (!set.has(key)) set.set(key, true);
}

/** Adds an event (or a series) to the calendar. */
export function createEvent(doc: Y.Doc, input: CreateEventInput, ctx: EditContext): void {
  const event = parseInput(CreateEventInput, input);
  if (findEvent(doc, event.id))
    throw new CalendarError('event-exists', `an event ${event.id} exists`);
  doc.transact(() => {
    const map: YRecord = new Y.Map();
    eventsRoot(doc).set(event.id, map);
    for (const name of NESTED) map.set(FIELD[name], new Y.Map());
    writeFields(map, event);
    map.set(FIELD.organizer, event.organizer);
    map.set(FIELD.createdBy, ctx.by);
    map.set(FIELD.createdAt, ctx.now);
    const answers = ensureYMap(map, FIELD.answers);
    for (const [person, { answer, note }] of Object.entries(event.answers ?? {}))
      answers.set(person, { answer, note, at: ctx.now });
    const exdates = ensureYMap(map, FIELD.exdates);
    for (const rid of event.exdates ?? []) exdates.set(rid, true);
    const overrides = ensureYMap(map, FIELD.overrides);
    for (const [rid, patch] of Object.entries(event.overrides ?? {}))
      writeOverride(overrides, rid, patch);
  }, ctx.origin);
}

/**
 * Edits the whole event, or a whole series ("all occurrences"). When a series'
 * start moves, its exdates and overrides move with it (see rekey.ts) so they keep
 * naming the same occurrences.
 */
export function editEvent(doc: Y.Doc, id: string, input: EventPatch, ctx: EditContext): void {
  const patch = parseInput(EventPatch, input);
  const map = requireEvent(doc, id);
  const before = readEventMap(id, map);
  doc.transact(() => {
    if (before && patch.time) rekeyExceptions(map, before.time, patch.time);
    writeFields(map, patch);
  }, ctx.origin);
}

/** Removes an event or a whole series. Attendees see a cancellation through `cancelled` instead. */
export function deleteEvent(doc: Y.Doc, id: string, ctx: EditContext): void {
  requireEvent(doc, id);
  doc.transact(() => eventsRoot(doc).delete(id), ctx.origin);
}

const AnswerInput = z.object({
  person: PersonId,
  answer: AnswerValue,
  note: z.string().max(1000).default(''),
});

/** `person`'s answer to the invite, with an optional note; replaces their earlier answer. */
export function answerEvent(
  doc: Y.Doc,
  id: string,
  input: z.input<typeof AnswerInput>,
  ctx: EditContext,
): void {
  const { person, answer, note } = parseInput(AnswerInput, input);
  const map = requireEvent(doc, id);
  doc.transact(() => {
    ensureYMap(map, FIELD.answers).set(person, { answer, note, at: ctx.now });
  }, ctx.origin);
}

/**
 * Edits of a recurring series: "this occurrence" (an override or an exdate),
 * "this and following" (the series is split in two) and "all" (editEvent).
 */
import * as Y from 'yjs';
import { CalendarError, parseInput } from './errors.js';
import { isOccurrence, seriesRule, timeAt } from './expand.js';
import {
  deleteOverride,
  ensureYMap,
  eventsRoot,
  FIELD,
  NESTED,
  writeOverride,
  type YRecord,
} from './layout.js';
import { dateOf, floating, instantOf } from './local-time.js';
import { readEventMap, type CalendarEvent } from './read-events.js';
import { rekeyExceptions } from './rekey.js';
import { ruleParts, ruleText } from './rule.js';
import {
  EventId,
  EventPatch,
  OccurrencePatch,
  RecurrenceId,
  type EditContext,
  type EventTime,
} from './schemas.js';
import { requireEvent, writeFields, editEvent } from './write-events.js';

function requireOccurrence(doc: Y.Doc, id: string, rid: string): [YRecord, CalendarEvent] {
  parseInput(RecurrenceId, rid);
  const map = requireEvent(doc, id);
  const event = readEventMap(id, map);
  if (!event?.rrule) throw new CalendarError('not-recurring', `event ${id} does not repeat`);
  if (!isOccurrence(event, rid) || event.exdates.includes(rid))
    throw new CalendarError('occurrence-not-found', `event ${id} has no occurrence ${rid}`);
  return [map, event];
}

/** Changes one occurrence only. Fields set by earlier edits of it stay unless given again. */
export function editOccurrence(
  doc: Y.Doc,
  id: string,
  rid: string,
  input: OccurrencePatch,
  ctx: EditContext,
): void {
  const patch = parseInput(OccurrencePatch, input);
  const [map] = requireOccurrence(doc, id, rid);
  doc.transact(() => {
    writeOverride(ensureYMap(map, FIELD.overrides), rid, patch);
  }, ctx.origin);
}

/** Removes one occurrence (an RFC 5545 EXDATE). */
export function deleteOccurrence(doc: Y.Doc, id: string, rid: string, ctx: EditContext): void {
  const [map] = requireOccurrence(doc, id, rid);
  doc.transact(() => {
    ensureYMap(map, FIELD.exdates).set(rid, true);
    deleteOverride(ensureYMap(map, FIELD.overrides), rid);
  }, ctx.origin);
}

/** UNTIL that ends a series just before the occurrence `rid`. */
function untilBefore(time: EventTime, rid: string): string {
  if (time.kind === 'allDay') return dateOf(floating(rid) - 86_400_000).replaceAll('-', '');
  const stamp = new Date(instantOf(rid, time.timeZone) - 1000).toISOString();
  return `${stamp.slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/**
 * "This and following": the series ends before `rid` and a new series `newId`
 * starts at `rid` with `patch` applied. Exdates and overrides from `rid` on move to
 * the new series (shifted if the patch moves its start); a COUNT is shared out so
 * the two series together have as many occurrences as before. Answers are kept
 * unless the time changes, as people accepted a time. Splitting at the first
 * occurrence is an edit of the whole series and returns `id`.
 */
export function splitSeries(
  doc: Y.Doc,
  id: string,
  rid: string,
  newId: string,
  input: EventPatch,
  ctx: EditContext,
): string {
  const patch = parseInput(EventPatch, input);
  parseInput(EventId, newId);
  const [map, event] = requireOccurrence(doc, id, rid);
  if (rid === event.time.start) {
    editEvent(doc, id, input, ctx);
    return id;
  }
  if (eventsRoot(doc).has(newId))
    throw new CalendarError('event-exists', `an event ${newId} exists`);
  const rule = seriesRule(event);
  const parts = ruleParts(event.rrule ?? '');
  const tailParts = new Map(parts);
  const count = parts.get('COUNT');
  if (count && rule) {
    const before = rule.between(
      new Date(floating(event.time.start)),
      new Date(floating(rid)),
      true,
    );
    tailParts.set('COUNT', String(Number(count) - (before.length - 1)));
  }
  parts.delete('COUNT');
  parts.set('UNTIL', untilBefore(event.time, rid));
  const startTime = timeAt(event.time, rid);
  const time = patch.time ?? startTime;
  doc.transact(() => {
    const tail: YRecord = new Y.Map();
    eventsRoot(doc).set(newId, tail);
    for (const name of NESTED) tail.set(FIELD[name], new Y.Map());
    writeFields(tail, {
      title: event.title,
      time: startTime,
      location: event.location,
      description: event.description,
      reminders: [...event.reminders],
      meetingUrl: event.meetingUrl,
      notesDoc: event.notesDoc,
      rrule: ruleText(tailParts),
      cancelled: event.cancelled,
      attendees: [...event.attendees],
    });
    tail.set(FIELD.organizer, event.organizer);
    tail.set(FIELD.createdBy, ctx.by);
    tail.set(FIELD.createdAt, ctx.now);
    if (!patch.time) {
      const answers = ensureYMap(tail, FIELD.answers);
      for (const [person, answer] of Object.entries(event.answers)) answers.set(person, answer);
    }
    const exdates = ensureYMap(map, FIELD.exdates);
    const overrides = ensureYMap(map, FIELD.overrides);
    const tailExdates = ensureYMap(tail, FIELD.exdates);
    const tailOverrides = ensureYMap(tail, FIELD.overrides);
    for (const key of event.exdates.filter((key) => key >= rid)) {
      exdates.delete(key);
      tailExdates.set(key, true);
    }
    for (const [key, fields] of Object.entries(event.overrides)) {
      if (key < rid) continue;
      deleteOverride(overrides, key);
      writeOverride(tailOverrides, key, fields);
    }
    rekeyExceptions(tail, startTime, time);
    writeFields(tail, patch);
    map.set(FIELD.rrule, ruleText(parts));
  }, ctx.origin);
  return newId;
}

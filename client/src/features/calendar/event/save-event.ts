/**
 * Writes of the event editor and of drag-and-drop in the views: a draft's
 * changes go to the whole event, one occurrence, this and following, or the whole
 * series. Every path goes through the model's writers, which validate first and
 * throw a CalendarError before writing anything.
 */
import type * as Y from 'yjs';
import {
  createEvent,
  deleteEvent,
  deleteOccurrence,
  editEvent,
  editOccurrence,
  splitSeries,
  type CalendarEvent,
  type EditContext,
  type EventTime,
  type Occurrence,
} from '../../../workspace/calendar/index.js';
import {
  createInput,
  draftFrom,
  eventPatch,
  occurrencePatch,
  seriesTime,
  timeOf,
  type EventDraft,
} from './event-draft.js';

/** Which occurrences of a series an edit or delete applies to. */
export type Scope = 'this' | 'following' | 'all';

/** What the editor edits: a new event, or an event (one occurrence of it when `recurrenceId`). */
export type EditTarget =
  | { readonly kind: 'new' }
  | { readonly kind: 'event'; readonly event: CalendarEvent; readonly recurrenceId: string | null };

/** Writes what changed from `before` to `after`; an unchanged draft writes nothing. */
export function saveDraft(
  doc: Y.Doc,
  target: EditTarget,
  drafts: { before: EventDraft; after: EventDraft },
  scope: Scope,
  ctx: EditContext,
  newId: () => string,
): void {
  const { before, after } = drafts;
  if (target.kind === 'new') {
    createEvent(doc, createInput(after, newId(), ctx.by), ctx);
    return;
  }
  const { event, recurrenceId } = target;
  if (recurrenceId === null || scope === 'all') {
    const patch = eventPatch(before, after);
    if (recurrenceId !== null && patch.time)
      patch.time = seriesTime(event.time, timeOf(before), timeOf(after));
    if (Object.keys(patch).length > 0) editEvent(doc, event.id, patch, ctx);
    return;
  }
  if (scope === 'this') {
    const patch = occurrencePatch(before, after);
    if (Object.keys(patch).length > 0) editOccurrence(doc, event.id, recurrenceId, patch, ctx);
    return;
  }
  const patch = eventPatch(before, after);
  if (Object.keys(patch).length > 0) splitSeries(doc, event.id, recurrenceId, newId(), patch, ctx);
}

/**
 * Deletes the event, one occurrence (an exdate), or this and following: the
 * series is split at the occurrence and the new tail deleted, in one transaction
 * so no replica ever sees the tail [CAL31].
 */
export function deleteTarget(
  doc: Y.Doc,
  event: CalendarEvent,
  recurrenceId: string | null,
  scope: Scope,
  ctx: EditContext,
  newId: () => string,
): void {
  if (recurrenceId === null || scope === 'all') deleteEvent(doc, event.id, ctx);
  else if (scope === 'this') deleteOccurrence(doc, event.id, recurrenceId, ctx);
  else
    doc.transact(() => {
      const tail = splitSeries(doc, event.id, recurrenceId, newId(), {}, ctx);
      deleteEvent(doc, tail, ctx);
    }, ctx.origin);
}

/** The draft of one occurrence as shown (its overrides applied). */
export function occurrenceDraft(occurrence: Occurrence, zone: string): EventDraft {
  return draftFrom({ ...occurrence.event, ...occurrence, time: occurrence.time }, zone);
}

/** Moves or resizes one occurrence (drag and drop, Alt+arrows) within `scope`. */
export function moveOccurrence(
  doc: Y.Doc,
  occurrence: Occurrence,
  time: EventTime,
  scope: Scope,
  ctx: EditContext,
  newId: () => string,
): void {
  const zone = viewerOf(occurrence);
  const before = occurrenceDraft(occurrence, zone);
  const after = { ...before, ...pickTime(draftFrom({ ...occurrence.event, time }, zone)) };
  const target: EditTarget = {
    kind: 'event',
    event: occurrence.event,
    recurrenceId: occurrence.recurrenceId,
  };
  saveDraft(doc, target, { before, after }, scope, ctx, newId);
}

const viewerOf = (occurrence: Occurrence) =>
  occurrence.time.kind === 'timed' ? occurrence.time.timeZone : 'UTC';

function pickTime(draft: EventDraft) {
  const { allDay, startDate, startTime, endDate, endTime, timeZone } = draft;
  return { allDay, startDate, startTime, endDate, endTime, timeZone };
}

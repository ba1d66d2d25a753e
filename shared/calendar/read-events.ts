/**
 * Reads a calendar doc into plain events. A device must never crash on what
 * another replica wrote, so nothing here throws: an event whose title or time is
 * unreadable is left out, a malformed optional field reads as its default, and
 * each is reported in `problems` with the reason.
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import { issuesText } from './errors.js';
import { eventsRoot, FIELD, overrideEntries, readYMap, type YRecord } from './layout.js';
import { RecurrenceRule } from './rule.js';
import {
  Answer,
  Attendee,
  Description,
  EventTime,
  Location,
  MeetingUrl,
  NotesDocId,
  OccurrencePatch,
  PersonId,
  RecurrenceId,
  Reminders,
  Title,
} from './schemas.js';

/** One occurrence's changes, as read (unknown or malformed fields dropped). */
export type Override = z.output<typeof OccurrencePatch>;

/** An event (or a whole series) as plain data. */
export interface CalendarEvent {
  readonly id: string;
  readonly title: string;
  readonly time: EventTime;
  readonly location: string;
  readonly meetingUrl: string | null;
  readonly description: string;
  readonly organizer: string;
  readonly attendees: readonly Attendee[];
  /** Person id -> answer; department attendees answer person by person. */
  readonly answers: Readonly<Record<string, Answer>>;
  readonly reminders: readonly number[];
  readonly rrule: string | null;
  readonly exdates: readonly string[];
  readonly overrides: Readonly<Record<string, Override>>;
  readonly cancelled: boolean;
  readonly notesDoc: string | null;
  readonly createdBy: string;
  readonly createdAt: number;
}

export interface ReadProblem {
  readonly eventId: string;
  readonly reason: string;
}

export interface CalendarRead {
  readonly events: CalendarEvent[];
  readonly problems: ReadProblem[];
}

type Report = (reason: string) => void;

function field<S extends z.ZodType, F>(
  map: YRecord,
  name: string,
  schema: S,
  fallback: F,
  report: Report,
): z.output<S> | F {
  const value = map.get(name);
  if (value === undefined || value === null) return fallback;
  const parsed = schema.safeParse(value instanceof Y.AbstractType ? value.toJSON() : value);
  if (parsed.success) return parsed.data;
  report(`${name}: ${issuesText(parsed.error)}`);
  return fallback;
}

function attendeesOf(map: YRecord, report: Report): Attendee[] {
  const out: Attendee[] = [];
  for (const key of [...(readYMap(map, FIELD.attendees)?.keys() ?? [])].sort()) {
    const at = key.indexOf(':');
    const parsed = Attendee.safeParse({ kind: key.slice(0, at), id: key.slice(at + 1) });
    if (parsed.success) out.push(parsed.data);
    else report(`attendee ${key}: not a person or department`);
  }
  return out;
}

function answersOf(map: YRecord, report: Report): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  for (const [person, value] of readYMap(map, FIELD.answers)?.entries() ?? []) {
    const parsed = Answer.safeParse(value);
    if (parsed.success && PersonId.safeParse(person).success) out[person] = parsed.data;
    else report(`answer of ${person}: unreadable`);
  }
  return out;
}

function exdatesOf(map: YRecord, report: Report): string[] {
  const out: string[] = [];
  for (const key of readYMap(map, FIELD.exdates)?.keys() ?? []) {
    if (RecurrenceId.safeParse(key).success) out.push(key);
    else report(`exdate ${key}: not a recurrence id`);
  }
  return out.sort();
}

function overridesOf(map: YRecord, report: Report): Record<string, Override> {
  const out: Record<string, Override> = {};
  const overrides = readYMap(map, FIELD.overrides);
  for (const [rid, fields] of overrides ? overrideEntries(overrides) : []) {
    if (!RecurrenceId.safeParse(rid).success) {
      report(`override ${rid}: not a recurrence id`);
      continue;
    }
    const patch: Record<string, unknown> = {};
    for (const [name, value] of fields) {
      const schema = OccurrencePatch.shape[name as keyof typeof OccurrencePatch.shape];
      if (!schema) continue; // a newer app's field: not ours to judge
      const parsed = schema.safeParse(value);
      if (parsed.success) patch[name] = parsed.data;
      else report(`override ${rid}.${name}: ${issuesText(parsed.error)}`);
    }
    out[rid] = patch;
  }
  return out;
}

/** The event stored under `id` in `map`, or the reasons it cannot be read. */
export function readEventMap(
  id: string,
  map: YRecord,
  problems: ReadProblem[] = [],
): CalendarEvent | undefined {
  const report: Report = (reason) => problems.push({ eventId: id, reason });
  const title = Title.safeParse(map.get(FIELD.title));
  const time = EventTime.safeParse(map.get(FIELD.time));
  if (!title.success || !time.success) {
    const bad = !title.success ? title.error : (time.error as z.ZodError);
    report(`skipped: ${!title.success ? 'title' : 'time'}: ${issuesText(bad)}`);
    return undefined;
  }
  const createdAt = map.get(FIELD.createdAt);
  return {
    id,
    title: title.data,
    time: time.data,
    location: field(map, FIELD.location, Location, '', report),
    meetingUrl: field(map, FIELD.meetingUrl, MeetingUrl, null, report),
    description: field(map, FIELD.description, Description, '', report),
    organizer: field(map, FIELD.organizer, PersonId, '', report),
    attendees: attendeesOf(map, report),
    answers: answersOf(map, report),
    reminders: field(map, FIELD.reminders, Reminders, [], report),
    rrule: field(map, FIELD.rrule, RecurrenceRule, null, report),
    exdates: exdatesOf(map, report),
    overrides: overridesOf(map, report),
    cancelled: map.get(FIELD.cancelled) === true,
    notesDoc: field(map, FIELD.notesDoc, NotesDocId, null, report),
    createdBy: field(map, FIELD.createdBy, PersonId, '', report),
    createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0,
  };
}

/** One event, or undefined when there is none or it is unreadable. */
export function readEvent(doc: Y.Doc, id: string): CalendarEvent | undefined {
  const map = eventsRoot(doc).get(id);
  return map instanceof Y.Map ? readEventMap(id, map as YRecord) : undefined;
}

/** Every readable event of the calendar, sorted by id, and what was skipped and why. */
export function readCalendar(doc: Y.Doc): CalendarRead {
  const events: CalendarEvent[] = [];
  const problems: ReadProblem[] = [];
  const root = eventsRoot(doc);
  for (const id of [...root.keys()].sort()) {
    const map = root.get(id);
    if (!(map instanceof Y.Map)) {
      problems.push({ eventId: id, reason: 'skipped: not an event map' });
      continue;
    }
    const event = readEventMap(id, map as YRecord, problems);
    if (event) events.push(event);
  }
  return { events, problems };
}

/**
 * .ics import. Each VEVENT is read on its own: one that cannot be read becomes an
 * error naming it and why, and every other one is still imported. The result is
 * CreateEventInput values, checked with the same schema createEvent uses, for the
 * caller to write (after asking the person, e.g. about ids already present).
 */
import ICAL from 'ical.js';
import { addCalendarDays } from '../model/time/calendar-date.js';
import { issuesText } from './errors.js';
import { timeAt } from './expand.js';
import { instantOf, localAt } from './local-time.js';
import { fileZones, readIcsTime, type IcsTime } from './ics-time.js';
import { CreateEventInput, type EventTime, type OccurrencePatch } from './schemas.js';

export interface IcsImportOptions {
  /** The person id for an email address, or undefined when it is nobody here. */
  readonly personByEmail: (email: string) => string | undefined;
  /** Organiser of events whose ORGANIZER is missing or unknown: the importing person. */
  readonly importer: string;
  /** The zone for floating times and for zones known only by a VTIMEZONE. */
  readonly fallbackZone: string;
  /** Event id for a UID; by default the UID with characters ids do not allow replaced. */
  readonly idOf?: (uid: string) => string;
}

export interface IcsProblem {
  /** 1-based position of the VEVENT in the file, or 0 for the whole file. */
  readonly index: number;
  readonly uid: string | null;
  readonly message: string;
}

export interface IcsImport {
  readonly events: CreateEventInput[];
  readonly errors: IcsProblem[];
  /** Things read but not kept, e.g. attendees with no account here. */
  readonly warnings: IcsProblem[];
}

const defaultId = (uid: string): string => uid.replace(/[^\w.:~@-]/g, '_').slice(0, 200);

const text = (event: ICAL.Component, name: string): string | undefined => {
  const value = event.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : undefined;
};

const emailOf = (address: string): string => address.replace(/^mailto:/i, '').toLowerCase();

const ANSWERS = { ACCEPTED: 'yes', DECLINED: 'no', TENTATIVE: 'maybe' } as const;

interface Context {
  readonly options: IcsImportOptions;
  readonly zones: Map<string, ICAL.Timezone>;
  readonly warn: (message: string) => void;
}

function timeValue(event: ICAL.Component, name: string, ctx: Context): IcsTime | undefined {
  const property = event.getFirstProperty(name);
  const value = property?.getFirstValue();
  if (!property || !(value instanceof ICAL.Time)) return undefined;
  return readIcsTime(property, value, ctx.zones, ctx.options.fallbackZone);
}

function eventTime(event: ICAL.Component, ctx: Context): EventTime {
  const start = timeValue(event, 'dtstart', ctx);
  if (!start) throw new Error('no DTSTART');
  const end = timeValue(event, 'dtend', ctx);
  const duration = event.getFirstPropertyValue('duration');
  const seconds = duration instanceof ICAL.Duration ? duration.toSeconds() : undefined;
  if (start.kind === 'date') {
    // DTEND of a date is exclusive; ours is the last day.
    const last =
      end?.kind === 'date'
        ? addCalendarDays(end.date, -1)
        : seconds
          ? addCalendarDays(start.date, Math.ceil(seconds / 86_400) - 1)
          : start.date;
    return { kind: 'allDay', start: start.date, end: last < start.date ? start.date : last };
  }
  let endLocal = start.local;
  if (end?.kind === 'time')
    endLocal = localAt(instantOf(end.local, end.zone), start.zone); // DTEND may name another zone
  else if (seconds)
    endLocal = localAt(instantOf(start.local, start.zone) + seconds * 1000, start.zone);
  return { kind: 'timed', start: start.local, end: endLocal, timeZone: start.zone };
}

/** A RECURRENCE-ID or EXDATE value as the recurrence id of a series starting at `series`. */
function recurrenceIdIn(value: IcsTime, series: EventTime): string {
  if (series.kind === 'allDay')
    return value.kind === 'date' ? value.date : value.local.slice(0, 10);
  if (value.kind === 'date') return `${value.date}${series.start.slice(10)}`;
  return localAt(instantOf(value.local, value.zone), series.timeZone);
}

function exdatesOf(event: ICAL.Component, series: EventTime, ctx: Context): string[] {
  return event.getAllProperties('exdate').flatMap((property) =>
    property
      .getValues()
      .filter((value): value is ICAL.Time => value instanceof ICAL.Time)
      .map((value) =>
        recurrenceIdIn(readIcsTime(property, value, ctx.zones, ctx.options.fallbackZone), series),
      ),
  );
}

/**
 * RDATE: the model has no extra dates on a series, so each RDATE becomes an event
 * of its own, a copy of the VEVENT at that date with the same length, under an id
 * derived from the series' and the date, so a second import finds it again [CAL67].
 */
function rdateEvents(event: ICAL.Component, input: CreateEventInput, ctx: Context) {
  const extra: CreateEventInput[] = [];
  for (const property of event.getAllProperties('rdate')) {
    for (const value of property.getValues() as unknown[]) {
      const start = value instanceof ICAL.Period ? value.start : value;
      if (!(start instanceof ICAL.Time)) continue;
      const read = readIcsTime(property, start, ctx.zones, ctx.options.fallbackZone);
      const rid = recurrenceIdIn(read, input.time);
      if (rid === input.time.start) continue;
      const copy: CreateEventInput = {
        ...input,
        id: `${input.id.slice(0, 180)}~${rid.replace(/\D/g, '')}`,
        time: timeAt(input.time, rid),
      };
      delete copy.rrule;
      delete copy.exdates;
      delete copy.overrides;
      extra.push(copy);
    }
  }
  if (extra.length > 0)
    ctx.warn(`its ${extra.length} RDATE date(s) were imported as separate events`);
  return extra;
}

function remindersOf(event: ICAL.Component): number[] {
  return event.getAllSubcomponents('valarm').flatMap((alarm) => {
    const trigger = alarm.getFirstPropertyValue('trigger');
    if (!(trigger instanceof ICAL.Duration)) return [];
    const minutes = Math.round(-trigger.toSeconds() / 60);
    // `+ 0` turns the -0 of a TRIGGER:PT0S into 0. Triggers after the start are not kept.
    return minutes >= 0 ? [minutes + 0] : [];
  });
}

function master(event: ICAL.Component, uid: string, ctx: Context): CreateEventInput {
  const time = eventTime(event, ctx);
  const rrule = event.getFirstPropertyValue('rrule');
  const url = text(event, 'url');
  const organizerAddress = text(event, 'organizer');
  const organizer = organizerAddress
    ? ctx.options.personByEmail(emailOf(organizerAddress))
    : undefined;
  const attendees: Array<{ kind: 'person'; id: string }> = [];
  const answers: Record<string, { answer: 'yes' | 'no' | 'maybe' }> = {};
  for (const property of event.getAllProperties('attendee')) {
    const address = property.getFirstValue();
    if (typeof address !== 'string') continue;
    const person = ctx.options.personByEmail(emailOf(address));
    if (!person) {
      ctx.warn(`attendee ${emailOf(address)} has no account here and was left out`);
      continue;
    }
    attendees.push({ kind: 'person', id: person });
    const partstat = String(property.getParameter('partstat') ?? '').toUpperCase();
    const answer = ANSWERS[partstat as keyof typeof ANSWERS];
    if (answer) answers[person] = { answer };
  }
  const reminders = remindersOf(event);
  const input: CreateEventInput = {
    id: (ctx.options.idOf ?? defaultId)(uid),
    title: text(event, 'summary')?.trim() || '(no title)',
    time,
    organizer: organizer ?? ctx.options.importer,
    ...(attendees.length > 0 && { attendees }),
    ...(reminders.length > 0 && { reminders }),
    ...(text(event, 'location') && { location: text(event, 'location') }),
    ...(text(event, 'description') && { description: text(event, 'description') }),
    ...(url && /^https?:/i.test(url) && { meetingUrl: url }),
    ...(rrule instanceof ICAL.Recur && { rrule: rrule.toString() }),
    ...(text(event, 'status')?.toUpperCase() === 'CANCELLED' && { cancelled: true }),
  };
  if (rrule instanceof ICAL.Recur) {
    const exdates = exdatesOf(event, time, ctx);
    if (exdates.length > 0) input.exdates = exdates;
  }
  if (Object.keys(answers).length > 0) input.answers = answers;
  return input;
}

/** The fields in which occurrence VEVENT `event` differs from its series. */
function override(
  event: ICAL.Component,
  series: CreateEventInput,
  ctx: Context,
): [string, OccurrencePatch] {
  const ridValue = timeValue(event, 'recurrence-id', ctx);
  if (!ridValue) throw new Error('no RECURRENCE-ID');
  const seriesTime = series.time;
  const rid = recurrenceIdIn(ridValue, seriesTime);
  const patch: OccurrencePatch = {};
  const time = event.getFirstProperty('dtstart') ? eventTime(event, ctx) : undefined;
  if (time && JSON.stringify(time) !== JSON.stringify(timeAt(seriesTime, rid))) patch.time = time;
  const title = text(event, 'summary')?.trim();
  if (title && title !== series.title) patch.title = title;
  const location = text(event, 'location') ?? '';
  if (location !== (series.location ?? '')) patch.location = location;
  const description = text(event, 'description') ?? '';
  if (description !== (series.description ?? '')) patch.description = description;
  if (text(event, 'status')?.toUpperCase() === 'CANCELLED') patch.cancelled = true;
  return [rid, patch];
}

/** The events of an .ics file, with an error per VEVENT that could not be read. */
export function importIcs(source: string, options: IcsImportOptions): IcsImport {
  const errors: IcsProblem[] = [];
  const warnings: IcsProblem[] = [];
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(source) as unknown[]);
  } catch (error) {
    return {
      events: [],
      errors: [
        { index: 0, uid: null, message: `not an iCalendar file: ${(error as Error).message}` },
      ],
      warnings,
    };
  }
  const zones = fileZones(calendar);
  const vevents = calendar
    .getAllSubcomponents('vevent')
    .map((event, i) => ({ event, index: i + 1, uid: text(event, 'uid') ?? null }));
  const masters = new Map<string, { input: CreateEventInput; index: number }>();
  const failed = new Set<string>();
  const extras: { input: CreateEventInput; index: number; uid: string }[] = [];
  const contextFor = (index: number, uid: string | null): Context => ({
    options,
    zones,
    warn: (message) => warnings.push({ index, uid, message }),
  });
  for (const { event, index, uid } of vevents) {
    if (event.getFirstProperty('recurrence-id')) continue;
    try {
      if (!uid) throw new Error('no UID');
      if (masters.has(uid)) throw new Error(`a second VEVENT with UID ${uid}`);
      const ctx = contextFor(index, uid);
      const input = master(event, uid, ctx);
      masters.set(uid, { input, index });
      for (const extra of rdateEvents(event, input, ctx)) extras.push({ input: extra, index, uid });
    } catch (error) {
      if (uid) failed.add(uid);
      errors.push({ index, uid, message: (error as Error).message });
    }
  }
  for (const { event, index, uid } of vevents) {
    if (!event.getFirstProperty('recurrence-id')) continue;
    try {
      const series = uid ? masters.get(uid) : undefined;
      if (!series)
        throw new Error(
          uid && failed.has(uid)
            ? 'its series could not be read'
            : 'an occurrence without its series',
        );
      if (!series.input.rrule) throw new Error('an occurrence of an event that does not repeat');
      const [rid, patch] = override(event, series.input, contextFor(index, uid));
      series.input.overrides = { ...series.input.overrides, [rid]: patch };
    } catch (error) {
      errors.push({ index, uid, message: (error as Error).message });
    }
  }
  const events: CreateEventInput[] = [];
  for (const [uid, { input, index }] of [...masters, ...extras.map((e) => [e.uid, e] as const)]) {
    const parsed = CreateEventInput.safeParse(input);
    if (parsed.success) events.push(input);
    else errors.push({ index, uid, message: issuesText(parsed.error) });
  }
  return { events, errors: errors.sort((a, b) => a.index - b.index), warnings };
}

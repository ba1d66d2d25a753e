/**
 * The event editor's form state as plain data, and the way back to the model:
 * a draft is built from an event (or one occurrence of a series), the person
 * edits it, and only the fields that differ from the draft the dialog opened with
 * are written. Writing only what changed is what lets two people edit different
 * fields of one event offline and both edits survive [CAL20] [CAL30].
 */
import { addCalendarDays, isoWeekday } from '../../../../../shared/model/time/calendar-date.js';
import { floating, instantOf, localOf, dateOf } from '../../../../../shared/calendar/local-time.js';
import { ruleParts, ruleText } from '../../../../../shared/calendar/rule.js';
import type {
  Attendee,
  CreateEventInput,
  EventPatch,
  EventTime,
  OccurrencePatch,
} from '../../../workspace/calendar/index.js';

export type Repeat = 'none' | 'daily' | 'weekdays' | 'weekly' | 'monthly' | 'yearly' | 'custom';
export type RepeatEnd = 'never' | 'on' | 'after';

/** RFC 5545 weekday codes, Monday first (ISO weekday 1..7). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const WORKDAYS = 'MO,TU,WE,TH,FR';

export interface EventDraft {
  title: string;
  allDay: boolean;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  timeZone: string;
  location: string;
  meetingUrl: string;
  description: string;
  attendees: Attendee[];
  reminders: number[];
  repeat: Repeat;
  /** Days of a weekly rule. */
  weekdays: string[];
  /** The RRULE value of a custom rule, without COUNT or UNTIL (those are `ends`). */
  customRule: string;
  ends: RepeatEnd;
  until: string;
  count: number;
}

/** What the editor shows of an event or of one occurrence (its overrides applied). */
export interface DraftSource {
  readonly title: string;
  readonly time: EventTime;
  readonly location: string;
  readonly meetingUrl: string | null;
  readonly description: string;
  readonly attendees: readonly Attendee[];
  readonly reminders: readonly number[];
  readonly rrule: string | null;
}

/** A new one-hour event starting at wall-clock `start` in `zone`, reminded 10 minutes before. */
export function newDraft(start: string, zone: string, allDay = false): EventDraft {
  const end = localOf(floating(start) + 60 * 60_000);
  return {
    ...timeFields(
      allDay
        ? { kind: 'allDay', start: start.slice(0, 10), end: start.slice(0, 10) }
        : {
            kind: 'timed',
            start,
            end,
            timeZone: zone,
          },
      zone,
    ),
    title: '',
    location: '',
    meetingUrl: '',
    description: '',
    attendees: [],
    reminders: [10],
    ...repeatFromRule(null, start.slice(0, 10)),
  };
}

/** The draft's time fields for `time` (`zone` is kept for an all-day time). */
export function timeFields(time: EventTime, zone: string) {
  if (time.kind === 'allDay')
    return {
      allDay: true,
      startDate: time.start,
      startTime: '09:00',
      endDate: time.end,
      endTime: '10:00',
      timeZone: zone,
    };
  return {
    allDay: false,
    startDate: time.start.slice(0, 10),
    startTime: time.start.slice(11),
    endDate: time.end.slice(0, 10),
    endTime: time.end.slice(11),
    timeZone: time.timeZone,
  };
}

export function draftFrom(source: DraftSource, zone: string): EventDraft {
  return {
    ...timeFields(source.time, zone),
    title: source.title,
    location: source.location,
    meetingUrl: source.meetingUrl ?? '',
    description: source.description,
    attendees: [...source.attendees],
    reminders: [...source.reminders],
    ...repeatFromRule(source.rrule, source.time.start.slice(0, 10)),
  };
}

type RepeatFields = Pick<
  EventDraft,
  'repeat' | 'weekdays' | 'customRule' | 'ends' | 'until' | 'count'
>;

/** The editor's repeat fields for `rule`; a rule the simple choices cannot say is "custom". */
export function repeatFromRule(rule: string | null, startDate: string): RepeatFields {
  const weekday = WEEKDAYS[isoWeekday(startDate) - 1] ?? 'MO';
  const base: RepeatFields = {
    repeat: 'none',
    weekdays: [weekday],
    customRule: '',
    ends: 'never',
    until: addCalendarDays(startDate, 90),
    count: 10,
  };
  if (!rule) return base;
  const parts = ruleParts(rule);
  const until = parts.get('UNTIL');
  const count = parts.get('COUNT');
  parts.delete('UNTIL');
  parts.delete('COUNT');
  const ends: Partial<RepeatFields> = until
    ? { ends: 'on', until: `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}` }
    : count
      ? { ends: 'after', count: Number(count) }
      : {};
  const freq = parts.get('FREQ');
  const byday = parts.get('BYDAY');
  const only = (...keys: string[]) => [...parts.keys()].every((key) => keys.includes(key));
  const simple = (repeat: Repeat): RepeatFields => ({ ...base, ...ends, repeat });
  if (freq === 'DAILY' && only('FREQ')) return simple('daily');
  if (freq === 'WEEKLY' && byday === WORKDAYS && only('FREQ', 'BYDAY')) return simple('weekdays');
  if (
    freq === 'WEEKLY' &&
    only('FREQ', 'BYDAY') &&
    (!byday || /^[A-Z]{2}(,[A-Z]{2})*$/.test(byday))
  )
    return { ...simple('weekly'), weekdays: byday ? byday.split(',') : [weekday] };
  if (freq === 'MONTHLY' && only('FREQ')) return simple('monthly');
  if (freq === 'YEARLY' && only('FREQ')) return simple('yearly');
  return { ...base, ...ends, repeat: 'custom', customRule: ruleText(parts) };
}

/** The draft's time; the model checks it (an end before the start is refused there). */
export function timeOf(draft: EventDraft): EventTime {
  if (draft.allDay) return { kind: 'allDay', start: draft.startDate, end: draft.endDate };
  return {
    kind: 'timed',
    start: `${draft.startDate}T${draft.startTime}`,
    end: `${draft.endDate}T${draft.endTime}`,
    timeZone: draft.timeZone,
  };
}

function untilValue(draft: EventDraft): string {
  if (draft.allDay) return draft.until.replaceAll('-', '');
  // RFC 5545: UNTIL of a zoned series is UTC; the last moment of that day in its zone.
  const stamp = new Date(instantOf(`${draft.until}T23:59`, draft.timeZone)).toISOString();
  return `${stamp.slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** The draft's RRULE value, or null for "does not repeat". */
export function ruleOf(draft: EventDraft): string | null {
  const parts = new Map<string, string>();
  switch (draft.repeat) {
    case 'none':
      return null;
    case 'daily':
      parts.set('FREQ', 'DAILY');
      break;
    case 'weekdays':
      parts.set('FREQ', 'WEEKLY').set('BYDAY', WORKDAYS);
      break;
    case 'weekly': {
      const days = WEEKDAYS.filter((day) => draft.weekdays.includes(day));
      parts.set('FREQ', 'WEEKLY');
      if (days.length > 0) parts.set('BYDAY', days.join(','));
      break;
    }
    case 'monthly':
      parts.set('FREQ', 'MONTHLY');
      break;
    case 'yearly':
      parts.set('FREQ', 'YEARLY');
      break;
    case 'custom':
      for (const [key, value] of ruleParts(draft.customRule.trim().replace(/^RRULE:/i, '')))
        parts.set(key.toUpperCase(), value);
      break;
  }
  if (draft.ends === 'on' && !parts.has('COUNT')) parts.set('UNTIL', untilValue(draft));
  if (draft.ends === 'after' && !parts.has('UNTIL')) parts.set('COUNT', String(draft.count));
  return ruleText(parts);
}

const attendeeKeys = (list: readonly Attendee[]) =>
  list
    .map((a) => `${a.kind}:${a.id}`)
    .sort()
    .join('|');
const sameTime = (a: EventTime, b: EventTime) => JSON.stringify(a) === JSON.stringify(b);

/** The new event the draft describes. */
export function createInput(draft: EventDraft, id: string, organizer: string): CreateEventInput {
  const rule = ruleOf(draft);
  return {
    id,
    title: draft.title,
    time: timeOf(draft),
    location: draft.location,
    ...(draft.meetingUrl.trim() ? { meetingUrl: draft.meetingUrl.trim() } : {}),
    description: draft.description,
    organizer,
    attendees: draft.attendees,
    reminders: draft.reminders,
    ...(rule ? { rrule: rule } : {}),
  };
}

/** The fields one occurrence may change that differ between `before` and `after`. */
export function occurrencePatch(before: EventDraft, after: EventDraft): OccurrencePatch {
  const patch: OccurrencePatch = {};
  if (after.title !== before.title) patch.title = after.title;
  if (!sameTime(timeOf(after), timeOf(before))) patch.time = timeOf(after);
  if (after.location !== before.location) patch.location = after.location;
  if (after.meetingUrl.trim() !== before.meetingUrl.trim())
    patch.meetingUrl = after.meetingUrl.trim() || null;
  if (after.description !== before.description) patch.description = after.description;
  return patch;
}

/** Every field that differs between `before` and `after`, as a patch of the whole event. */
export function eventPatch(before: EventDraft, after: EventDraft): EventPatch {
  const patch: EventPatch = { ...occurrencePatch(before, after) };
  if (attendeeKeys(after.attendees) !== attendeeKeys(before.attendees))
    patch.attendees = after.attendees;
  if (after.reminders.join() !== before.reminders.join()) patch.reminders = after.reminders;
  if (ruleOf(after) !== ruleOf(before)) patch.rrule = ruleOf(after);
  return patch;
}

/**
 * "All events" edited from one occurrence: the series' own time moved by the
 * same wall-clock shift as the occurrence's, with the occurrence's new length
 * (editing the 3rd of a weekly series to 10:00 moves every one to 10:00).
 */
export function seriesTime(series: EventTime, before: EventTime, after: EventTime): EventTime {
  const shift = floating(after.start) - floating(before.start);
  const start = floating(series.start) + shift;
  const length = floating(after.end) - floating(after.start);
  if (after.kind === 'allDay')
    return { kind: 'allDay', start: dateOf(start), end: dateOf(start + length) };
  return { ...after, start: localOf(start), end: localOf(start + length) };
}

/**
 * .ics export of a calendar, built with ical.js so escaping and line folding are
 * its job. Times are written as wall clock with TZID (IANA names, each with a
 * VTIMEZONE: ics-vtimezone.ts), 'UTC' events in UTC form, all-day events as dates with
 * the exclusive DTEND iCalendar uses. Each override is its own VEVENT with the
 * series' UID and a RECURRENCE-ID, carrying every field of that occurrence.
 */
import ICAL from 'ical.js';
import { addCalendarDays } from '../model/time/calendar-date.js';
import { timeAt } from './expand.js';
import { icalTime } from './ics-time.js';
import { vtimezone, zoneYears } from './ics-vtimezone.js';
import type { CalendarEvent, Override } from './read-events.js';
import type { EventTime } from './schemas.js';

export interface IcsExportOptions {
  /** A person's email, or undefined to leave them out (departments are always left out). */
  readonly emailOf: (person: string) => string | undefined;
  /** DTSTAMP, epoch ms. */
  readonly now: number;
  /** X-WR-CALNAME, what calendar apps show as the calendar's name. */
  readonly name?: string;
}

const PARTSTAT = { yes: 'ACCEPTED', no: 'DECLINED', maybe: 'TENTATIVE' } as const;

function addTime(component: ICAL.Component, name: string, local: string, zone?: string): void {
  const property = component.addPropertyWithValue(name, icalTime(local, zone === 'UTC'));
  if (zone && zone !== 'UTC') property.setParameter('tzid', zone);
}

function addEventTime(component: ICAL.Component, time: EventTime): void {
  if (time.kind === 'allDay') {
    addTime(component, 'dtstart', time.start);
    addTime(component, 'dtend', addCalendarDays(time.end, 1));
    return;
  }
  addTime(component, 'dtstart', time.start, time.timeZone);
  addTime(component, 'dtend', time.end, time.timeZone);
}

function addRecurrenceId(component: ICAL.Component, name: string, rid: string, series: EventTime) {
  addTime(component, name, rid, series.kind === 'timed' ? series.timeZone : undefined);
}

function addText(component: ICAL.Component, name: string, value: string | null): void {
  if (value) component.addPropertyWithValue(name, value);
}

function vevent(
  event: CalendarEvent,
  fields: {
    title: string;
    time: EventTime;
    location: string;
    description: string;
    meetingUrl: string | null;
    cancelled: boolean;
  },
  options: IcsExportOptions,
): ICAL.Component {
  const component = new ICAL.Component('vevent');
  component.addPropertyWithValue('uid', event.id);
  component.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(options.now), true));
  addText(component, 'summary', fields.title);
  addEventTime(component, fields.time);
  addText(component, 'location', fields.location);
  addText(component, 'description', fields.description);
  addText(component, 'url', fields.meetingUrl);
  if (fields.cancelled) component.addPropertyWithValue('status', 'CANCELLED');
  const organizer = options.emailOf(event.organizer);
  if (organizer) component.addPropertyWithValue('organizer', `mailto:${organizer}`);
  for (const attendee of event.attendees) {
    const email = attendee.kind === 'person' ? options.emailOf(attendee.id) : undefined;
    if (!email) continue;
    const property = component.addPropertyWithValue('attendee', `mailto:${email}`);
    const answer = event.answers[attendee.id]?.answer;
    property.setParameter('partstat', answer ? PARTSTAT[answer] : 'NEEDS-ACTION');
  }
  for (const minutes of event.reminders) {
    const alarm = new ICAL.Component('valarm');
    alarm.addPropertyWithValue('action', 'DISPLAY');
    alarm.addPropertyWithValue('description', fields.title);
    alarm.addPropertyWithValue('trigger', ICAL.Duration.fromSeconds(-minutes * 60));
    component.addSubcomponent(alarm);
  }
  return component;
}

function occurrenceFields(event: CalendarEvent, rid: string, override: Override) {
  return {
    title: override.title ?? event.title,
    time: override.time ?? timeAt(event.time, rid),
    location: override.location ?? event.location,
    description: override.description ?? event.description,
    meetingUrl: override.meetingUrl === undefined ? event.meetingUrl : override.meetingUrl,
    cancelled: event.cancelled || override.cancelled === true,
  };
}

/** The events as one iCalendar file. */
export function exportIcs(events: readonly CalendarEvent[], options: IcsExportOptions): string {
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('prodid', '-//local-first workspace//calendar//EN');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  if (options.name) calendar.addPropertyWithValue('x-wr-calname', options.name);
  for (const [zone, { from, to }] of zoneYears(events, options.now))
    calendar.addSubcomponent(vtimezone(zone, from, to));
  for (const event of events) {
    const master = vevent(event, event, options);
    if (event.rrule) {
      master.addPropertyWithValue('rrule', ICAL.Recur.fromString(event.rrule));
      for (const rid of event.exdates) addRecurrenceId(master, 'exdate', rid, event.time);
    }
    calendar.addSubcomponent(master);
    if (!event.rrule) continue;
    for (const [rid, override] of Object.entries(event.overrides)) {
      const occurrence = vevent(event, occurrenceFields(event, rid, override), options);
      addRecurrenceId(occurrence, 'recurrence-id', rid, event.time);
      calendar.addSubcomponent(occurrence);
    }
  }
  return calendar.toString();
}

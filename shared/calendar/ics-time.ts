/**
 * DATE and DATE-TIME values of .ics files as the model's wall clock plus IANA zone.
 * TZIDs are usually IANA names (sometimes behind a vendor prefix such as
 * '/mozilla.org/20050126_1/Europe/Berlin'); other names (Outlook's 'W. Europe
 * Standard Time') are resolved through the file's VTIMEZONE by ical.js and the
 * result is kept as wall clock in the fallback zone, as the model has no zone
 * that is not IANA.
 */
import ICAL from 'ical.js';
import { isTimeZone } from '../model/time/zoned-time.js';
import { localAt } from './local-time.js';

export type IcsTime =
  | { readonly kind: 'date'; readonly date: string }
  | { readonly kind: 'time'; readonly local: string; readonly zone: string };

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** An IANA zone named by `tzid`, possibly behind a vendor prefix. */
export function ianaZone(tzid: string): string | undefined {
  const segments = tzid.split('/').filter(Boolean);
  for (let i = 0; i < segments.length; i++) {
    const name = segments.slice(i).join('/');
    if (isTimeZone(name) && (name.includes('/') || name === 'UTC')) return name;
  }
  return undefined;
}

/** The file's VTIMEZONEs by TZID. */
export function fileZones(calendar: ICAL.Component): Map<string, ICAL.Timezone> {
  const zones = new Map<string, ICAL.Timezone>();
  for (const component of calendar.getAllSubcomponents('vtimezone')) {
    const tzid = component.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string') zones.set(tzid, new ICAL.Timezone(component));
  }
  return zones;
}

/** The value of a DTSTART/DTEND/RECURRENCE-ID/EXDATE property (one value of it). */
export function readIcsTime(
  property: ICAL.Property,
  value: ICAL.Time,
  zones: ReadonlyMap<string, ICAL.Timezone>,
  fallbackZone: string,
): IcsTime {
  const date = `${pad(value.year, 4)}-${pad(value.month)}-${pad(value.day)}`;
  if (value.isDate) return { kind: 'date', date };
  const local = `${date}T${pad(value.hour)}:${pad(value.minute)}`;
  if (value.zone === ICAL.Timezone.utcTimezone) return { kind: 'time', local, zone: 'UTC' };
  const tzid = property.getParameter('tzid');
  if (typeof tzid !== 'string') return { kind: 'time', local, zone: fallbackZone };
  const iana = ianaZone(tzid);
  if (iana) return { kind: 'time', local, zone: iana };
  const zone = zones.get(tzid);
  if (!zone) throw new Error(`unknown time zone ${tzid} and no VTIMEZONE for it`);
  const instant =
    ICAL.Time.fromData(
      {
        year: value.year,
        month: value.month,
        day: value.day,
        hour: value.hour,
        minute: value.minute,
        second: 0,
        isDate: false,
      },
      zone,
    ).toUnixTime() * 1000;
  return { kind: 'time', local: localAt(instant, fallbackZone), zone: fallbackZone };
}

/** A model wall clock ('YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm') as an ICAL.Time. */
export function icalTime(local: string, utc = false): ICAL.Time {
  const [year, month, day] = local.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (local.length === 10) return ICAL.Time.fromData({ year, month, day, isDate: true });
  const time = ICAL.Time.fromData({
    year,
    month,
    day,
    hour: Number(local.slice(11, 13)),
    minute: Number(local.slice(14, 16)),
    second: 0,
    isDate: false,
  });
  if (utc) time.zone = ICAL.Timezone.utcTimezone;
  return time;
}

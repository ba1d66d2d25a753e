import type { InviteSnapshot } from '../../../shared/api/calendar-invites.js';
import type { EventTime } from '../../../shared/calendar/schemas.js';

/** JSON with object keys sorted and attendees in one order, so equal events compare equal. */
export function canonicalSnapshot(snapshot: InviteSnapshot): string {
  const attendees = [...snapshot.attendees].sort((a, b) =>
    `${a.kind}:${a.id}` < `${b.kind}:${b.id}` ? -1 : 1,
  );
  return JSON.stringify({ ...snapshot, attendees }, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
}

/** "2026-12-03 09:00–10:00 (Europe/Berlin)", plainly: the relay does not know the reader's zone. */
export function timeText(time: EventTime, rrule: string | null): string {
  const repeats = rrule ? ', repeats' : '';
  if (time.kind === 'allDay')
    return `${time.start === time.end ? time.start : `${time.start} – ${time.end}`}, all day${repeats}`;
  const [startDay, startClock] = time.start.split('T');
  const [endDay, endClock] = time.end.split('T');
  const end = endDay === startDay ? endClock : `${endDay} ${endClock}`;
  return `${startDay} ${startClock}–${end} (${time.timeZone})${repeats}`;
}

/** The time changed: answers given to the old time no longer hold [CAL41]. */
export function timeMoved(before: InviteSnapshot, after: InviteSnapshot): boolean {
  return JSON.stringify(before.time) !== JSON.stringify(after.time) || before.rrule !== after.rrule;
}

const SHOWN: readonly (keyof InviteSnapshot)[] = [
  'title',
  'location',
  'meetingUrl',
  'description',
  'exdates',
  'overrides',
  'notesDoc',
];

/**
 * What an attendee is told changed, or null when nothing they see did (only the
 * attendee list changed) [CAL42].
 */
export function changeText(before: InviteSnapshot, after: InviteSnapshot): string | null {
  if (timeMoved(before, after)) return `new time: ${timeText(after.time, after.rrule)}`;
  const changed = SHOWN.filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  ).map((key) => (key === 'exdates' || key === 'overrides' ? 'occurrences' : key));
  if (changed.length === 0) return null;
  return `changed: ${[...new Set(changed)].join(', ')}`;
}

import type { InviteSnapshot } from '../../../../../shared/api/calendar-invites.js';
import { instantOf, showOccurrence } from '../../../workspace/calendar/index.js';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const day = (date: string) => dateFormat.format(new Date(`${date}T00:00:00Z`));

/** When an invited event is, in the viewer's zone (its first occurrence for a series). */
export function whenText(event: InviteSnapshot, zone: string): string {
  const { time } = event;
  const start = time.kind === 'allDay' ? instantOf(`${time.start}T00:00`, zone) : 0;
  const shown = showOccurrence(
    {
      time,
      start: time.kind === 'timed' ? instantOf(time.start, time.timeZone) : start,
      end: time.kind === 'timed' ? instantOf(time.end, time.timeZone) : start,
    },
    zone,
  );
  const repeats = event.rrule ? ' · repeats' : '';
  if (shown.kind === 'allDay')
    return `${day(shown.startDate)}${shown.lastDate !== shown.startDate ? ` – ${day(shown.lastDate)}` : ''}, all day${repeats}`;
  const end =
    shown.endDate === shown.startDate ? shown.endTime : `${day(shown.endDate)} ${shown.endTime}`;
  const own = shown.eventZone
    ? ` (${time.kind === 'timed' ? time.start.slice(11) : ''} ${shown.eventZone})`
    : '';
  return `${day(shown.startDate)}, ${shown.startTime}–${end}${own}${repeats}`;
}

/** Dates as people read them, in the browser's language; dates are plain, so read as UTC. */
const asUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fmt = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' });
const long = fmt({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const short = fmt({ weekday: 'short', day: 'numeric' });
const monthYear = fmt({ month: 'long', year: 'numeric' });
const dayMonth = fmt({ day: 'numeric', month: 'short' });

export const longDate = (date: string) => long.format(asUtc(date));
export const shortDay = (date: string) => short.format(asUtc(date));
export const monthTitle = (date: string) => monthYear.format(asUtc(date));
export const dayAndMonth = (date: string) => dayMonth.format(asUtc(date));
export const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** 'HH:mm' of `minutes` after midnight. */
export function clock(minutes: number): string {
  const m = Math.max(0, Math.min(24 * 60 - 1, minutes));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Minutes after midnight of 'HH:mm'. */
export const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

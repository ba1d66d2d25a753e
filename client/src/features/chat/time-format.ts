import type { DayLabel } from '../../workspace/chat/index.js';

const short = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const sameYear = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  month: 'long',
  day: 'numeric',
});
const otherYear = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

/** "14:05" (in the reader's locale): the date is in the day divider above. */
export function shortTime(date: Date): string {
  return short.format(date);
}

/** The gutter's time beside a grouped message: "10:27", without AM/PM. */
export function gutterTime(date: Date): string {
  return short
    .formatToParts(date)
    .filter((part) => part.type === 'hour' || part.type === 'minute' || part.type === 'literal')
    .map((part) => part.value)
    .join('')
    .trim();
}

/** For the tooltip: the whole date and time. */
export function fullTime(date: Date): string {
  return full.format(date);
}

export function dayLabelText(label: DayLabel, now: Date): string {
  if (label.kind === 'today') return 'Today';
  if (label.kind === 'yesterday') return 'Yesterday';
  const date = new Date(label.at);
  return (date.getFullYear() === now.getFullYear() ? sameYear : otherYear).format(date);
}

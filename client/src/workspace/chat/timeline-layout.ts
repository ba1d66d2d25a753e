/**
 * How a timeline is drawn, Slack-style: a day divider before the first message of each
 * local day, and consecutive messages by one author within GROUP_GAP_MS folded under
 * one name, avatar and time. Pure: "now" and the local calendar come from Date, which
 * callers (and tests) control through the timestamps they pass.
 */

/** Messages closer than this, by one author, share a header. */
export const GROUP_GAP_MS = 5 * 60_000;

export interface TimelineEntry {
  id: string;
  author: string;
  createdAt: number;
}

export interface RowLayout {
  /** Set on the first message of a local day: that day's midnight (local time). */
  dayStart: number | null;
  /** True when this message continues the previous one's group (no name or avatar). */
  continued: boolean;
}

/** Midnight, local time, of the day holding `at`. */
export function startOfDay(at: number): number {
  const date = new Date(at);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/**
 * One layout per message, in order. `breakBefore` starts a new group at a message
 * even when it would continue one (the "New messages" divider sits there).
 */
export function layoutTimeline(
  messages: readonly TimelineEntry[],
  breakBefore: string | null = null,
): RowLayout[] {
  const rows: RowLayout[] = [];
  let previous: TimelineEntry | undefined;
  for (const message of messages) {
    const day = startOfDay(message.createdAt);
    const newDay = previous === undefined || startOfDay(previous.createdAt) !== day;
    const continued =
      previous !== undefined &&
      !newDay &&
      previous.author === message.author &&
      message.createdAt - previous.createdAt >= 0 &&
      message.createdAt - previous.createdAt < GROUP_GAP_MS &&
      message.id !== breakBefore;
    rows.push({ dayStart: newDay ? day : null, continued });
    previous = message;
  }
  return rows;
}

export type DayLabel = { kind: 'today' } | { kind: 'yesterday' } | { kind: 'date'; at: number };

/** "Today", "Yesterday" or a date, for the divider of the day starting at `dayStart`. */
export function dayLabelOf(dayStart: number, now: number): DayLabel {
  const today = startOfDay(now);
  if (dayStart === today) return { kind: 'today' };
  const date = new Date(today);
  const yesterday = new Date(date.getFullYear(), date.getMonth(), date.getDate() - 1).getTime();
  if (dayStart === yesterday) return { kind: 'yesterday' };
  return { kind: 'date', at: dayStart };
}

/**
 * Hybrid logical clock (HLC, Kulkarni et al. 2014) for message order.
 *
 * Every message carries a sort key `wall.counter.node`:
 * - wall: the writer's clock in ms, but never lower than any key it has already seen;
 * - counter: breaks ties when several messages share a wall value (and keeps
 *   increasing while a device's clock lags behind what it has seen);
 * - node: the writing device's id, a total tiebreak between two devices that picked the
 *   same wall and counter.
 *
 * Every device sorts the same set of keys the same way (plain string comparison), so
 * the order is identical everywhere no matter when or in which order updates arrive,
 * including messages written offline. A reply written after reading a message always
 * sorts after it, even when the replying device's clock is behind (it has observed the
 * larger key). A device whose clock runs far ahead cannot drag everyone else's clock
 * with it: remote keys more than MAX_DRIFT_MS in the future are not adopted.
 */
export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;
const WALL_DIGITS = 9; // base 36: covers every ms until the year 5188
const COUNTER_DIGITS = 4;

/** The next timestamp for a local event after `last` (null: nothing seen yet). */
export function tickHlc(last: Hlc | null, now: number, node: string): Hlc {
  if (last === null || now > last.wall) return { wall: now, counter: 0, node };
  return { wall: last.wall, counter: last.counter + 1, node };
}

/** The clock state after seeing a remote key: the later of the two (a far-future key is ignored). */
export function observeHlc(last: Hlc | null, remote: Hlc, now: number): Hlc | null {
  if (remote.wall > now + MAX_DRIFT_MS) return last;
  if (last === null || compareHlc(remote, last) > 0) return remote;
  return last;
}

export function compareHlc(a: Hlc, b: Hlc): number {
  return (
    a.wall - b.wall || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0)
  );
}

/** The sort key: lexicographic order of keys equals HLC order. */
export function encodeHlc(hlc: Hlc): string {
  return `${hlc.wall.toString(36).padStart(WALL_DIGITS, '0')}.${hlc.counter
    .toString(36)
    .padStart(COUNTER_DIGITS, '0')}.${hlc.node}`;
}

export function decodeHlc(key: string): Hlc | null {
  const match = /^([0-9a-z]{9})\.([0-9a-z]{4,})\.(.+)$/.exec(key);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  return { wall: parseInt(match[1], 36), counter: parseInt(match[2], 36), node: match[3] };
}

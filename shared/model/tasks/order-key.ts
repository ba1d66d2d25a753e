/**
 * Order within a column: fractional indexing (rocicorp's `fractional-indexing`).
 * Each card stores a string key and a column lists its cards sorted by key. A move
 * writes one key between its new neighbours' keys and touches no other card, so
 * concurrent offline moves of different cards all survive, and concurrent moves of
 * the same card resolve as last-writer-wins on that card's one `status` value.
 * A Y.Array of ids was the alternative; moving there is delete + insert, and two
 * devices moving one card offline would leave it twice on the board.
 *
 * Two devices inserting at the same spot compute the same midpoint key, so each
 * appends a fixed-length suffix derived from its Yjs clientID. Fixed length keeps
 * keys from different clients distinct (equal keys would need equal prefixes and
 * equal suffixes); the last suffix digit is never '0' because the library rejects
 * keys with a trailing zero. Sorting also falls back to the task id, so even a
 * duplicated key (e.g. written by a buggy client) orders the same on every replica.
 */
import { BASE_62_DIGITS, generateKeyBetween } from 'fractional-indexing';

const SUFFIX_LENGTH = 6;

/** The per-client digits appended to every key this client generates. */
export function tiebreakSuffix(clientId: number): string {
  // The last digit comes from the 61 digits after '0', the rest in base 62:
  // 62^5 * 61 > 2^32 covers every Yjs clientID.
  let rest = Math.floor(Math.abs(clientId)) % 2 ** 32;
  let suffix = BASE_62_DIGITS.charAt(1 + (rest % 61));
  rest = Math.floor(rest / 61);
  while (suffix.length < SUFFIX_LENGTH) {
    suffix = BASE_62_DIGITS.charAt(rest % 62) + suffix;
    rest = Math.floor(rest / 62);
  }
  return suffix;
}

function between(before: string | null, after: string | null): string {
  // Keys from another replica may be malformed or equal; fall back to a looser
  // position rather than refusing the move.
  const attempts: Array<[string | null, string | null]> = [
    [before, after],
    [before, null],
    [null, after],
  ];
  for (const [a, b] of attempts) {
    if (a !== null && b !== null && a >= b) continue;
    try {
      return generateKeyBetween(a, b);
    } catch {
      // try the next, looser bound
    }
  }
  return generateKeyBetween(null, null);
}

/** A key sorting strictly between `before` and `after` (null = open end), unique to `clientId`. */
export function orderKeyBetween(
  before: string | null,
  after: string | null,
  clientId: number,
): string {
  const suffix = tiebreakSuffix(clientId);
  let base = between(before, after);
  // When `base` is a prefix of `after`, base + suffix can sort past `after`;
  // step closer to `after` until it cannot. Terminates in one or two steps.
  for (let step = 0; step < 8 && after !== null && base + suffix >= after; step++) {
    base = between(base, after);
  }
  return base + suffix;
}

/** Sort order of cards and columns: by key, then by id so equal keys still agree. */
export function compareByKey(
  a: { readonly key: string; readonly id: string },
  b: { readonly key: string; readonly id: string },
): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** A key that places an item at `index` among `sorted` (which must not contain the item). */
export function orderKeyAt(
  sorted: ReadonlyArray<{ readonly key: string }>,
  index: number,
  clientId: number,
): string {
  const at = Math.max(0, Math.min(index, sorted.length));
  return orderKeyBetween(sorted[at - 1]?.key ?? null, sorted[at]?.key ?? null, clientId);
}

/**
 * The passage of a search result to show: the window of about 2 × radius
 * characters holding the most distinct query terms (then the most matches),
 * cut at word boundaries, with the matches as ranges to highlight. Words match
 * like the summarizer compares them (terms.ts: "deployed" matches "deploys"),
 * or by prefix like the full-text index ("migr" matches "migration").
 */
import { AiInputError } from './errors.js';
import { wordSpans, type WordSpan } from './terms.js';

export interface Passage {
  /** The excerpt, with '…' where it was cut and white space as single spaces. */
  text: string;
  /** [start, end) of each match in `text`. */
  ranges: [number, number][];
}

const ELLIPSIS = '…';

function queryMatcher(query: string): ((span: WordSpan) => number) | null {
  const spans = wordSpans(query);
  const wanted = spans.some((s) => s.term !== null) ? spans.filter((s) => s.term !== null) : spans;
  if (wanted.length === 0) return null;
  return (span) =>
    wanted.findIndex(
      (q) =>
        (q.term !== null && q.term === span.term) ||
        (q.word.length >= 3 && span.word.startsWith(q.word)),
    );
}

export function highlightPassage(
  text: string,
  query: string,
  opts: { radius?: number } = {},
): Passage {
  const radius = opts.radius ?? 80;
  if (!Number.isInteger(radius) || radius < 1) {
    throw new AiInputError(
      'invalid-input',
      'radius must be a whole number of characters, 1 or more',
    );
  }
  const width = 2 * radius;
  const matcher = queryMatcher(query);
  const matches = matcher
    ? wordSpans(text)
        .map((span) => ({ span, which: matcher(span) }))
        .filter((m) => m.which !== -1)
    : [];

  let from = 0;
  let to = 0;
  let best = -1;
  for (let i = 0, j = 0; i < matches.length; i += 1) {
    j = Math.max(j, i);
    while (j + 1 < matches.length && matches[j + 1]!.span.end - matches[i]!.span.start <= width)
      j += 1;
    const window = matches.slice(i, j + 1);
    const score = new Set(window.map((m) => m.which)).size * 1000 + window.length;
    if (score > best) [best, from, to] = [score, matches[i]!.span.start, matches[j]!.span.end];
  }
  // Centre the matched stretch in the window, then cut at word boundaries.
  let start = Math.max(0, from - Math.floor((width - (to - from)) / 2));
  let end = Math.min(text.length, start + width);
  start = Math.max(0, Math.min(start, end - width));
  if (start > 0) {
    const space = text.slice(start, from === to ? end : from).search(/\s/);
    if (space !== -1) start += space + 1;
  }
  if (end < text.length) {
    const space = text.slice(Math.max(to, start), end).search(/\s\S*$/);
    if (space !== -1) end = Math.max(to, start) + space;
  }
  const prefix = start > 0 ? ELLIPSIS : '';
  const body = text.slice(start, end).replace(/\s/g, ' ');
  const ranges = matches
    .filter((m) => m.span.start >= start && m.span.end <= end)
    .map((m): [number, number] => [
      m.span.start - start + prefix.length,
      m.span.end - start + prefix.length,
    ]);
  return { text: `${prefix}${body}${end < text.length ? ELLIPSIS : ''}`, ranges };
}

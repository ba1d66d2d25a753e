/**
 * Sentence splitting for chat messages, doc paragraphs and task text. The runtime's
 * Intl.Segmenter (granularity 'sentence', Unicode UAX #29) does the splitting; it
 * is fooled by a few things chat is full of, so they are masked first (replaced
 * with letters of the same length, so offsets stay put) and the original text is
 * sliced back out:
 * - URLs ("https://x.dev/a?b=1" holds a '?' and '.'), `code spans`, @mentions
 *   with dots (@ann.lee), and the dot of common abbreviations ("Dr. Smith");
 * - each line is split on its own: a Markdown list item, heading or quote line is
 *   a sentence even without a full stop, and its marker ("- ", "1. ", "> ") is
 *   dropped; fenced code blocks are skipped (code is not prose).
 * Markdown emphasis markers (**, __, ~~, `) are removed from the returned text.
 */

/** One sentence of a text, with where it is in that text. */
export interface Sentence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const ABBREVIATIONS =
  /\b(?:mr|mrs|ms|dr|prof|sr|jr|st|vs|etc|approx|no|fig|inc|ltd|co|e\.g|i\.e|cf|ca|a\.m|p\.m|eta|wrt)\.(?=\s)/gi;
const MASKED = [
  /\bhttps?:\/\/[^\s<>()]+[^\s<>().,;:!?'"]/gi, // URLs (a final '.' or '?' is the sentence's)
  /`[^`\n]+`/g, // inline code
  /@[\w.-]*\w/g, // @mentions, @ann.lee
  /\b\w+(?:\.\w+)+\(\)/g, // foo.bar()
];
const LIST_MARKER = /^\s*(?:[-*+•]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+|#{1,6}\s+|>\s*)/;
const FENCE = /^\s*(```|~~~)/;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// A masked run starts with a capital so that a full stop before it still ends a
// sentence (the segmenter does not break before a lowercase letter).
const blank = (m: string) => `X${m.slice(1).replace(/\S/g, 'x')}`;

function mask(line: string): string {
  let out = line;
  for (const pattern of MASKED) out = out.replace(pattern, blank);
  return (
    out
      .replace(ABBREVIATIONS, (m) => `${m.slice(0, -1)}x`)
      // "**Done.** Next" and "fixed? - next item": the segmenter sees no break there.
      .replace(/\*\*|__|~~/g, '  ')
      .replace(/([.!?]\s+)[-–—•](?=\s)/g, '$1X')
  );
}

/** Display text: Markdown emphasis and link syntax dropped, white space folded. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^\s*[-–—•]\s+/, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|~~|`)/g, '')
    .replace(/(^|\s)[*_]([^*_\s][^*_]*)[*_](?=\s|$|[.,!?])/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The sentences of `text` in order; empty lines, code blocks and punctuation-only bits dropped. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let inFence = false;
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const offset = lineStart;
    lineStart += line.length + 1;
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || line.trim() === '') continue;
    const marker = LIST_MARKER.exec(line)?.[0].length ?? 0;
    const body = line.slice(marker);
    for (const part of segmenter.segment(mask(body))) {
      const raw = body.slice(part.index, part.index + part.segment.length);
      const clean = plainText(raw);
      if (!/[\p{L}\p{N}]/u.test(clean)) continue;
      const start = offset + marker + part.index;
      out.push({ text: clean, start, end: start + raw.trimEnd().length });
    }
  }
  return out;
}

/**
 * Words as the summarizer, the source linker and the passage highlighter compare
 * them: lowercased, stopwords dropped and lightly stemmed, so "deploys",
 * "deployed" and "deploying" are one term. The stemmer only strips common English
 * inflections (plural, -ed, -ing, -ly, -ies); a full Porter stemmer buys little
 * on chat text and makes highlights match surprising words.
 */

// Function words, chat filler and URL parts: they say nothing about the topic.
const STOPWORDS = new Set(
  `a about above after again against all am an and any are aren't as at be because been before
  being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
  don't down during each few for from further had hadn't has hasn't have haven't having he he'd
  he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into
  is isn't it it's its itself just let's me more most mustn't my myself no nor not of off on once
  only or other ought our ours ourselves out over own same shan't she she'd she'll she's should
  shouldn't so some such than that that's the their theirs them themselves then there there's
  these they they'd they'll they're they've this those through to too under until up very was
  wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while
  who who's whom why why's will with won't would wouldn't you you'd you'll you're you've your
  yours yourself yourselves also yet get got go going gonna wanna yeah yes yep ok okay oh hey hi
  hello thanks thank lol haha like really still one think know see http https www com`.split(/\s+/),
);

/** One word of a text with its offsets and its term (null for a stopword). */
export interface WordSpan {
  readonly start: number;
  readonly end: number;
  readonly word: string;
  readonly term: string | null;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** The stem of one lowercased word. */
export function stem(word: string): string {
  let w = word.replace(/['’]s$/, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ['ingly', 'edly', 'ing', 'ed', 'ly']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      // "shipped" -> "shipp" -> "ship"; "deciding" -> "decid" stays a shared stem.
      if (/([^aeiouls])\1$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Every word of `text` with its offsets and its term. */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0].toLowerCase().replace(/’/g, "'");
    const start = match.index;
    const stop = STOPWORDS.has(word) || (word.length < 2 && !/\d/.test(word));
    spans.push({ start, end: start + match[0].length, word, term: stop ? null : stem(word) });
  }
  return spans;
}

/** The content terms of `text`, in order, repeats kept. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const span of wordSpans(text)) if (span.term !== null) out.push(span.term);
  return out;
}

/**
 * Source links for text a model wrote (an abstractive summary): each sentence of
 * it is linked to the sources it most likely came from, by lexical overlap. The
 * overlap of a sentence with a source is the share of the sentence's terms, each
 * weighted by its inverse document frequency over the sources, that the source
 * also has; rare words ("Postgres", "Priya") count for more than common ones.
 * A sentence links to its best source if that reaches `threshold`, and to up to
 * `maxLinks - 1` more that reach it and are within `closeTo` of the best.
 */
import { AiInputError } from './errors.js';
import type { SummarySentence } from './extractive.js';
import { splitSentences } from './sentences.js';
import { checkSources, type SourceText } from './source-sentences.js';
import { terms } from './terms.js';

export interface LinkOptions {
  /** Most sources per sentence; default 3. */
  maxLinks?: number;
  /** Least weighted overlap (0..1) for a link; default 0.3. */
  threshold?: number;
  /** Further links need at least this share of the best overlap; default 0.6. */
  closeTo?: number;
}

/**
 * The sentences of `summaryText`, each with the ids of the sources it came from
 * (best first; empty when nothing reaches the threshold) and its best overlap as
 * the score.
 */
export function linkSentences(
  summaryText: string,
  sources: SourceText[],
  opts: LinkOptions = {},
): SummarySentence[] {
  if (typeof summaryText !== 'string') {
    throw new AiInputError('invalid-input', 'summaryText must be a string');
  }
  checkSources(sources);
  const maxLinks = opts.maxLinks ?? 3;
  const threshold = opts.threshold ?? 0.3;
  const closeTo = opts.closeTo ?? 0.6;
  const sourceTerms = sources.map((s) => new Set(terms(s.text)));
  const documentFrequency = new Map<string, number>();
  for (const set of sourceTerms) {
    for (const term of set) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const idf = (term: string) => Math.log(1 + sources.length / (documentFrequency.get(term) ?? 0.5));

  return splitSentences(summaryText).map(({ text }) => {
    const wanted = [...new Set(terms(text))];
    const total = wanted.reduce((sum, term) => sum + idf(term), 0);
    const overlaps = sourceTerms
      .map((set, i) => ({
        id: sources[i]?.id ?? '',
        overlap:
          total === 0 ? 0 : wanted.reduce((sum, t) => sum + (set.has(t) ? idf(t) : 0), 0) / total,
      }))
      .filter((o) => o.overlap >= threshold)
      .sort((a, b) => b.overlap - a.overlap);
    const best = overlaps[0]?.overlap ?? 0;
    const linked = overlaps.filter((o) => o.overlap >= best * closeTo).slice(0, maxLinks);
    return { text, sourceIds: [...new Set(linked.map((o) => o.id))], score: best };
  });
}

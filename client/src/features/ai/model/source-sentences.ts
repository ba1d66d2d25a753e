import type { SourceText } from '../../../workspace/summaries/source-text.js';
import { AiInputError } from './errors.js';
import { splitSentences } from './sentences.js';
import { terms } from './terms.js';

export type { SourceText };

/** One sentence of one source; `index` is its place in the list of all sentences. */
export interface SourceSentence {
  readonly index: number;
  readonly text: string;
  readonly sourceId: string;
  /** Position of its source in the `sources` given. */
  readonly position: number;
  /** Content terms, stemmed, without repeats. */
  readonly terms: ReadonlySet<string>;
}

/** Throws AiInputError unless every source has a non-empty id and a text. */
export function checkSources(sources: readonly SourceText[]): void {
  // Checked through an unknown: Array.isArray would widen the items to any.
  const list: unknown = sources;
  if (!Array.isArray(list)) throw new AiInputError('invalid-input', 'sources must be an array');
  sources.forEach((source, i) => {
    if (typeof source?.id !== 'string' || source.id === '') {
      throw new AiInputError('invalid-input', `source ${i} has no id`);
    }
    if (typeof source.text !== 'string') {
      throw new AiInputError('invalid-input', `source ${source.id} has no text`);
    }
  });
}

/**
 * Every sentence of every source, in order. An injected similarity for
 * summarizeExtractive receives indexes into this list, so a caller can embed
 * `sourceSentences(sources).map((s) => s.text)` once and compare by index.
 */
export function sourceSentences(sources: readonly SourceText[]): SourceSentence[] {
  checkSources(sources);
  const out: SourceSentence[] = [];
  sources.forEach((source, position) => {
    for (const sentence of splitSentences(source.text)) {
      out.push({
        index: out.length,
        text: sentence.text,
        sourceId: source.id,
        position,
        terms: new Set(terms(sentence.text)),
      });
    }
  });
  return out;
}

/**
 * Whether a question got an answer, without understanding either. A question is
 * answered when, among the ANSWER_WINDOW sources after the one that asked it, one
 * by somebody else (another author; any other source when authors are unknown):
 * - replies to it (`replyTo` is the asking source), or
 * - has a sentence that is not itself a question and shares at least two of the
 *   question's content terms (one, if the question has only one or two).
 * Asking the same question again is not an answer. The heuristic errs towards
 * "answered" in busy channels (shared words are common); the window bounds that.
 */
import { isQuestion } from './cues.js';
import type { SourceSentence, SourceText } from './source-sentences.js';
import type { SentenceGroup } from './duplicates.js';

/** How many later sources may hold the answer. */
export const ANSWER_WINDOW = 50;

/** Per source, the terms of its sentences that are not questions. */
export function answerTerms(
  sources: readonly SourceText[],
  sentences: readonly SourceSentence[],
): Array<Set<string>> {
  const out = sources.map(() => new Set<string>());
  for (const sentence of sentences) {
    if (isQuestion(sentence.text)) continue;
    const set = out[sentence.position];
    if (set) for (const term of sentence.terms) set.add(term);
  }
  return out;
}

export function isAnswered(
  question: SentenceGroup,
  sources: readonly SourceText[],
  answers: ReadonlyArray<ReadonlySet<string>>,
): boolean {
  const { position, terms } = question.first;
  const asker = sources[position];
  if (!asker) return false;
  const needed = Math.min(2, terms.size);
  const restated = new Set(question.sourceIds);
  const last = Math.min(sources.length - 1, position + ANSWER_WINDOW);
  for (let p = position + 1; p <= last; p += 1) {
    const source = sources[p];
    if (!source || restated.has(source.id)) continue;
    const sameAuthor =
      asker.author !== undefined ? source.author === asker.author : source.id === asker.id;
    if (sameAuthor) continue;
    if (source.replyTo === asker.id) return true;
    let shared = 0;
    for (const term of answers[p] ?? []) if (terms.has(term)) shared += 1;
    if (needed > 0 && shared >= needed) return true;
  }
  return false;
}

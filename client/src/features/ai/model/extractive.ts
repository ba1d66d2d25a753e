/**
 * Extractive summary: the sentences of the sources that matter most, each linked to
 * every source that said it. Works with no model at all; an embedding model can be
 * plugged in as the similarity.
 *
 * 1. Split every source into sentences (sentences.ts) and merge near-duplicates
 *    (duplicates.ts), keeping all their source ids.
 * 2. Classify each (cues.ts): decision, question, noise or statement. Noise
 *    (jokes, "ok", "thanks", too few content terms) is never ranked.
 * 3. Rank the rest with TextRank (textrank.ts): PageRank, damping 0.85, over the
 *    sentence similarity graph, with the random jump weighted 1 + 1/(1 + position
    of the source), so a thread's opening messages get a small head start. Above MAX_GRAPH_SENTENCES sentences, the graph is
 *    built over that many only: decisions and questions first, then the statements
 *    closest to the centroid (the term frequencies of the whole input), which keeps
 *    the cost of a 1,000-message thread bounded (the graph is quadratic).
 *    A group said by k sources has its score multiplied by 1 + ln k.
 * 4. Decisions are the decision sentences; open questions are the questions no
 *    later message answered (open-questions.ts); key points are the best-ranked
 *    statements. Each list holds at most `maxSentences`, best first, then is put
 *    back in source order. Scores are relative: the best sentence ranked is 1.
 */
import { classify, type SentenceKind } from './cues.js';
import { groupDuplicates, type SentenceGroup } from './duplicates.js';
import { AiInputError } from './errors.js';
import { answerTerms, isAnswered } from './open-questions.js';
import { sourceSentences, type SourceText } from './source-sentences.js';
import { pageRank, similarityGraph, type PageRankOptions } from './textrank.js';

export type { SourceText } from './source-sentences.js';

/** One line of a summary and every source it came from. */
export interface SummarySentence {
  text: string;
  sourceIds: string[];
  score: number;
}

export interface ExtractiveSummary {
  keyPoints: SummarySentence[];
  decisions: SummarySentence[];
  openQuestions: SummarySentence[];
}

export interface ExtractiveOptions extends PageRankOptions {
  /** Most sentences per list; default 5. */
  maxSentences?: number;
  /** Similarity of two sentences by their index in sourceSentences(sources); >= 0. */
  similarity?: (a: number, b: number) => number;
}

/** Jump weight of the first source is 1 + LEAD_BIAS, of the n-th 1 + LEAD_BIAS / n. */
export const LEAD_BIAS = 4;

/** Above this many candidate sentences the graph is built over a pre-selection. */
export const MAX_GRAPH_SENTENCES = 600;

interface Ranked {
  group: SentenceGroup;
  kind: SentenceKind;
  score: number;
}

export function summarizeExtractive(
  sources: SourceText[],
  opts: ExtractiveOptions = {},
): ExtractiveSummary {
  const max = opts.maxSentences ?? 5;
  if (!Number.isInteger(max) || max < 0) {
    throw new AiInputError('invalid-input', 'maxSentences must be a whole number, 0 or more');
  }
  const sentences = sourceSentences(sources);
  const groups = groupDuplicates(sentences).map((group) => ({
    group,
    kind: classify(group.first.text),
    score: 0,
  }));
  const ranked = preselect(groups.filter((g) => g.kind !== 'noise'));
  const similarity = opts.similarity;
  const graph = similarityGraph(
    ranked.map((r) => r.group.first.terms),
    similarity &&
      ((a, b) => similarity(ranked[a]!.group.first.index, ranked[b]!.group.first.index)),
  );
  // A mild lead bias: the first messages usually say what the thread is about.
  const jump = ranked.map((r) => 1 + LEAD_BIAS / (1 + r.group.first.position));
  const { scores } = pageRank(graph, opts, jump);
  ranked.forEach((r, i) => {
    r.score = (scores[i] ?? 0) * (1 + Math.log(r.group.sourceIds.length));
  });
  const best = Math.max(0, ...ranked.map((r) => r.score));

  const answers = answerTerms(sources, sentences);
  const pick = (keep: (r: Ranked) => boolean): SummarySentence[] =>
    ranked
      .filter(keep)
      .sort((a, b) => b.score - a.score || a.group.first.index - b.group.first.index)
      .slice(0, max)
      .sort((a, b) => a.group.first.index - b.group.first.index)
      .map((r) => ({
        text: r.group.first.text,
        sourceIds: [...r.group.sourceIds],
        score: best > 0 ? r.score / best : 0,
      }));
  return {
    keyPoints: pick((r) => r.kind === 'statement'),
    decisions: pick((r) => r.kind === 'decision'),
    openQuestions: pick((r) => r.kind === 'question' && !isAnswered(r.group, sources, answers)),
  };
}

/** At most MAX_GRAPH_SENTENCES groups: decisions and questions, then the most central. */
function preselect(candidates: Ranked[]): Ranked[] {
  if (candidates.length <= MAX_GRAPH_SENTENCES) return candidates;
  const frequency = new Map<string, number>();
  for (const { group } of candidates) {
    for (const term of group.first.terms) {
      frequency.set(term, (frequency.get(term) ?? 0) + group.members.length);
    }
  }
  const centrality = (r: Ranked) => {
    let sum = 0;
    for (const term of r.group.first.terms) sum += frequency.get(term) ?? 0;
    return sum / Math.sqrt(Math.max(1, r.group.first.terms.size));
  };
  const cue = (r: Ranked) => (r.kind === 'statement' ? 0 : 1);
  const keep = new Set(
    candidates
      .map((r) => ({ r, cue: cue(r), c: centrality(r) }))
      .sort((a, b) => b.cue - a.cue || b.c - a.c)
      .slice(0, MAX_GRAPH_SENTENCES)
      .map(({ r }) => r),
  );
  return candidates.filter((r) => keep.has(r));
}

import type { SourceSentence } from './source-sentences.js';

/** Sentences saying the same thing, merged: the first one's text stands for all. */
export interface SentenceGroup {
  readonly first: SourceSentence;
  readonly members: SourceSentence[];
  /** Sources of the members, first seen first, without repeats. */
  readonly sourceIds: string[];
}

/** Share of terms (Jaccard) from which two sentences count as the same. */
export const DUPLICATE_JACCARD = 0.8;

/**
 * Groups near-duplicate sentences ("+1, let's ship Friday" said three times):
 * same term set, or a Jaccard similarity of DUPLICATE_JACCARD and more. Candidates
 * come from an inverted index over the groups' terms, so the cost follows how
 * many sentences share terms, not the square of their number.
 */
export function groupDuplicates(sentences: readonly SourceSentence[]): SentenceGroup[] {
  const groups: SentenceGroup[] = [];
  const byKey = new Map<string, SentenceGroup>();
  const postings = new Map<string, number[]>();
  for (const sentence of sentences) {
    const key = [...sentence.terms].sort().join(' ');
    let group = key === '' ? undefined : byKey.get(key);
    if (!group && sentence.terms.size >= 3) group = nearest(sentence, groups, postings);
    if (group) {
      group.members.push(sentence);
      if (!group.sourceIds.includes(sentence.sourceId)) group.sourceIds.push(sentence.sourceId);
      continue;
    }
    group = { first: sentence, members: [sentence], sourceIds: [sentence.sourceId] };
    if (key !== '') byKey.set(key, group);
    for (const term of sentence.terms) {
      const list = postings.get(term);
      if (list) list.push(groups.length);
      else postings.set(term, [groups.length]);
    }
    groups.push(group);
  }
  return groups;
}

function nearest(
  sentence: SourceSentence,
  groups: readonly SentenceGroup[],
  postings: ReadonlyMap<string, number[]>,
): SentenceGroup | undefined {
  const shared = new Map<number, number>();
  for (const term of sentence.terms) {
    for (const g of postings.get(term) ?? []) shared.set(g, (shared.get(g) ?? 0) + 1);
  }
  let best: SentenceGroup | undefined;
  let bestScore = DUPLICATE_JACCARD;
  for (const [g, count] of shared) {
    const group = groups[g];
    if (!group) continue;
    const jaccard = count / (sentence.terms.size + group.first.terms.size - count);
    if (jaccard >= bestScore) {
      best = group;
      bestScore = jaccard;
    }
  }
  return best;
}

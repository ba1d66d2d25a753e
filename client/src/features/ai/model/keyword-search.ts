/**
 * Keyword search across chat, docs and tasks, and its fusion with semantic search.
 * The full-text side is MiniSearch with the same matching as the chat search panel
 * (workspace/chat/search.ts); the semantic side is vectors.ts. Reciprocal rank fusion
 * (Cormack, Clarke & Büttcher, 2009) merges them by rank alone, so the two kinds of
 * scores never have to be put on one scale.
 */
import MiniSearch from 'minisearch';
import { FULL_TEXT_MATCHING, tokenizeWords } from '../../../workspace/chat/search.js';
import { AiInputError } from './errors.js';

/** Something searchable: a message, a doc (or one of its paragraphs) or a task. */
export interface KeywordItem {
  id: string;
  kind: 'message' | 'doc' | 'task';
  text: string;
  /** A doc's or task's title; matches in it count double. */
  title?: string;
}

/** An id with its score in one result list, best first. */
export interface RankedId {
  id: string;
  score: number;
}

export type KeywordIndex = MiniSearch<KeywordItem>;

/** A full-text index; add, replace and discard items on it as content changes. */
export function buildKeywordIndex(items: readonly KeywordItem[]): KeywordIndex {
  const index = new MiniSearch<KeywordItem>({
    fields: ['title', 'text'],
    storeFields: ['kind'],
    tokenize: tokenizeWords,
    searchOptions: { ...FULL_TEXT_MATCHING, boost: { title: 2 } },
  });
  index.addAll(items.filter((item) => item.text.length > 0 || (item.title ?? '') !== ''));
  return index;
}

/** Full-text hits for `query`, best first, at most `limit`; optionally of one kind. */
export function searchKeywords(
  index: KeywordIndex,
  query: string,
  opts: { limit?: number; kind?: KeywordItem['kind'] } = {},
): RankedId[] {
  if (query.trim() === '') return [];
  const kind = opts.kind;
  return index
    .search(query, kind === undefined ? {} : { filter: (hit) => hit.kind === kind })
    .slice(0, opts.limit ?? 50)
    .map((hit) => ({ id: String(hit.id), score: hit.score }));
}

/**
 * Reciprocal rank fusion: each id scores the sum over lists of 1 / (k + rank),
 * rank 1 being the best of a list (lists are ordered by their own score, highest
 * first; a repeated id counts at its best rank). Best first; ties keep the order
 * in which ids were first met.
 */
export function fuseResults(lists: RankedId[][], k = 60): RankedId[] {
  if (!(k >= 0)) throw new AiInputError('invalid-input', 'k must be a number, 0 or more');
  const fused = new Map<string, number>();
  for (const list of lists) {
    const seen = new Set<string>();
    const ordered = [...list].sort((a, b) => b.score - a.score);
    ordered.forEach(({ id }, i) => {
      if (seen.has(id)) return;
      seen.add(id);
      fused.set(id, (fused.get(id) ?? 0) + 1 / (k + i + 1));
    });
  }
  return [...fused].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}

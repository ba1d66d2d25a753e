import MiniSearch from 'minisearch';

/** One searchable message; the channel and author are kept for filters and results. */
export interface SearchDoc {
  id: string;
  channelId: string;
  author: string;
  text: string;
  createdAt: number;
}

export interface SearchFilters {
  author?: string;
  channelId?: string;
  /** Inclusive range of createdAt (ms). */
  from?: number;
  to?: number;
}

export type MessageIndex = MiniSearch<SearchDoc>;

/** How every full-text search on the device matches: word prefixes and small typos. */
export const FULL_TEXT_MATCHING = { prefix: true, fuzzy: 0.2 } as const;

// Pure: importing the chat model for its other exports must not pull MiniSearch into
// the first screen's chunk [LOAD1].
const byPunctuation = /* @__PURE__ */ MiniSearch.getDefault('tokenize') as (
  text: string,
) => string[];
const words = /* @__PURE__ */ new Intl.Segmenter(undefined, { granularity: 'word' });

/**
 * Words of any language [CHAT6]. Chinese and Japanese put no spaces between words,
 * so MiniSearch's own tokenizer (spaces and punctuation) made a whole sentence one
 * term, found only from its start; the browser's word segmenter (ICU dictionaries)
 * splits them, then the usual split on punctuation keeps "detail.Bob" two words as
 * before. Used for the index and the query alike.
 */
export function tokenizeWords(text: string): string[] {
  const terms: string[] = [];
  for (const segment of words.segment(text)) {
    if (!segment.isWordLike) continue;
    for (const term of byPunctuation(segment.segment)) if (term !== '') terms.push(term);
  }
  return terms;
}

/** A full-text index (MiniSearch) over messages on the device: prefix and fuzzy matches. */
export function buildMessageIndex(docs: readonly SearchDoc[]): MessageIndex {
  const index = new MiniSearch<SearchDoc>({
    fields: ['text'],
    storeFields: ['channelId', 'author', 'text', 'createdAt'],
    tokenize: tokenizeWords,
    searchOptions: FULL_TEXT_MATCHING,
  });
  index.addAll(docs.filter((d) => d.text.length > 0));
  return index;
}

export function searchMessages(
  index: MessageIndex,
  query: string,
  filters: SearchFilters = {},
): SearchDoc[] {
  if (query.trim() === '') return [];
  return index
    .search(query, {
      filter: (hit) => {
        const doc = hit as unknown as SearchDoc;
        return (
          (filters.author === undefined || doc.author === filters.author) &&
          (filters.channelId === undefined || doc.channelId === filters.channelId) &&
          (filters.from === undefined || doc.createdAt >= filters.from) &&
          (filters.to === undefined || doc.createdAt <= filters.to)
        );
      },
    })
    .map((hit) => {
      const doc = hit as unknown as SearchDoc;
      return {
        id: hit.id as string,
        channelId: doc.channelId,
        author: doc.author,
        text: doc.text,
        createdAt: doc.createdAt,
      };
    });
}

import { describe, expect, it } from 'vitest';
import {
  AiInputError,
  buildKeywordIndex,
  cosine,
  fuseResults,
  highlightPassage,
  linkSentences,
  searchKeywords,
  topK,
} from '../../../../../client/src/features/ai/model/index.js';
import { THREADS } from '../../../../fixtures/ai-threads.js';

const vec = (...xs: number[]) => Float32Array.from(xs);

describe('linkSentences', () => {
  const incident = THREADS.find((t) => t.name === 'incident')!.messages;

  it('links each sentence of a paraphrased summary to the messages it came from', () => {
    const summary =
      'A deploy at 13:50 added a currency conversion cache without a size limit. ' +
      'The payment pods ran out of memory and checkout returned 502 errors. ' +
      'The team rolled back the deploy.';
    const linked = linkSentences(summary, incident);
    expect(linked.map((l) => l.text)).toHaveLength(3);
    expect(linked[0]?.sourceIds).toContain('inc3');
    expect(linked[0]?.sourceIds).toContain('inc8');
    expect(linked[1]?.sourceIds[0]).toBe('inc1');
    expect(linked[2]?.sourceIds[0]).toBe('inc5');
    for (const l of linked) expect(l.sourceIds.length).toBeLessThanOrEqual(3);
  });

  it('leaves a sentence unrelated to every source without links', () => {
    const [line] = linkSentences('Penguins enjoy the Antarctic winter.', incident);
    expect(line).toMatchObject({ sourceIds: [], score: 0 });
  });

  it('honours maxLinks and threshold', () => {
    const text = 'The currency conversion cache and the payment pods.';
    expect(linkSentences(text, incident, { maxLinks: 1 })[0]?.sourceIds).toHaveLength(1);
    expect(linkSentences(text, incident, { threshold: 1.01 })[0]?.sourceIds).toEqual([]);
  });

  it('rejects sources without ids', () => {
    expect(() => linkSentences('x', [{ id: '', text: 'y' }])).toThrow(AiInputError);
  });
});

describe('fuseResults (reciprocal rank fusion)', () => {
  it('ranks an id found by both searches above ids found by one', () => {
    const keyword = [
      { id: 'a', score: 9 },
      { id: 'b', score: 5 },
      { id: 'c', score: 1 },
    ];
    const semantic = [
      { id: 'd', score: 0.9 },
      { id: 'c', score: 0.8 },
    ];
    const fused = fuseResults([keyword, semantic]);
    expect(fused.map((r) => r.id)).toEqual(['c', 'a', 'd', 'b']);
    expect(fused[0]?.score).toBeCloseTo(1 / 63 + 1 / 62);
    expect(fused[1]?.score).toBeCloseTo(1 / 61);
  });

  it('ranks by score within a list, counts a repeated id once, and takes k', () => {
    const fused = fuseResults(
      [
        [
          { id: 'low', score: 1 },
          { id: 'high', score: 2 },
          { id: 'high', score: 0.5 },
        ],
      ],
      0,
    );
    expect(fused).toEqual([
      { id: 'high', score: 1 },
      { id: 'low', score: 0.5 },
    ]);
    expect(fuseResults([])).toEqual([]);
    expect(() => fuseResults([], -1)).toThrow(AiInputError);
  });
});

describe('keyword index', () => {
  const index = buildKeywordIndex([
    { id: 'm1', kind: 'message', text: 'The Postgres upgrade moves staging to version 16' },
    { id: 'd1', kind: 'doc', title: 'Postgres runbook', text: 'How to restore a backup' },
    { id: 't1', kind: 'task', title: 'Order pizza', text: '' },
  ]);

  it('matches prefixes and typos like the chat search, title matches first', () => {
    expect(searchKeywords(index, 'postgre').map((r) => r.id)).toEqual(['d1', 'm1']);
    expect(searchKeywords(index, 'pizza').map((r) => r.id)).toEqual(['t1']);
    expect(searchKeywords(index, 'postgres', { kind: 'message' }).map((r) => r.id)).toEqual(['m1']);
    expect(searchKeywords(index, '  ')).toEqual([]);
  });

  it('feeds fuseResults with scores, best first', () => {
    const hits = searchKeywords(index, 'postgres');
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });
});

describe('highlightPassage', () => {
  const text =
    `${'Intro words here. '.repeat(10)}We deployed the migration to staging yesterday and ` +
    `the Postgres migrations ran fine.\n${'Outro text again. '.repeat(10)}`;

  it('picks the window around the query terms, stemmed and by prefix', () => {
    const passage = highlightPassage(text, 'deploys migr', { radius: 40 });
    expect(passage.text.startsWith('…We deployed')).toBe(true);
    expect(passage.text.endsWith('…')).toBe(true);
    expect(passage.text.length).toBeLessThanOrEqual(80 + 2);
    expect(passage.ranges.map(([a, b]) => passage.text.slice(a, b))).toEqual([
      'deployed',
      'migration',
      'migrations',
    ]);
  });

  it('prefers the window with more distinct terms over one with repeats', () => {
    const doc = `cache cache cache cache ${'filler '.repeat(30)}the cache limit was raised`;
    const passage = highlightPassage(doc, 'cache limit', { radius: 20 });
    expect(passage.ranges.map(([a, b]) => passage.text.slice(a, b))).toEqual(['cache', 'limit']);
  });

  it('returns the start of the text without ranges when nothing matches', () => {
    expect(highlightPassage('short text', 'nothing')).toEqual({ text: 'short text', ranges: [] });
    expect(highlightPassage('a b c', 'the')).toEqual({ text: 'a b c', ranges: [] });
  });

  it('rejects a bad radius', () => {
    expect(() => highlightPassage('x', 'x', { radius: 0 })).toThrow(AiInputError);
  });
});

describe('cosine and topK', () => {
  it('computes cosine similarity, 0 for a zero vector, and refuses mixed lengths', () => {
    expect(cosine(vec(1, 0), vec(0, 1))).toBe(0);
    expect(cosine(vec(1, 2), vec(2, 4))).toBeCloseTo(1);
    expect(cosine(vec(1, 0), vec(-1, 0))).toBeCloseTo(-1);
    expect(cosine(vec(0, 0), vec(1, 1))).toBe(0);
    expect(() => cosine(vec(1), vec(1, 2))).toThrow(AiInputError);
  });

  it('returns the k nearest, best first, earlier items winning ties', () => {
    const vectors = [
      { id: 'east', vector: vec(1, 0) },
      { id: 'north', vector: vec(0, 1) },
      { id: 'north-east', vector: vec(1, 1) },
      { id: 'also-east', vector: vec(2, 0) },
      { id: 'west', vector: vec(-1, 0) },
    ];
    expect(topK(vec(1, 0.1), vectors, 2).map((r) => r.id)).toEqual(['east', 'also-east']);
    expect(topK(vec(1, 0), vectors, 3).map((r) => r.id)).toEqual([
      'east',
      'also-east',
      'north-east',
    ]);
    expect(topK(vec(1, 0), vectors, 10)).toHaveLength(5);
    expect(topK(vec(1, 0), vectors, 0)).toEqual([]);
    expect(() => topK(vec(1, 0), vectors, 1.5)).toThrow(AiInputError);
  });

  it('streams over any iterable', () => {
    function* store() {
      for (let i = 0; i < 1000; i += 1)
        yield { id: `v${i}`, vector: vec(Math.cos(i), Math.sin(i)) };
    }
    const query = vec(0.3, 0.7);
    const brute = [...store()]
      .map(({ id, vector }) => ({ id, score: cosine(query, vector) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 5);
    expect(topK(query, store(), 5)).toEqual(brute);
  });
});

import { describe, expect, it } from 'vitest';
import {
  AiInputError,
  MAX_GRAPH_SENTENCES,
  sourceSentences,
  summarizeExtractive,
  type ExtractiveSummary,
  type SourceText,
} from '../../../../../client/src/features/ai/model/index.js';
import { splitSentences } from '../../../../../client/src/features/ai/model/sentences.js';
import { THREADS } from '../../../../fixtures/ai-threads.js';

const everything = (s: ExtractiveSummary) => [...s.keyPoints, ...s.decisions, ...s.openQuestions];
const idsIn = (lines: { sourceIds: string[] }[]) => new Set(lines.flatMap((l) => l.sourceIds));

describe('sentence splitting', () => {
  it('keeps abbreviations, URLs, code spans and @mentions inside their sentence', () => {
    const text =
      'Dr. Smith reviewed it. See https://example.com/a.b?x=1 for details! ' +
      'Call `foo.bar()` first. @ann.lee please check v1.2.3 today.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'Dr. Smith reviewed it.',
      'See https://example.com/a.b?x=1 for details!',
      'Call foo.bar() first.',
      '@ann.lee please check v1.2.3 today.',
    ]);
  });

  it('splits Markdown list items and drops markers, emphasis and code blocks', () => {
    const text =
      '**Plan:** ship it.\n- cut the branch\n* write the notes\n1. tell support\n```\nconst a = 1.\n```';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'Plan: ship it.',
      'cut the branch',
      'write the notes',
      'tell support',
    ]);
  });
});

describe('extractive summary of the hand-written threads', () => {
  for (const thread of THREADS) {
    describe(thread.name, () => {
      const summary = summarizeExtractive(thread.messages);

      it('lists the expected decisions and open questions', () => {
        const decisions = idsIn(summary.decisions);
        const open = idsIn(summary.openQuestions);
        for (const id of thread.decisions) expect(decisions, id).toContain(id);
        for (const id of thread.openQuestions) expect(open, id).toContain(id);
      });

      it('picks no noise (greetings, jokes, "ok", "thanks")', () => {
        const picked = idsIn(everything(summary));
        for (const id of thread.noise) expect(picked, id).not.toContain(id);
      });

      it('finds at least two thirds of the expected key points', () => {
        const picked = idsIn(everything(summary));
        const found = thread.keyPoints.filter((id) => picked.has(id));
        expect(found.length).toBeGreaterThanOrEqual(Math.ceil((thread.keyPoints.length * 2) / 3));
      });

      it('keeps each list in source order, within maxSentences', () => {
        for (const list of [summary.keyPoints, summary.decisions, summary.openQuestions]) {
          expect(list.length).toBeLessThanOrEqual(5);
          const order = list.map((l) => thread.messages.findIndex((m) => m.id === l.sourceIds[0]));
          expect(order).toEqual([...order].sort((a, b) => a - b));
        }
      });
    });
  }

  it('recalls at least 85 % of all expected key points', () => {
    let expected = 0;
    let found = 0;
    for (const thread of THREADS) {
      const picked = idsIn(everything(summarizeExtractive(thread.messages)));
      expected += thread.keyPoints.length;
      found += thread.keyPoints.filter((id) => picked.has(id)).length;
    }
    expect(found / expected).toBeGreaterThanOrEqual(0.85);
  });
});

describe('extractive summary behaviour', () => {
  const msg = (id: string, author: string, text: string): SourceText => ({ id, author, text });

  it('handles no source, one source and two sources', () => {
    expect(summarizeExtractive([])).toEqual({ keyPoints: [], decisions: [], openQuestions: [] });
    const one = summarizeExtractive([
      msg('a', 'ann', 'The nightly backup job failed twice this week.'),
    ]);
    expect(one.keyPoints).toEqual([
      { text: 'The nightly backup job failed twice this week.', sourceIds: ['a'], score: 1 },
    ]);
    const two = summarizeExtractive([
      msg('a', 'ann', 'The nightly backup job failed twice this week.'),
      msg('b', 'bob', 'ok thanks'),
    ]);
    expect(idsIn(everything(two))).toEqual(new Set(['a']));
  });

  it('merges near-duplicate sentences and links them to every message that said them', () => {
    const summary = summarizeExtractive([
      msg('1', 'ann', 'We should move the weekly sync meeting to Tuesday afternoon.'),
      msg('2', 'bob', 'The staging cluster runs out of disk space every weekend.'),
      msg('3', 'cat', 'we should move the weekly sync meeting to tuesday afternoon!'),
    ]);
    const merged = summary.keyPoints.find((k) => k.text.startsWith('We should move'));
    expect(merged?.sourceIds).toEqual(['1', '3']);
    expect(summary.keyPoints).toHaveLength(2);
  });

  it('leaves a question answered by someone else off the open questions', () => {
    const summary = summarizeExtractive([
      msg('q', 'ann', 'Which region should host the new analytics database?'),
      msg('a', 'bob', 'The analytics database goes to the Frankfurt region, close to our users.'),
      msg('q2', 'ann', 'Who reviews the quarterly security audit report?'),
      msg('x', 'ann', 'I will also look at the security audit report myself.'),
    ]);
    expect(summary.openQuestions.map((q) => q.sourceIds)).toEqual([['q2']]);
  });

  it('counts a reply (replyTo) as an answer even without shared words', () => {
    const summary = summarizeExtractive([
      msg('q', 'ann', 'Which vendor handles the office printer contract?'),
      { id: 'r', author: 'bob', text: 'Acme, since last spring.', replyTo: 'q' },
    ]);
    expect(summary.openQuestions).toEqual([]);
  });

  it('uses an injected similarity given sentence indexes', () => {
    const sources = [
      msg('1', 'ann', 'Alpha bravo charlie delta.'),
      msg('2', 'bob', 'Echo foxtrot golf hotel.'),
      msg('3', 'cat', 'India juliett kilo lima.'),
    ];
    const sentences = sourceSentences(sources);
    const seen: Array<[number, number]> = [];
    // 2 and 3 are "similar" by embedding; 1 is alone: 1 must rank last.
    const summary = summarizeExtractive(sources, {
      maxSentences: 2,
      similarity: (a, b) => {
        seen.push([a, b]);
        return sentences[a]?.sourceId !== '1' && sentences[b]?.sourceId !== '1' ? 1 : 0;
      },
    });
    expect(seen.length).toBe(3);
    expect(summary.keyPoints.map((k) => k.sourceIds[0])).toEqual(['2', '3']);
  });

  it(`summarizes 1,500 messages (more than ${MAX_GRAPH_SENTENCES} sentences) with each list capped`, () => {
    const nouns = ['pipeline', 'invoice', 'index', 'login', 'cache', 'quota', 'webhook', 'report'];
    const verbs = ['breaks', 'slows', 'retries', 'logs', 'blocks', 'drops', 'times out', 'leaks'];
    const sources = Array.from({ length: 1500 }, (_, i) =>
      msg(
        `m${i}`,
        `u${i % 7}`,
        `Ticket ${i}: the ${nouns[i % 8]} ${verbs[(i >> 3) % 8]} for customer ${i % 97}. ` +
          `The ${nouns[(i * 5) % 8]} fix ${i % 11} is ready.`,
      ),
    );
    sources.push(msg('d', 'boss', 'We agreed to freeze the pipeline until the invoice fix ships.'));
    expect(sourceSentences(sources).length).toBeGreaterThan(MAX_GRAPH_SENTENCES);
    const summary = summarizeExtractive(sources, { maxSentences: 3 });
    expect(summary.keyPoints).toHaveLength(3);
    expect(summary.decisions.map((d) => d.sourceIds)).toEqual([['d']]);
    for (const k of summary.keyPoints) expect(k.score).toBeGreaterThan(0);
  });

  it('rejects bad input with AiInputError', () => {
    expect(() => summarizeExtractive([{ id: '', text: 'x' }])).toThrow(AiInputError);
    expect(() => summarizeExtractive([], { maxSentences: -1 })).toThrow(/maxSentences/);
  });
});

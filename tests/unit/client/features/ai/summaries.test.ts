import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  AI_SETTINGS_KEY,
  readAiSettings,
  writeAiSettings,
} from '../../../../../client/src/features/ai/ai-settings.js';
import {
  MODEL_INPUT_CHARS,
  modelInput,
  summarizeSources,
} from '../../../../../client/src/features/ai/summarize-sources.js';
import { textHash } from '../../../../../client/src/features/ai/vector-store.js';
import { catchUpMessages } from '../../../../../client/src/features/chat/catch-up.js';
import type { ChannelMessage } from '../../../../../client/src/features/chat/use-channel.js';
import { changedBlocks, docBlocks } from '../../../../../client/src/workspace/docs/doc-blocks.js';
import { readDocJson } from '../../../../../shared/model/docs/doc-json.js';
import { writeDocJson } from '../../../../../client/src/workspace/docs/write-doc.js';
import { markdownToJson } from '../../../../../shared/model/docs/markdown.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 22, 12);

function message(
  id: string,
  key: string,
  createdAt: number,
  extra: Partial<ChannelMessage> = {},
): ChannelMessage {
  return {
    id,
    key,
    author: 'ann',
    text: `text of ${id}`,
    createdAt,
    parentId: null,
    editedAt: null,
    deleted: false,
    mentions: { users: [], channel: false },
    reactions: [],
    item: null,
    bucket: 'm2026-11',
    sent: true,
    ...extra,
  };
}

describe('catch-up ranges', () => {
  const timeline = [
    message('old', 'k1', NOW - 8 * DAY),
    message('week', 'k2', NOW - 3 * DAY),
    message('gone', 'k3', NOW - 2 * DAY, { deleted: true }),
    message('today', 'k5', NOW - 60_000),
  ];
  const replies = new Map([
    ['week', [message('reply', 'k4', NOW - 2 * 60 * 60 * 1000, { parentId: 'week' })]],
  ]);
  const ids = (range: Parameters<typeof catchUpMessages>[2], pointer: string | null = null) =>
    catchUpMessages(timeline, replies, range, pointer, NOW).map((m) => m.id);

  it('reads after the read pointer, replies included, oldest first, never deleted messages', () => {
    expect(ids('unread', 'k2')).toEqual(['reply', 'today']);
    expect(ids('unread', null)).toEqual(['old', 'week', 'reply', 'today']);
    expect(ids('unread', 'k5')).toEqual([]);
  });

  it('reads the last day, the last week or everything loaded', () => {
    expect(ids('day')).toEqual(['reply', 'today']);
    expect(ids('week')).toEqual(['week', 'reply', 'today']);
    expect(ids('loaded')).toEqual(['old', 'week', 'reply', 'today']);
  });
});

describe('summaries with and without a model', () => {
  const sources = [
    'Morning, where are we with the mobile release candidate?',
    'QA passed the payments flow; the settings screen still has one bug.',
    'We agreed to ship the release on Friday once build 412 passes QA.',
    'Should we delay the marketing email until every region has the release?',
  ].map((text, i) => ({ id: `m${i}`, text, author: i % 2 ? 'bo' : 'ann', at: i }));

  it('without a summarizer answers with the extractive sections and their sources', async () => {
    const result = await summarizeSources(sources, null);
    expect(result.method).toBe('extractive');
    expect(result.abstract).toEqual([]);
    expect(result.decisions.map((d) => d.sourceIds)).toContainEqual(['m2']);
  });

  it('links each sentence the model writes to the messages it draws on', async () => {
    const asked: string[] = [];
    const result = await summarizeSources(sources, {
      modelName: () => 'tiny',
      summarize: (text) => {
        asked.push(text);
        return Promise.resolve(
          'The team will ship the release on Friday after build 412 passes. The marketing email may wait.',
        );
      },
    });
    expect(result.method).toBe('model');
    expect(result.model).toBe('tiny');
    expect(result.abstract.map((s) => s.sourceIds[0])).toEqual(['m2', 'm3']);
    // The model reads the ranked sentences, in the order they were said.
    expect(asked[0]!.indexOf('payments')).toBeLessThan(asked[0]!.indexOf('Friday'));
  });

  it('falls back to the extractive summary, saying why, when the model fails or says nothing', async () => {
    const failing = await summarizeSources(sources, {
      modelName: () => 'tiny',
      summarize: () => Promise.reject(new Error('out of memory')),
    });
    expect(failing.method).toBe('extractive');
    expect(failing.notice).toContain('out of memory');
    expect(failing.decisions.length).toBeGreaterThan(0);
    const silent = await summarizeSources(sources, {
      modelName: () => 'tiny',
      summarize: () => Promise.resolve(''),
    });
    expect(silent.method).toBe('extractive');
    expect(silent.notice).toContain('gave no summary');
  });

  it('keeps the model input under its limit', () => {
    const long = Array.from({ length: 400 }, (_, i) => ({
      id: `x${i}`,
      text: `Point number ${i} about the database migration plan and its rollback steps.`,
    }));
    const summary = { keyPoints: [], decisions: [], openQuestions: [] };
    expect(modelInput(summary, long).length).toBeLessThanOrEqual(MODEL_INPUT_CHARS);
  });
});

describe('doc blocks for TL;DR', () => {
  const doc = (markdown: string) => {
    const d = new Y.Doc();
    writeDocJson(d, markdownToJson(markdown));
    return d;
  };

  it('gives each non-empty top-level block its index', () => {
    const blocks = docBlocks(readDocJson(doc('# Plan\n\nShip on Friday.\n\n- one\n- two\n')));
    expect(blocks.map((b) => [b.id, b.text])).toEqual([
      ['block-0', 'Plan'],
      ['block-1', 'Ship on Friday.'],
      ['block-2', 'one two'],
    ]);
  });

  it('finds the blocks added or edited since a version and counts the removed ones', () => {
    const before = doc('# Plan\n\nShip on Friday.\n\nOld risk list.\n');
    const after = doc('# Plan\n\nShip on Monday.\n\nNew: a rollback plan.\n');
    const { changed, removed } = changedBlocks(after, before);
    expect(changed.map((b) => b.text)).toEqual(['Ship on Monday.', 'New: a rollback plan.']);
    expect(removed).toBe(2);
  });
});

describe('AI settings and vectors', () => {
  it('default to everything on and survive corrupt storage', () => {
    const store = new Map<string, string>([[AI_SETTINGS_KEY, '{not json']]);
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    expect(readAiSettings(storage).features).toEqual({
      catchUp: true,
      docSummary: true,
      briefing: true,
      semanticSearch: true,
    });
    const settings = readAiSettings(storage);
    writeAiSettings(storage, { ...settings, features: { ...settings.features, briefing: false } });
    expect(readAiSettings(storage).features.briefing).toBe(false);
    expect(readAiSettings(storage).useModels.summarizer).toBe(true);
  });

  it('notice every edit of a text by its hash', () => {
    expect(textHash('ship on friday')).toBe(textHash('ship on friday'));
    expect(textHash('ship on friday')).not.toBe(textHash('ship on monday'));
    expect(textHash('a')).not.toBe(textHash('a '));
  });
});

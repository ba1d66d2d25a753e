import { describe, expect, it } from 'vitest';
import {
  buildMessageIndex,
  searchMessages,
} from '../../../../../client/src/workspace/chat/index.js';

const docs = [
  {
    id: '1',
    channelId: 'general',
    author: 'ann',
    text: 'Quarterly budget review on Friday',
    createdAt: 1000,
  },
  {
    id: '2',
    channelId: 'finance',
    author: 'bob',
    text: 'Budget spreadsheet is ready',
    createdAt: 2000,
  },
  { id: '3', channelId: 'general', author: 'bob', text: 'Lunch at noon?', createdAt: 3000 },
  { id: '4', channelId: 'general', author: 'ann', text: '', createdAt: 4000 },
];

describe('search over messages on the device', () => {
  const index = buildMessageIndex(docs);
  const ids = (query: string, filters = {}) =>
    searchMessages(index, query, filters)
      .map((d) => d.id)
      .sort();

  it('finds words, prefixes and small typos', () => {
    expect(ids('budget')).toEqual(['1', '2']);
    expect(ids('spread')).toEqual(['2']);
    expect(ids('budgt')).toEqual(['1', '2']);
    expect(ids('  ')).toEqual([]);
  });

  it('filters by person, channel and date', () => {
    expect(ids('budget', { author: 'bob' })).toEqual(['2']);
    expect(ids('budget', { channelId: 'general' })).toEqual(['1']);
    expect(ids('budget', { from: 1500, to: 2500 })).toEqual(['2']);
  });
});

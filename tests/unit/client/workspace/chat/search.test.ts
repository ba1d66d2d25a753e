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

  it('[CHAT6] finds Chinese, Japanese and Korean words inside a sentence, and words joined by punctuation', () => {
    const cjk = buildMessageIndex([
      { id: 'zh', channelId: 'c', author: 'a', text: '明天的会议纪要请发给我', createdAt: 1 },
      { id: 'ja', channelId: 'c', author: 'a', text: '会議の議事録を送ってください', createdAt: 2 },
      { id: 'ko', channelId: 'c', author: 'a', text: '회의록을 보내 주세요', createdAt: 3 },
      { id: 'en', channelId: 'c', author: 'a', text: 'see the detail.Bob wrote', createdAt: 4 },
    ]);
    const found = (query: string) => searchMessages(cjk, query).map((d) => d.id);
    expect(found('纪要')).toEqual(['zh']);
    expect(found('議事録')[0]).toBe('ja');
    expect(found('회의록')).toEqual(['ko']);
    expect(found('Bob')).toEqual(['en']);
  });
});

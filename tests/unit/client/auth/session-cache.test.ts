import { describe, expect, it } from 'vitest';
import {
  clearSessionCache,
  readSessionCache,
  writeSessionCache,
  type SessionCache,
} from '../../../../client/src/auth/session-cache.js';

class MemoryStorage implements Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const cache: SessionCache = {
  me: {
    user: {
      id: 'u1',
      email: 'ada@example.com',
      name: 'Ada',
      role: 'owner',
      active: true,
      groups: [],
    },
    workspace: { name: 'Acme' },
  },
  directory: [
    {
      id: 'scratchpad',
      kind: 'doc',
      title: 'Team scratchpad',
      ownerId: 'u1',
      level: 'write',
      canManage: true,
      createdAt: 1,
      parentId: null,
      trashedAt: null,
      favourite: false,
    },
  ],
};

describe('session cache', () => {
  it('round-trips who is signed in and their directory', () => {
    const storage = new MemoryStorage();
    expect(readSessionCache(storage)).toBeNull();
    writeSessionCache(storage, cache);
    expect(readSessionCache(storage)).toEqual(cache);
    clearSessionCache(storage);
    expect(readSessionCache(storage)).toBeNull();
  });

  it('treats damaged or outdated entries as no session', () => {
    const storage = new MemoryStorage();
    storage.setItem('ws:session', '{not json');
    expect(readSessionCache(storage)).toBeNull();
    storage.setItem('ws:session', JSON.stringify({ me: { user: { id: 'u1' } }, directory: [] }));
    expect(readSessionCache(storage)).toBeNull();
  });
});

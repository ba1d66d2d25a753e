import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  LAYOUT_KEY,
  LAYOUT_VERSION,
  STORAGE_KEYS,
  upgradeLocalStorage,
} from '../../../../client/src/lib/storage-layout.js';

/** The Web Storage interface over a Map, in insertion order like browsers keep it. */
class MapStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
  entries() {
    return Object.fromEntries(this.items);
  }
}

/** What a device of the first release holds (no layout version recorded). */
function firstReleaseDevice(): MapStorage {
  const storage = new MapStorage();
  storage.setItem('ws:device-owner', 'u1');
  storage.setItem('ws:session', JSON.stringify({ me: { user: { id: 'u1' } }, rooms: [] }));
  storage.setItem('ws:theme', 'dark');
  storage.setItem('ws:reminders:u1', JSON.stringify({ fired: ['t1'] }));
  storage.setItem('ws:ai:briefing-hidden:u1', '2025-12-03');
  storage.setItem('chat.node', 'n-123');
  storage.setItem('chat.members.general', JSON.stringify(['u1', 'u2']));
  return storage;
}

describe('[UPGRADE6] localStorage layout', () => {
  it('a device of the first release is taken as version 1: every value kept as it was', () => {
    const storage = firstReleaseDevice();
    const before = storage.entries();
    expect(upgradeLocalStorage(storage)).toEqual({
      kind: 'current',
      version: LAYOUT_VERSION,
      quarantined: [],
    });
    expect(storage.entries()).toEqual({ ...before, [LAYOUT_KEY]: String(LAYOUT_VERSION) });
  });

  it('a value it cannot read is kept aside under a quarantine key and reported; the rest stays', () => {
    const storage = firstReleaseDevice();
    storage.setItem('ws:session', '{"me": {"user"'); // a write cut short
    const outcome = upgradeLocalStorage(storage);
    expect(outcome.quarantined).toEqual(['ws:session']);
    expect(storage.getItem('ws:session')).toBeNull();
    expect(storage.getItem('ws:quarantine:ws:session')).toBe('{"me": {"user"');
    expect(storage.getItem('ws:theme')).toBe('dark');
    // The next start finds nothing more to move.
    expect(upgradeLocalStorage(storage).quarantined).toEqual([]);
  });

  it('older layouts run the later migrations in order, recording each', () => {
    const storage = firstReleaseDevice();
    storage.setItem(LAYOUT_KEY, '1');
    const seen: string[] = [];
    const outcome = upgradeLocalStorage(storage, [
      {
        version: 2,
        name: 'theme under its own prefix',
        up(s) {
          seen.push(`2 at ${s.getItem(LAYOUT_KEY)}`);
          const theme = s.getItem('ws:theme');
          if (theme !== null) s.setItem('ws:ui:theme', theme);
          s.removeItem('ws:theme');
        },
      },
      { version: 3, name: 'nothing', up: (s) => void seen.push(`3 at ${s.getItem(LAYOUT_KEY)}`) },
    ]);
    expect(outcome).toEqual({ kind: 'upgraded', from: 1, version: 3, quarantined: [] });
    expect(seen).toEqual(['2 at 1', '3 at 2']);
    expect(storage.getItem('ws:ui:theme')).toBe('dark');
    expect(storage.getItem(LAYOUT_KEY)).toBe('3');
  });

  it('a layout written by a newer app is left untouched', () => {
    const storage = firstReleaseDevice();
    storage.setItem(LAYOUT_KEY, String(LAYOUT_VERSION + 1));
    storage.setItem('ws:session', 'not json in this layout');
    const before = storage.entries();
    expect(upgradeLocalStorage(storage)).toEqual({
      kind: 'newer',
      found: LAYOUT_VERSION + 1,
      version: LAYOUT_VERSION,
      quarantined: [],
    });
    expect(storage.entries()).toEqual(before);
  });

  it('an unreadable layout version is kept aside and the keys read as version 1', () => {
    const storage = firstReleaseDevice();
    storage.setItem(LAYOUT_KEY, 'banana');
    expect(upgradeLocalStorage(storage).kind).toBe('current');
    expect(storage.getItem(`ws:quarantine:${LAYOUT_KEY}`)).toBe('banana');
    expect(storage.getItem('ws:theme')).toBe('dark');
  });

  it('every listed key is used by the module named as its owner', () => {
    for (const { key, owner } of STORAGE_KEYS) {
      const source = readFileSync(
        fileURLToPath(new URL(`../../../../client/src/${owner}`, import.meta.url)),
        'utf8',
      );
      expect(source, `${key} in ${owner}`).toContain(key);
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  askPersistenceOnce,
  formatBytes,
  PERSIST_ASKED_KEY,
  readStorageReport,
  type StorageApi,
} from '../../../../client/src/lib/storage-persistence.js';

function memory(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}

/** A StorageManager that answers like a browser and counts persist() calls. */
function browser(persisted: boolean, grants: boolean) {
  const state = { persisted, asked: 0 };
  const api: StorageApi = {
    persisted: () => Promise.resolve(state.persisted),
    persist: () => {
      state.asked += 1;
      state.persisted = grants;
      return Promise.resolve(grants);
    },
    estimate: () => Promise.resolve({ usage: 3_565_158, quota: 2 * 1024 ** 3 }),
  };
  return { api, state };
}

describe('storage on this device', () => {
  it('[DEV10] asks for persistence on the first sign-in only, whatever the answer', async () => {
    const local = memory();
    const refusing = browser(false, false);
    expect(await askPersistenceOnce(refusing.api, local)).toBe(false);
    expect(await askPersistenceOnce(refusing.api, local)).toBeNull();
    expect(refusing.state.asked).toBe(1);
    expect(local.getItem(PERSIST_ASKED_KEY)).not.toBeNull();
  });

  it('[DEV10] does not ask when storage is already persistent or the browser cannot be asked', async () => {
    const kept = browser(true, true);
    expect(await askPersistenceOnce(kept.api, memory())).toBe(true);
    expect(kept.state.asked).toBe(0);
    const local = memory();
    expect(await askPersistenceOnce(undefined, local)).toBeNull();
    expect(await askPersistenceOnce({}, local)).toBeNull();
  });

  it('[DEV11] reports usage, quota and whether the browser may evict', async () => {
    expect(await readStorageReport(browser(false, false).api)).toEqual({
      kind: 'known',
      usage: 3_565_158,
      quota: 2 * 1024 ** 3,
      persistence: 'may-evict',
    });
    expect(await readStorageReport(browser(true, true).api)).toMatchObject({
      persistence: 'persisted',
    });
  });

  it('[DEV12] says what it does not know instead of guessing', async () => {
    expect(await readStorageReport(undefined)).toEqual({ kind: 'unsupported' });
    expect(await readStorageReport({})).toEqual({ kind: 'unsupported' });
    const estimateOnly: StorageApi = { estimate: () => Promise.reject(new Error('denied')) };
    expect(await readStorageReport(estimateOnly)).toEqual({
      kind: 'known',
      usage: null,
      quota: null,
      persistence: 'unknown',
    });
  });

  it('writes sizes the way people read them', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(812 * 1024)).toBe('812 KB');
    expect(formatBytes(3_565_158)).toBe('3.4 MB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GB');
  });
});

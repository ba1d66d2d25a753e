import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../sync-server/src/config.js';

describe('parseConfig', () => {
  it('has documented defaults', () => {
    expect(parseConfig({})).toMatchObject({
      PORT: 8787,
      DATA_DIR: './data',
      MAX_FRAME_BYTES: 4 * 1024 * 1024,
      SQLITE_SYNCHRONOUS: 'full',
      MUX_MAX_SUBSCRIPTIONS: 1024,
    });
  });

  it('coerces numbers from strings', () => {
    expect(parseConfig({ PORT: '9000', ROOM_IDLE_MS: '5' })).toMatchObject({
      PORT: 9000,
      ROOM_IDLE_MS: 5,
    });
  });

  it('names every bad variable in one readable error', () => {
    expect(() => parseConfig({ PORT: 'eighty', SQLITE_SYNCHRONOUS: 'off' })).toThrow(
      /invalid configuration: PORT: .*; SQLITE_SYNCHRONOUS: /,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { syncUrl } from '../../../../client/src/lib/sync-url.js';

describe('syncUrl', () => {
  it('uses the origin that served the app, with a WebSocket scheme', () => {
    expect(syncUrl({ protocol: 'http:', host: 'localhost:8787' })).toBe('ws://localhost:8787/sync');
    expect(syncUrl({ protocol: 'https:', host: 'team.example' })).toBe('wss://team.example/sync');
  });
});

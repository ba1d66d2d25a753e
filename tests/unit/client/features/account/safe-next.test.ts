import { describe, expect, it } from 'vitest';
import { safeNext } from '../../../../../client/src/features/account/safe-next.js';

describe('safeNext', () => {
  it('returns to a page of this app after signing in', () => {
    expect(safeNext('/rooms/abc12345')).toBe('/rooms/abc12345');
    expect(safeNext(['/settings', '/x'])).toBe('/settings');
  });

  it('goes Home for anything that could leave the origin', () => {
    for (const next of [
      undefined,
      '',
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
    ]) {
      expect(safeNext(next)).toBe('/');
    }
  });
});

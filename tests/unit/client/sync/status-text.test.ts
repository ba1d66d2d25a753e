import { describe, expect, it } from 'vitest';
import { pendingLabel, statusLabel } from '../../../../client/src/sync/status-text.js';

describe('status text', () => {
  it('says plainly what is not yet on the relay', () => {
    expect(pendingLabel(0)).toBe('All changes saved on the relay');
    expect(pendingLabel(1)).toBe('1 change not yet on the relay');
    expect(pendingLabel(7)).toBe('7 changes not yet on the relay');
  });

  it('names the cause of being offline', () => {
    expect(statusLabel({ kind: 'offline', cause: 'relay' })).toBe('Offline: relay unreachable');
    expect(statusLabel({ kind: 'offline', cause: 'network' })).toBe('Offline');
    expect(
      statusLabel({ kind: 'error', code: 4400, reason: 'malformed frame', retrying: false }),
    ).toBe('Error: malformed frame');
  });
});

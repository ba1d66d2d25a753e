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

describe('pendingLabel at workspace scale', () => {
  it('never says all saved while a room is not on the device yet', () => {
    expect(pendingLabel(0, 0, { rooms: 2143, roomsCurrent: 37 })).toBe('Syncing 37 of 2,143 rooms');
    expect(pendingLabel(0, 0, { rooms: 5, roomsCurrent: 5 })).toBe(
      'All changes saved on the relay',
    );
  });

  it('counts changes and rooms not yet on the relay before anything else', () => {
    expect(pendingLabel(3, 2, { rooms: 9, roomsCurrent: 1 })).toBe(
      '3 changes in 2 rooms not yet on the relay',
    );
    expect(pendingLabel(1, 1)).toBe('1 change not yet on the relay');
  });
});

import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../../shared/protocol/close-codes.js';
import {
  aggregateStatus,
  deriveStatus,
  describeClose,
  initialStatusInputs,
  type StatusInputs,
} from '../../../../client/src/sync/connection-status.js';

const base: StatusInputs = initialStatusInputs;

describe('deriveStatus', () => {
  it('is connecting before the first attempt has an outcome', () => {
    expect(deriveStatus(base)).toEqual({ kind: 'connecting' });
    expect(deriveStatus({ ...base, socket: 'connecting' })).toEqual({ kind: 'connecting' });
  });

  it('is syncing while open and synced after the first step 2', () => {
    expect(deriveStatus({ ...base, socket: 'open' })).toEqual({ kind: 'syncing' });
    expect(deriveStatus({ ...base, socket: 'open', synced: true })).toEqual({ kind: 'synced' });
  });

  it('is offline when the device has no network, whatever the socket says', () => {
    expect(deriveStatus({ ...base, online: false, socket: 'open', synced: true })).toEqual({
      kind: 'offline',
      cause: 'network',
    });
  });

  it('stays offline (relay unreachable) through retries instead of flickering connecting', () => {
    const unreachable = { ...base, unreachable: true, lastClose: { code: 1006, reason: '' } };
    expect(deriveStatus({ ...unreachable, socket: 'idle' })).toEqual({
      kind: 'offline',
      cause: 'relay',
    });
    expect(deriveStatus({ ...unreachable, socket: 'connecting' })).toEqual({
      kind: 'offline',
      cause: 'relay',
    });
  });

  it('is an error with a readable reason after a permanent close', () => {
    const fatal = { code: CloseCode.invalidRoomName, reason: 'invalid room name' };
    expect(deriveStatus({ ...base, fatal, online: false })).toEqual({
      kind: 'error',
      code: 4404,
      reason: 'invalid room name',
      retrying: false,
    });
  });

  it('reports storage failures as a retrying error until a socket opens again', () => {
    const lastClose = { code: CloseCode.storageFailed, reason: '' };
    const status = deriveStatus({ ...base, lastClose, socket: 'connecting' });
    expect(status).toMatchObject({ kind: 'error', code: 4503, retrying: true });
    expect(deriveStatus({ ...base, lastClose, socket: 'open' })).toEqual({ kind: 'syncing' });
  });

  it.each([
    [CloseCode.roomQuarantined, /quarantined/],
    [CloseCode.updateDeferred, /retrying/],
  ])('[ISO3][ADMIT5] says why while it retries after close %i', (code, words) => {
    const status = deriveStatus({ ...base, lastClose: { code, reason: '' }, socket: 'connecting' });
    expect(status).toMatchObject({ kind: 'error', code, retrying: true });
    expect(status.kind === 'error' && status.reason).toMatch(words);
  });
});

describe('describeClose', () => {
  it('prefers our wording, then the relay reason, then the code', () => {
    expect(describeClose({ code: 4429, reason: 'x' })).toBe('too many messages');
    expect(describeClose({ code: 4455, reason: 'revoked' })).toBe('revoked');
    expect(describeClose({ code: 4455, reason: '' })).toContain('4455');
  });
});

describe('aggregateStatus', () => {
  it('shows the worst status of all rooms', () => {
    expect(aggregateStatus([])).toBeNull();
    expect(
      aggregateStatus([
        { kind: 'synced' },
        { kind: 'offline', cause: 'relay' },
        { kind: 'syncing' },
      ]),
    ).toEqual({ kind: 'offline', cause: 'relay' });
  });
});

import type { ConnectionStatus } from './connection-status.js';

/** Short, honest wording for the connection indicator. */
export function statusLabel(status: ConnectionStatus | null): string {
  if (!status) return 'No open documents';
  switch (status.kind) {
    case 'synced':
      return 'Connected';
    case 'syncing':
      return 'Syncing…';
    case 'connecting':
      return 'Connecting…';
    case 'offline':
      return status.cause === 'network' ? 'Offline' : 'Offline: relay unreachable';
    case 'error':
      return `Error: ${status.reason}`;
  }
}

const count = new Intl.NumberFormat('en');

/**
 * What is not yet on the relay, or not yet on this device. "All changes saved" only
 * when no room, open or not, holds unconfirmed changes and every room the relay
 * announced is on the device.
 */
export function pendingLabel(
  pending: number,
  pendingRooms = pending > 0 ? 1 : 0,
  sync: { rooms: number; roomsCurrent: number } = { rooms: 0, roomsCurrent: 0 },
): string {
  if (pending > 0) {
    const changes = pending === 1 ? '1 change' : `${count.format(pending)} changes`;
    return pendingRooms > 1
      ? `${changes} in ${count.format(pendingRooms)} rooms not yet on the relay`
      : `${changes} not yet on the relay`;
  }
  if (sync.roomsCurrent < sync.rooms)
    return `Syncing ${count.format(sync.roomsCurrent)} of ${count.format(sync.rooms)} rooms`;
  return 'All changes saved on the relay';
}

export type StatusTone = 'ok' | 'busy' | 'warn' | 'bad';

export function statusTone(status: ConnectionStatus | null): StatusTone {
  switch (status?.kind) {
    case 'synced':
      return 'ok';
    case 'error':
      return 'bad';
    case 'offline':
      return 'warn';
    default:
      return 'busy';
  }
}

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

export function pendingLabel(pending: number): string {
  if (pending === 0) return 'All changes saved on the relay';
  return pending === 1
    ? '1 change not yet on the relay'
    : `${pending} changes not yet on the relay`;
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

import { closeReason, CloseCode, isPermanentClose } from '../../../shared/protocol/close-codes.js';

/** What the UI may honestly say about one room's link to the relay. */
export type ConnectionStatus =
  | { kind: 'offline'; cause: 'network' | 'relay' }
  | { kind: 'connecting' }
  | { kind: 'syncing' }
  | { kind: 'synced' }
  | { kind: 'error'; code: number; reason: string; retrying: boolean };

export type ConnectionKind = ConnectionStatus['kind'];

export interface CloseInfo {
  code: number;
  reason: string;
}

/** Raw facts gathered from navigator and the provider's events. */
export interface StatusInputs {
  online: boolean;
  socket: 'idle' | 'connecting' | 'open';
  synced: boolean;
  /** The last attempt closed without ever opening: the relay is unreachable. */
  unreachable: boolean;
  lastClose: CloseInfo | null;
  /** The relay closed with a code reconnecting cannot fix; the provider stopped. */
  fatal: CloseInfo | null;
}

export const initialStatusInputs: StatusInputs = {
  online: true,
  socket: 'idle',
  synced: false,
  unreachable: false,
  lastClose: null,
  fatal: null,
};

/** Closes that keep retrying but that a person should hear about (the relay said why). */
const retryingErrors = new Set<number>([
  CloseCode.storageFailed,
  CloseCode.roomQuarantined,
  CloseCode.updateDeferred,
]);

export function deriveStatus(inputs: StatusInputs): ConnectionStatus {
  if (inputs.fatal) return errorStatus(inputs.fatal, false);
  if (!inputs.online) return { kind: 'offline', cause: 'network' };
  if (inputs.socket === 'open') return { kind: inputs.synced ? 'synced' : 'syncing' };
  if (inputs.lastClose && retryingErrors.has(inputs.lastClose.code))
    return errorStatus(inputs.lastClose, true);
  if (inputs.unreachable) return { kind: 'offline', cause: 'relay' };
  return { kind: 'connecting' };
}

function errorStatus(close: CloseInfo, retrying: boolean): ConnectionStatus {
  return { kind: 'error', code: close.code, reason: describeClose(close), retrying };
}

const knownCodes = new Set<number>(Object.values(CloseCode));

function isKnownCode(code: number): code is CloseCode {
  return knownCodes.has(code);
}

/** A sentence a person can read for a close code, preferring our own wording. */
export function describeClose({ code, reason }: CloseInfo): string {
  if (isKnownCode(code)) return closeReason(code);
  if (reason) return reason;
  return isPermanentClose(code)
    ? `the relay refused the connection (code ${code})`
    : `connection closed (code ${code})`;
}

const severity: Record<ConnectionKind, number> = {
  synced: 0,
  syncing: 1,
  connecting: 2,
  offline: 3,
  error: 4,
};

/** The status to show for several rooms at once: the worst one wins. */
export function aggregateStatus(statuses: readonly ConnectionStatus[]): ConnectionStatus | null {
  let worst: ConnectionStatus | null = null;
  for (const status of statuses) {
    if (!worst || severity[status.kind] > severity[worst.kind]) worst = status;
  }
  return worst;
}

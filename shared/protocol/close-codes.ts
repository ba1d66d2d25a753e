/**
 * Close codes the relay uses. Following y-websocket's convention, 4400–4499 mean
 * "reconnecting cannot fix this" (the stock client stops retrying) and 4500–4599
 * mean "try again later".
 */
export const CloseCode = {
  /** Relay is shutting down or unloading; reconnect later. */
  goingAway: 1001,
  /** A frame exceeded MAX_FRAME_BYTES (enforced by the WebSocket layer). */
  messageTooBig: 1009,
  malformedFrame: 4400,
  unknownMessageType: 4401,
  /** The person lost read access to this room (rule change, group change). */
  accessRevoked: 4403,
  invalidRoomName: 4404,
  /** The account was deactivated: the device should delete its local copies. */
  accountDeactivated: 4410,
  /** The session behind the token was signed out or its password reset. */
  sessionEnded: 4411,
  /** An update the relay will not apply (PROTOCOL.md, "Update admission"); nothing of it was stored. */
  updateRefused: 4422,
  unsupportedProtocolVersion: 4426,
  rateLimited: 4429,
  storageFailed: 4503,
  /** An update waits on items the relay does not have yet and the room's budget for such is spent [ADMIT5]. */
  updateDeferred: 4520,
  /** The room's stored state could not be loaded; an operator must repair it (`npm run admin -- rooms`). */
  roomQuarantined: 4504,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

const reasons: Record<CloseCode, string> = {
  [CloseCode.goingAway]: 'relay is going away; reconnect later',
  [CloseCode.messageTooBig]: 'frame exceeds the relay frame size limit',
  [CloseCode.malformedFrame]: 'malformed frame',
  [CloseCode.unknownMessageType]: 'unknown message type',
  [CloseCode.accessRevoked]: 'access to this room was revoked',
  [CloseCode.invalidRoomName]: 'invalid room name',
  [CloseCode.accountDeactivated]: 'this account was deactivated',
  [CloseCode.sessionEnded]: 'this session has ended; sign in again',
  [CloseCode.updateRefused]: 'update refused',
  [CloseCode.unsupportedProtocolVersion]: 'unsupported protocol version',
  [CloseCode.rateLimited]: 'too many messages',
  [CloseCode.storageFailed]: 'relay could not store changes; your device keeps them, retrying',
  [CloseCode.updateDeferred]:
    'update waits on changes the relay does not have yet; your device keeps it, retrying',
  [CloseCode.roomQuarantined]:
    'room is quarantined until an operator repairs it; your device keeps its copy',
};

/** A human-readable reason for a close code; WebSocket reasons must stay under 123 bytes. */
export function closeReason(code: CloseCode, detail?: string): string {
  const text = detail ? `${reasons[code]}: ${detail}` : reasons[code];
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** True when a reconnect cannot help (y-websocket's own rule). */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}

import type { CloseCode } from '../../../shared/protocol/close-codes.js';
import type { PresenceStamp } from '../../../shared/protocol/presence-stamp.js';

/** One WebSocket connection to a room, as the room sees it. */
export interface Peer {
  readonly id: number;
  /**
   * The socket's connection id, in every log line about it [METRIC7]: the peer's own
   * id for version 1, shared by the subscriptions of one version 2 socket.
   */
  readonly connection: number;
  /** Asked for confirm frames (`?confirm=1`). */
  readonly wantsConfirm: boolean;
  /** The authenticated person, stamped on every awareness state it sends [PRES4]. */
  readonly person: PresenceStamp;
  /**
   * May change the room. A read-only peer's updates are dropped and answered with
   * permission denied; the access guard flips this when rules change.
   */
  writable: boolean;
  send(frame: Uint8Array): void;
  /** Buffers sends until `uncork`, so that a batch leaves in one write. */
  cork(): void;
  uncork(): void;
  close(code: CloseCode, reason: string): void;
}

let lastPeerId = 0;

/** A process-wide unique peer (and connection) id (logs and tests tell them apart by it). */
export function newPeerId(): number {
  return ++lastPeerId;
}

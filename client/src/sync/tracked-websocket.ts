import { isDataFrame } from '../../../shared/protocol/confirm.js';
import { SyncMessageType } from '../../../shared/protocol/message-types.js';
import type { ConfirmLedger, LedgerConnection } from './confirm-ledger.js';

/** A WebSocket that tells a ConfirmLedger about every data frame it sends. */
export interface TrackedWebSocket extends WebSocket {
  readonly ledgerConnection: LedgerConnection;
}

/**
 * A WebSocket class for WebsocketProvider's WebSocketPolyfill option. Each instance is
 * one connection, so frame numbering restarts with every reconnect.
 */
export function trackedWebSocketClass(
  ledger: ConfirmLedger,
  Base: typeof WebSocket = WebSocket,
): typeof WebSocket {
  return class extends Base implements TrackedWebSocket {
    readonly ledgerConnection = ledger.openConnection();

    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      super.send(data);
      // Recorded after a successful send: a frame the socket refused was never numbered.
      if (data instanceof Uint8Array && isDataFrame(data)) {
        this.ledgerConnection.recordSent(data[1] === SyncMessageType.step2 ? 'step2' : 'update');
      }
    }
  };
}

export function isTrackedWebSocket(ws: WebSocket | null): ws is TrackedWebSocket {
  return ws !== null && 'ledgerConnection' in ws;
}

import type * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { isDataFrame, readConfirmBody } from '../../shared/protocol/confirm.js';
import { MessageType } from '../../shared/protocol/message-types.js';
import { waitFor } from './wait-for.js';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Highest durableFrames seen on the current connection (confirm clients only). */
  confirmed(): number;
  /** Resolves when the relay has confirmed every data frame this client sent. */
  allConfirmed(): Promise<void>;
  /**
   * Whether, right now, the client is synced and the relay has confirmed every data
   * frame of this connection, so every local edit so far is stored (confirm clients).
   */
  confirmedNow(): boolean;
  synced(): Promise<void>;
  destroy(): void;
}

export interface TestClientOptions {
  confirm?: boolean;
  doc?: Y.Doc;
  connect?: boolean;
  maxBackoffTime?: number;
  /** Access token, sent as `?token=`. */
  token?: string;
}

/** A stock y-websocket client in Node; with `confirm`, it also counts what it sent. */
export function createTestClient(
  wsUrl: string,
  room: string,
  {
    confirm = false,
    doc = new Y.Doc(),
    connect = true,
    maxBackoffTime = 2500,
    token,
  }: TestClientOptions = {},
): TestClient {
  let sent = 0;
  let confirmed = 0;
  class CountingWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      sent = 0;
      confirmed = 0;
    }
    override send(data: Uint8Array): void {
      if (isDataFrame(data)) sent += 1;
      super.send(data);
    }
  }
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
    params: { ...(confirm ? { confirm: '1' } : {}), ...(token ? { token } : {}) },
    connect,
    disableBc: true,
    maxBackoffTime,
  });
  provider.messageHandlers[MessageType.confirm] = (_encoder, decoder: decoding.Decoder) => {
    confirmed = Math.max(confirmed, readConfirmBody(decoder).durableFrames);
  };
  const confirmedNow = () => provider.synced && confirmed === sent && sent > 0;
  return {
    doc,
    provider,
    confirmed: () => confirmed,
    allConfirmed: () => waitFor(confirmedNow, { what: 'confirmation' }).then(() => undefined),
    confirmedNow,
    synced: () => waitFor(() => provider.synced, { what: `${room} synced` }).then(() => undefined),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

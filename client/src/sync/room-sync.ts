import { createSignal, type Accessor } from 'solid-js';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readConfirmBody } from '../../../shared/protocol/confirm.js';
import { CONFIRM_PARAM, MessageType } from '../../../shared/protocol/message-types.js';
import type { NetworkMonitor } from '../lib/network-monitor.js';
import { ConfirmLedger } from './confirm-ledger.js';
import { deriveStatus, initialStatusInputs, type ConnectionStatus } from './connection-status.js';
import { trackStatusInputs } from './status-tracker.js';
import { LocalSaveTracker } from './local-save-tracker.js';
import { isTrackedWebSocket, trackedWebSocketClass } from './tracked-websocket.js';

/** One room's document, kept in IndexedDB and synced with the relay. */
export interface RoomSync {
  readonly room: string;
  readonly doc: Y.Doc;
  readonly status: Accessor<ConnectionStatus>;
  /** Local transactions the relay has not yet confirmed as durably stored. */
  readonly pending: Accessor<number>;
  /** True once the copy in IndexedDB has been loaded into the doc. */
  readonly loaded: Accessor<boolean>;
  /** True when every local edit so far is committed to IndexedDB. */
  readonly savedLocally: Accessor<boolean>;
  destroy(): void;
}

export interface RoomSyncOptions {
  room: string;
  /** ws(s)://host/sync; the room name is appended as a path segment. */
  serverUrl: string;
  network: NetworkMonitor;
}

const PENDING_KEY = 'pending';

export function openRoomSync({ room, serverUrl, network }: RoomSyncOptions): RoomSync {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(`ws:${room}`, doc);
  const ledger = new ConfirmLedger();
  const [pending, setPending] = createSignal(0);
  const [loaded, setLoaded] = createSignal(false);
  const [unsavedLocally, setUnsavedLocally] = createSignal(0);
  const localSaves = new LocalSaveTracker(persistence, setUnsavedLocally);
  const [inputs, setInputs] = createSignal({ ...initialStatusInputs, online: network.isOnline() });
  let restored = false;
  let destroyed = false;

  const publishPending = () => {
    setPending(ledger.pending);
    // Until the stored count is read back, writing would overwrite it.
    if (restored && !destroyed) persistence.set(PENDING_KEY, ledger.pending).catch(ignore);
  };

  // Registered after the persistence (see LocalSaveTracker) and before the provider
  // exists, so it runs before the provider sends: the ledger must know which local
  // transaction the provider is about to send.
  let provider: WebsocketProvider | null = null;
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === persistence) {
      ledger.otherTransaction();
    } else {
      ledger.localTransaction();
      localSaves.afterLocalUpdate();
      publishPending();
    }
  };
  doc.on('update', onUpdate);

  provider = new WebsocketProvider(serverUrl, room, doc, {
    connect: false,
    params: { [CONFIRM_PARAM]: '1' },
    WebSocketPolyfill: trackedWebSocketClass(ledger),
  });
  provider.messageHandlers[MessageType.confirm] = (_encoder, decoder, from) => {
    const { durableFrames } = readConfirmBody(decoder);
    if (isTrackedWebSocket(from.ws) && from.ws.ledgerConnection.confirm(durableFrames)) {
      publishPending();
    }
  };
  const stopTracking = trackStatusInputs(provider, setInputs);
  const connectedProvider = provider;

  const stopNetwork = network.subscribe((online) => {
    setInputs((current) => ({ ...current, online }));
    if (!online) connectedProvider.disconnect();
    else if (restored && !inputs().fatal) connectedProvider.connect();
  });

  // Local data first: connect only once IndexedDB is loaded, so the first sync step 2
  // carries offline edits from earlier sessions and the stored pending count is known.
  const start = (stored: unknown) => {
    if (destroyed || restored) return;
    if (typeof stored === 'number') ledger.restore(stored);
    restored = true;
    setLoaded(true);
    publishPending();
    if (network.isOnline()) connectedProvider.connect();
  };
  persistence.whenSynced.then(() => persistence.get(PENDING_KEY)).then(start, () => start(0));
  // Without IndexedDB (blocked, some private modes) whenSynced never settles: sync anyway.
  persistence._db.catch(() => start(0));

  return {
    room,
    doc,
    status: () => deriveStatus(inputs()),
    pending,
    loaded,
    savedLocally: () => loaded() && unsavedLocally() === 0,
    destroy() {
      destroyed = true;
      stopNetwork();
      stopTracking();
      doc.off('update', onUpdate);
      connectedProvider.destroy();
      persistence.destroy().catch(ignore);
      doc.destroy();
    },
  };
}

function ignore(): void {}

import { createSignal, type Accessor } from 'solid-js';
import { readAuthMessage } from 'y-protocols/auth';
import type { Awareness } from 'y-protocols/awareness';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { GrantLevel } from '../../../shared/access/levels.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { roomIdOf } from '../../../shared/protocol/room-id.js';
import { readConfirmBody } from '../../../shared/protocol/confirm.js';
import { CONFIRM_PARAM, MessageType } from '../../../shared/protocol/message-types.js';
import type { TokenSource } from '../auth/token-source.js';
import type { NetworkMonitor } from '../lib/network-monitor.js';
import { ConfirmLedger } from './confirm-ledger.js';
import { deriveStatus, initialStatusInputs, type ConnectionStatus } from './connection-status.js';
import { trackStatusInputs } from './status-tracker.js';
import { LocalSaveTracker } from './local-save-tracker.js';
import { noRegistrationGate, type RegistrationGate } from './registration-gate.js';
import { isTrackedWebSocket, trackedWebSocketClass } from './tracked-websocket.js';

/** One room's document, kept in IndexedDB and synced with the relay. */
export interface RoomSync {
  readonly room: string;
  readonly doc: Y.Doc;
  /** Who else is here (cursors, presence); local state is this device's, shared when online. */
  readonly awareness: Awareness;
  readonly status: Accessor<ConnectionStatus>;
  /** Local transactions the relay has not yet confirmed as durably stored. */
  readonly pending: Accessor<number>;
  /** True once the copy in IndexedDB has been loaded into the doc. */
  readonly loaded: Accessor<boolean>;
  /** True when every local edit so far is committed to IndexedDB. */
  readonly savedLocally: Accessor<boolean>;
  /**
   * What the relay has durably stored (client id -> next clock), from the last confirm
   * frame; null until one arrives. Chat uses it to tell which messages are on the relay.
   */
  readonly relayState: Accessor<ReadonlyMap<number, number> | null>;
  /** True when this person may only read the room: editors must not change the doc. */
  readonly readOnly: Accessor<boolean>;
  /**
   * The directory was just re-read from the relay: its level is current again, and a
   * connection the relay stopped with 4403 may try again (access came back).
   */
  resume(): void;
  destroy(): void;
}

/** The part of TokenSource a room needs. */
export type RoomTokens = Pick<TokenSource, 'subscribe' | 'invalidate'>;

export interface RoomSyncOptions {
  room: string;
  /** ws(s)://host/sync; the room name is appended as a path segment. */
  serverUrl: string;
  network: NetworkMonitor;
  tokens: RoomTokens;
  /** This person's level in the room from the directory (reactive); null while unknown. */
  level?: Accessor<GrantLevel | null>;
  /**
   * The relay refused a connection before it opened (`null`: the browser only sees
   * 1006), closed one for access reasons (4403, 4410, 4411), or dropped an update
   * (MessageType.auth). The app checks the session and the directory.
   */
  onAccessProblem?: (code: number | null) => void;
  /** Rooms created on this device and not yet registered: they stay local until then. */
  registration?: RegistrationGate;
}

const PENDING_KEY = 'pending';
const TOKEN_PARAM = 'token';
const accessCloseCodes = new Set<number>([
  CloseCode.accessRevoked,
  CloseCode.accountDeactivated,
  CloseCode.sessionEnded,
]);

export function openRoomSync(options: RoomSyncOptions): RoomSync {
  const { room, serverUrl, network, tokens, level = () => null } = options;
  const registration = options.registration ?? noRegistrationGate;
  const roomId = roomIdOf(room);
  const onAccessProblem = options.onAccessProblem ?? (() => {});
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(`ws:${room}`, doc);
  const ledger = new ConfirmLedger();
  const [pending, setPending] = createSignal(0);
  const [loaded, setLoaded] = createSignal(false);
  const [unsavedLocally, setUnsavedLocally] = createSignal(0);
  const [denied, setDenied] = createSignal(false);
  const [relayState, setRelayState] = createSignal<ReadonlyMap<number, number> | null>(null);
  const localSaves = new LocalSaveTracker(persistence, setUnsavedLocally);
  const [inputs, setInputs] = createSignal({ ...initialStatusInputs, online: network.isOnline() });
  let restored = false;
  let destroyed = false;
  let token: string | null = null;

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
    const { durableFrames, stateVector } = readConfirmBody(decoder);
    setRelayState(Y.decodeStateVector(stateVector));
    if (isTrackedWebSocket(from.ws) && from.ws.ledgerConnection.confirm(durableFrames)) {
      publishPending();
    }
  };
  // A read-only connection has its updates dropped and answered with "permission denied".
  provider.messageHandlers[MessageType.auth] = (_encoder, decoder) => {
    readAuthMessage(decoder, doc, () => {
      setDenied(true);
      onAccessProblem(null);
    });
  };
  const stopTracking = trackStatusInputs(provider, setInputs);
  const connectedProvider = provider;

  // Connect only with local data loaded, a token, a network, no verdict from the relay,
  // and a room the relay has registered for this device (never someone else's [OFFL2]).
  const canConnect = () =>
    restored &&
    !destroyed &&
    token !== null &&
    network.isOnline() &&
    !inputs().fatal &&
    !registration.awaiting(roomId);
  const connectIfReady = () => {
    if (canConnect()) connectedProvider.connect();
  };

  let opened = false;
  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (status === 'connecting') opened = false;
    if (status === 'connected') {
      opened = true;
      setDenied(false);
    }
  };
  const onConnectionClose = (event: CloseEvent | null) => {
    // A refused upgrade (bad token, no access) looks like any failed socket: 1006, never opened.
    if (event !== null && !opened) {
      tokens.invalidate();
      onAccessProblem(null);
    }
    opened = false;
  };
  const onClosed = ({ code }: { code: number }) => {
    if (accessCloseCodes.has(code)) onAccessProblem(code);
  };
  connectedProvider.on('status', onStatus);
  connectedProvider.on('connection-close', onConnectionClose);
  connectedProvider.on('closed', onClosed);

  // y-websocket reads provider.params each time it builds the URL, so a refreshed token
  // is used by the next reconnect without touching the live connection.
  const stopTokens = tokens.subscribe((state) => {
    if (state.kind === 'ready') {
      token = state.token;
      connectedProvider.params = { ...connectedProvider.params, [TOKEN_PARAM]: state.token };
      connectIfReady();
    } else if (state.kind === 'unreachable' && !opened) {
      setInputs((current) => ({ ...current, unreachable: true }));
    }
  });

  const stopRegistration = registration.subscribe(() => {
    if (registration.awaiting(roomId)) connectedProvider.disconnect();
    else connectIfReady();
  });

  const stopNetwork = network.subscribe((online) => {
    setInputs((current) => ({ ...current, online }));
    if (!online) connectedProvider.disconnect();
    else connectIfReady();
  });

  // Local data first: connect only once IndexedDB is loaded, so the first sync step 2
  // carries offline edits from earlier sessions and the stored pending count is known.
  const start = (stored: unknown) => {
    if (destroyed || restored) return;
    if (typeof stored === 'number') ledger.restore(stored);
    restored = true;
    setLoaded(true);
    publishPending();
    connectIfReady();
  };
  persistence.whenSynced.then(() => persistence.get(PENDING_KEY)).then(start, () => start(0));
  // Without IndexedDB (blocked, some private modes) whenSynced never settles: sync anyway.
  persistence._db.catch(() => start(0));

  return {
    room,
    doc,
    awareness: connectedProvider.awareness,
    status: () => deriveStatus(inputs()),
    pending,
    loaded,
    savedLocally: () => loaded() && unsavedLocally() === 0,
    relayState,
    readOnly: () => level() === 'read' || denied(),
    resume() {
      setDenied(false);
      if (inputs().fatal?.code !== CloseCode.accessRevoked) return;
      setInputs((current) => ({ ...current, fatal: null }));
      connectIfReady();
    },
    destroy() {
      destroyed = true;
      stopTokens();
      stopRegistration();
      stopNetwork();
      stopTracking();
      connectedProvider.off('status', onStatus);
      connectedProvider.off('connection-close', onConnectionClose);
      connectedProvider.off('closed', onClosed);
      doc.off('update', onUpdate);
      connectedProvider.destroy();
      persistence.destroy().catch(ignore);
      doc.destroy();
    },
  };
}

function ignore(): void {}

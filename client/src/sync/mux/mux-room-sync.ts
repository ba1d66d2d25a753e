/**
 * One room part synced over the workspace connection: the version 1 session of
 * PROTOCOL.md (sync step 1/2, updates, awareness, auth, confirm) run with y-protocols
 * directly over a `MuxSubscription`, and the part's copy on this device.
 *
 * Order of events. The local copy loads first; only then is the part subscribed, so
 * the first step 2 carries edits made offline in earlier sessions, and the stored
 * pending count is known. Every session (`opened()`) numbers its data frames from 0
 * in a new LedgerConnection [CONFIRM1]; an update sent before the session's step 2 is
 * left to the ledger, which counts it covered only once the step 2 went out.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { createSignal, type Accessor } from 'solid-js';
import { readAuthMessage } from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { GrantLevel } from '../../../../shared/access/levels.js';
import { CloseCode, isPermanentClose } from '../../../../shared/protocol/close-codes.js';
import { readConfirmBody } from '../../../../shared/protocol/confirm.js';
import { MessageType } from '../../../../shared/protocol/message-types.js';
import { roomIdOf } from '../../../../shared/protocol/room-id.js';
import { ConfirmLedger, type DataFrameKind, type LedgerConnection } from '../confirm-ledger.js';
import { deriveStatus } from '../connection-status.js';
import type { OpenLocalStore } from '../local-store/local-store.js';
import { noRegistrationGate, type RegistrationGate } from '../registration-gate.js';
import type { RoomSync } from '../room-sync.js';
import { awarenessFrame, syncStep1Frame, updateFrame } from './room-frames.js';
import { closedLink, roomStatusInputs, type RoomLink } from './room-status.js';
import type { MuxHandler, MuxSubscription, WorkspaceConnection } from './workspace-connection.js';

/** What a room needs of the workspace connection. */
export type RoomConnection = Pick<WorkspaceConnection, 'subscribe' | 'state' | 'onState'>;

export interface MuxRoomSyncOptions {
  room: string;
  connection: RoomConnection;
  /** The room's copy on this device (workspacePartStore in the browser). */
  store: OpenLocalStore;
  /** This person's level in the room from the directory (reactive); null while unknown. */
  level?: Accessor<GrantLevel | null>;
  /**
   * The relay ended the room's session for access reasons (4403, 4410, 4411) or
   * dropped an update (MessageType.auth, `null`). The app checks the session and the directory.
   */
  onAccessProblem?: (code: number | null) => void;
  /** Rooms created on this device and not yet registered: they stay local until then. */
  registration?: RegistrationGate;
}

const accessCloseCodes = new Set<number>([
  CloseCode.accessRevoked,
  CloseCode.accountDeactivated,
  CloseCode.sessionEnded,
]);

export function openMuxRoomSync(options: MuxRoomSyncOptions): RoomSync {
  const { room, connection, level = () => null } = options;
  const registration = options.registration ?? noRegistrationGate;
  const onAccessProblem = options.onAccessProblem ?? (() => {});
  const roomId = roomIdOf(room);
  const doc = new Y.Doc();
  // Opened before any listener of ours, so it stores each update before we send it.
  const store = options.store(room, doc);
  const awareness = new awarenessProtocol.Awareness(doc);
  const relay = Symbol(`relay ${room}`);
  const ledger = new ConfirmLedger();
  const [pending, setPending] = createSignal(0);
  const [loaded, setLoaded] = createSignal(false);
  const [unsavedLocally, setUnsavedLocally] = createSignal(0);
  const [denied, setDenied] = createSignal(false);
  const [relayState, setRelayState] = createSignal<ReadonlyMap<number, number> | null>(null);
  const [link, setLink] = createSignal<RoomLink>(closedLink);
  const [connectionState, setConnectionState] = createSignal(connection.state());
  const stopConnectionState = connection.onState((state) => setConnectionState(state));
  let subscription: MuxSubscription | null = null;
  let session: LedgerConnection | null = null;
  let restored = false;
  let destroyed = false;

  const publishPending = () => {
    setPending(ledger.pending);
    // Until the stored count is read back, writing would overwrite it.
    if (restored && !destroyed) store.writePending(ledger.pending).catch(ignore);
  };
  const send = (frame: Uint8Array) => subscription?.send(frame) ?? false;
  const sendData = (frame: Uint8Array, kind: DataFrameKind) => {
    // Numbered only once handed to the socket: a frame that did not go out was never sent.
    if (send(frame)) session?.recordSent(kind);
  };
  const trackLocalSave = () => {
    const saved = store.whenSaved();
    if (!saved) return;
    setUnsavedLocally((n) => n + 1);
    const done = () => setUnsavedLocally((n) => n - 1);
    saved.then(done, done);
  };

  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === relay || origin === store.origin) {
      ledger.otherTransaction();
    } else {
      ledger.localTransaction();
      trackLocalSave();
      publishPending();
    }
    if (origin !== relay) sendData(updateFrame(update), 'update');
  };
  doc.on('update', onUpdate);

  // Only this device's own state goes out: others' states are theirs to send [PRES3].
  const onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === relay) return;
    if ([...added, ...updated, ...removed].includes(doc.clientID)) {
      send(awarenessFrame(awareness, [doc.clientID]));
    }
  };
  awareness.on('update', onAwareness);

  const endSession = (next: RoomLink) => {
    session = null;
    const others = [...awareness.getStates().keys()].filter((id) => id !== doc.clientID);
    awarenessProtocol.removeAwarenessStates(awareness, others, relay);
    setLink(next);
  };

  const readFrame = (frame: Uint8Array) => {
    const decoder = decoding.createDecoder(frame);
    switch (decoding.readVarUint(decoder)) {
      case MessageType.sync: {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MessageType.sync);
        const kind = syncProtocol.readSyncMessage(decoder, encoder, doc, relay);
        if (kind === syncProtocol.messageYjsSyncStep1) {
          sendData(encoding.toUint8Array(encoder), 'step2');
        } else if (kind === syncProtocol.messageYjsSyncStep2 && !link().synced) {
          setLink((current) => ({ ...current, synced: true }));
        }
        return;
      }
      case MessageType.awareness:
        awarenessProtocol.applyAwarenessUpdate(
          awareness,
          decoding.readVarUint8Array(decoder),
          relay,
        );
        return;
      case MessageType.auth:
        // A read-only session has its updates dropped and answered "permission denied" [AUTH3].
        readAuthMessage(decoder, doc, () => {
          setDenied(true);
          onAccessProblem(null);
        });
        return;
      case MessageType.queryAwareness:
        if (awareness.getLocalState() !== null) send(awarenessFrame(awareness, [doc.clientID]));
        return;
      case MessageType.confirm: {
        const { durableFrames, stateVector } = readConfirmBody(decoder);
        setRelayState(Y.decodeStateVector(stateVector));
        if (restored && !destroyed) store.writeRelayState(stateVector.slice()).catch(ignore);
        if (session?.confirm(durableFrames)) publishPending();
        return;
      }
      default:
        return;
    }
  };

  const handler: MuxHandler = {
    opened() {
      session = ledger.openConnection();
      setDenied(false);
      setLink({ open: true, synced: false, lastClose: null, fatal: null });
      send(syncStep1Frame(doc));
      if (awareness.getLocalState() !== null) send(awarenessFrame(awareness, [doc.clientID]));
    },
    frame: readFrame,
    closed(code, reason) {
      const close = { code, reason };
      endSession({ ...closedLink, lastClose: close, fatal: isPermanentClose(code) ? close : null });
      if (accessCloseCodes.has(code)) onAccessProblem(code);
    },
    disconnected() {
      endSession({ ...link(), open: false, synced: false });
    },
  };

  // Subscribed only with the local copy loaded, and never before the relay registered a
  // room created on this device (never someone else's [OFFL2]).
  const follow = () => {
    if (restored && !destroyed && !registration.awaiting(roomId)) {
      subscription ??= connection.subscribe(room, handler);
    } else if (subscription) {
      const ending = subscription;
      subscription = null;
      ending.unsubscribe();
      endSession({ ...link(), open: false, synced: false });
    }
  };
  const stopRegistration = registration.subscribe(follow);

  const start = (stored: number | null, storedRelayState: Uint8Array | null) => {
    if (destroyed || restored) return;
    if (stored !== null) ledger.restore(stored);
    // A confirm that already arrived this session is newer than the stored one.
    if (storedRelayState !== null && relayState() === null) {
      setRelayState(Y.decodeStateVector(storedRelayState));
    }
    restored = true;
    setLoaded(true);
    publishPending();
    follow();
  };
  store.loaded
    .then(() => Promise.all([store.readPending(), store.readRelayState()]))
    .then(
      ([stored, storedRelayState]) => start(stored, storedRelayState),
      () => start(null, null),
    );

  return {
    room,
    doc,
    awareness,
    status: () => deriveStatus(roomStatusInputs(connectionState(), link())),
    pending,
    loaded,
    savedLocally: () => loaded() && unsavedLocally() === 0,
    relayState,
    readOnly: () => level() === 'read' || denied(),
    resume() {
      setDenied(false);
      if (link().fatal?.code !== CloseCode.accessRevoked) return;
      setLink((current) => ({ ...current, fatal: null }));
      subscription?.retry();
    },
    destroy() {
      if (destroyed) return;
      // Others see this device leave at once rather than after the 30 s timeout.
      awarenessProtocol.removeAwarenessStates(awareness, [doc.clientID], 'destroy');
      destroyed = true;
      stopRegistration();
      stopConnectionState();
      awareness.off('update', onAwareness);
      doc.off('update', onUpdate);
      subscription?.unsubscribe();
      subscription = null;
      store.destroy().catch(ignore);
      awareness.destroy();
      doc.destroy();
    },
  };
}

function ignore(): void {}

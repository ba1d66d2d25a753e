import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { readConfirmBody } from '../../shared/protocol/confirm.js';
import { MessageType } from '../../shared/protocol/message-types.js';
import { encodeMux, parseMux, type MuxFrame } from '../../shared/protocol/mux.js';
import { waitFor } from './wait-for.js';

type Of<K extends MuxFrame['kind']> = Extract<MuxFrame, { kind: K }>;

/**
 * A minimal version 2 client for tests (PROTOCOL.md, "Workspace connection"): one
 * `ws` socket that records every parsed frame. The app's own transport lives in
 * client/src/sync/.
 */
export interface MuxTestSocket {
  ws: WebSocket;
  /** Every frame received, in order. */
  frames: MuxFrame[];
  closed: Promise<{ code: number; reason: string }>;
  send(frame: MuxFrame): void;
  /** Exactly these bytes (or a text frame). */
  sendRaw(bytes: Uint8Array | string): void;
  /** The first frame of `kind` at index `from` or later that matches `match`. */
  next<K extends MuxFrame['kind']>(
    kind: K,
    match?: (frame: Of<K>) => boolean,
    from?: number,
  ): Promise<Of<K>>;
  /** Frames of `kind` received so far. */
  all<K extends MuxFrame['kind']>(kind: K): Of<K>[];
  /** Syncs `doc` with a room part over this socket (subscribe, step 1, live updates). */
  sync(part: string, doc?: Y.Doc): MuxRoom;
  close(): void;
}

export interface MuxRoom {
  doc: Y.Doc;
  /** Resolves when the relay answered our step 1. */
  synced(): Promise<void>;
  /** Resolves when every data frame sent for this part is confirmed. */
  allConfirmed(): Promise<void>;
  /** Sends raw version 1 bytes for this part. */
  sendFrame(frame: Uint8Array): void;
}

/** Opens `url` (…/sync?v=2&token=…); rejects when the upgrade is refused, with the status. */
export async function openMuxSocket(url: string): Promise<MuxTestSocket> {
  const ws = new WebSocket(url);
  const frames: MuxFrame[] = [];
  const handlers = new Map<string, (frame: Uint8Array) => void>();
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary) throw new Error('relay sent a text frame');
    const frame = parseMux(new Uint8Array(data));
    if (frame.kind === 'malformed' || frame.kind === 'unknown')
      throw new Error(`relay sent a bad mux frame: ${JSON.stringify(frame)}`);
    frames.push(frame);
    if (frame.kind === 'room') handlers.get(frame.room)?.(frame.frame);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`upgrade refused: ${res.statusCode}`)),
    );
  });
  const send = (frame: MuxFrame) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(encodeMux(frame));
  };
  const socket: MuxTestSocket = {
    ws,
    frames,
    closed,
    send,
    sendRaw: (bytes) => ws.send(bytes),
    next: <K extends MuxFrame['kind']>(
      kind: K,
      match: (frame: Of<K>) => boolean = () => true,
      from = 0,
    ) =>
      waitFor(
        () =>
          frames.slice(from).find((f): f is Of<K> => f.kind === kind && match(f as Of<K>)) ?? null,
        { what: `a ${kind} frame` },
      ) as Promise<Of<K>>,
    all: <K extends MuxFrame['kind']>(kind: K) => frames.filter((f): f is Of<K> => f.kind === kind),
    sync(part, doc = new Y.Doc()) {
      let synced = false;
      let sent = 0;
      let confirmed = 0;
      const sendFrame = (frame: Uint8Array) => send({ kind: 'room', room: part, frame });
      const sendSync = (write: (encoder: encoding.Encoder) => void, data: boolean) => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MessageType.sync);
        write(encoder);
        if (data) sent += 1;
        sendFrame(encoding.toUint8Array(encoder));
      };
      handlers.set(part, (frame) => {
        const decoder = decoding.createDecoder(frame);
        const type = decoding.readVarUint(decoder);
        if (type === MessageType.confirm) confirmed = readConfirmBody(decoder).durableFrames;
        if (type !== MessageType.sync) return;
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MessageType.sync);
        const subtype = syncProtocol.readSyncMessage(decoder, reply, doc, socket);
        if (subtype === syncProtocol.messageYjsSyncStep2) synced = true;
        if (encoding.length(reply) > 1) {
          sent += 1; // our step 2 answering the relay's step 1
          sendFrame(encoding.toUint8Array(reply));
        }
      });
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== socket) sendSync((e) => syncProtocol.writeUpdate(e, update), true);
      });
      send({ kind: 'subscribe', room: part });
      sendSync((e) => syncProtocol.writeSyncStep1(e, doc), false);
      return {
        doc,
        sendFrame,
        synced: () => waitFor(() => synced, { what: `${part} synced` }).then(() => undefined),
        allConfirmed: () =>
          waitFor(() => sent > 0 && confirmed >= sent, { what: `${part} confirmed` }).then(
            () => undefined,
          ),
      };
    },
    close: () => ws.close(),
  };
  return socket;
}

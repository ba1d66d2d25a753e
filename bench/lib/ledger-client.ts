import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType } from '../../shared/protocol/message-types.js';
import { syncFrame } from './update-source.js';

/**
 * A version 1 client with `confirm=1` that keeps a ledger of its own edits: each edit
 * sets a unique key in the Y.Map `ledger`, and counts as confirmed once a confirm
 * frame covers the data frame that carried it. When its socket drops it reconnects
 * like y-websocket (100 ms, doubling while attempts fail) and sends, in its step 2,
 * everything the new relay lacks; edits not yet confirmed are carried by that frame
 * [SCALE8].
 */
export class LedgerClient {
  readonly doc = new Y.Doc();
  readonly confirmed = new Set<string>();
  /** Edits made and not yet carried by a frame of the current connection. */
  private unsent: string[] = [];
  /** Frames of the current connection not yet confirmed, with the edits they carry. */
  private inFlight: { index: number; keys: string[] }[] = [];
  private socket: WebSocket | null = null;
  private dataFrames = 0;
  private live = false;
  private failures = 0;
  private stopped = false;
  private edits = 0;
  /** performance.now() of the last sync step 2 received from a relay. */
  syncedAt = 0;
  /** Local port of the current socket (the balancer maps it to a relay). */
  localPort = 0;

  constructor(
    readonly id: number,
    private readonly url: string,
  ) {
    this.doc.clientID = id;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this || !this.live || !this.socket) return;
      this.inFlight.push({ index: ++this.dataFrames, keys: this.unsent.splice(0) });
      this.socket.send(syncFrame(2, update));
    });
    this.connect();
  }

  get made(): number {
    return this.edits;
  }

  /** Edits made but not confirmed yet. */
  get pending(): number {
    return this.edits - this.confirmed.size;
  }

  edit(): void {
    const key = `${this.id}:${++this.edits}`;
    this.unsent.push(key);
    this.doc.transact(() => this.doc.getMap('ledger').set(key, this.edits), this);
  }

  close(): void {
    this.stopped = true;
    this.socket?.terminate();
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    this.dataFrames = 0;
    this.live = false;
    socket.on('open', () => {
      this.failures = 0;
      this.localPort =
        (socket as unknown as { _socket?: { localPort?: number } })._socket?.localPort ?? 0;
      socket.send(syncFrame(0, Y.encodeStateVector(this.doc)));
    });
    socket.on('message', (data: Buffer) => this.onFrame(socket, new Uint8Array(data)));
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.socket !== socket) return;
      // What the dead connection carried and was not confirmed goes in the next step 2.
      for (const frame of this.inFlight) this.unsent.push(...frame.keys);
      this.inFlight = [];
      this.socket = null;
      this.live = false;
      if (this.stopped) return;
      const delay = Math.min(100 * 2 ** this.failures++, 2_000);
      setTimeout(() => this.connect(), delay);
    });
  }

  private onFrame(socket: WebSocket, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.confirm) {
      const durable = decoding.readVarUint(decoder);
      while ((this.inFlight[0]?.index ?? Infinity) <= durable) {
        for (const key of this.inFlight.shift()?.keys ?? []) this.confirmed.add(key);
      }
      return;
    }
    if (type !== MessageType.sync) return;
    const subtype = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (subtype === 0) {
      // The relay's step 1: answer with everything it lacks, then go live.
      const update = Y.encodeStateAsUpdate(this.doc, payload);
      this.inFlight.push({ index: ++this.dataFrames, keys: this.unsent.splice(0) });
      socket.send(syncFrame(1, update));
      this.live = true;
    } else {
      Y.applyUpdate(this.doc, payload, 'relay');
      if (subtype === 1) this.syncedAt = performance.now();
    }
  }
}

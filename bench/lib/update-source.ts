import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Client ids stay below this, so `clock * MAX_CLIENTS + client` is a unique number key. */
export const MAX_CLIENTS = 4096;

export interface UpdateFrame {
  /** `clock * MAX_CLIENTS + client` of the update's first struct. */
  key: number;
  /** A complete y-websocket `sync update` frame. */
  frame: Uint8Array;
}

export function syncFrame(subtype: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/**
 * One sender's edits: small appends to a Y.Text in its own local Y.Doc, turned into
 * real Yjs updates and framed ahead of time in chunks, so the send loop only writes
 * bytes. Each update starts at a (client, clock) no other update has, which is how
 * receivers match a delivered frame to its send time.
 */
export class UpdateSource {
  private readonly doc = new Y.Doc();
  private readonly text = this.doc.getText('t');
  private readonly ready: UpdateFrame[] = [];
  private next = 0;
  private count = 0;

  constructor(readonly clientId: number) {
    if (clientId <= 0 || clientId >= MAX_CLIENTS) throw new Error(`client id ${clientId}`);
    this.doc.clientID = clientId;
  }

  /** Makes `n` more update frames. */
  generate(n: number): void {
    for (let i = 0; i < n; i++) {
      const clock = Y.getState(this.doc.store, this.clientId);
      let update: Uint8Array | null = null;
      const capture = (u: Uint8Array): void => void (update = u);
      this.doc.once('update', capture);
      this.text.insert(this.text.length, `${this.clientId}:${this.count++} `);
      if (!update) throw new Error('no update emitted');
      this.ready.push({ key: clock * MAX_CLIENTS + this.clientId, frame: syncFrame(2, update) });
    }
  }

  take(): UpdateFrame {
    if (this.next === this.ready.length) {
      this.ready.length = 0;
      this.next = 0;
      this.generate(64);
    }
    return this.ready[this.next++] as UpdateFrame;
  }
}

/** Reads the key of a received `sync update` frame without decoding the whole update. */
export function readUpdateKey(frame: Uint8Array): number | null {
  let pos = 0;
  const readVarUint = (): number => {
    let num = 0;
    let mult = 1;
    for (;;) {
      const byte = frame[pos++];
      if (byte === undefined) throw new Error('truncated frame');
      num += (byte & 0x7f) * mult;
      if (byte < 0x80) return num;
      mult *= 128;
    }
  };
  if (readVarUint() !== 0 || readVarUint() !== 2) return null;
  readVarUint(); // update length
  readVarUint(); // number of clients with structs
  readVarUint(); // number of structs of the first client
  const client = readVarUint();
  const clock = readVarUint();
  return clock * MAX_CLIENTS + client;
}

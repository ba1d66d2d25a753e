import {
  encodeMux,
  parseMux,
  type MuxFrame,
  type ParsedMuxFrame,
} from '../../../../../shared/protocol/mux.js';

/**
 * A WebSocket played by hand: each `new FakeSocket(url)` is recorded, the test opens it,
 * delivers relay frames and closes it, and reads what the client sent as mux frames.
 */
export class FakeSocket {
  static readonly instances: FakeSocket[] = [];
  static reset(): void {
    FakeSocket.instances.length = 0;
  }
  static last(): FakeSocket {
    const socket = FakeSocket.instances.at(-1);
    if (!socket) throw new Error('no socket was created');
    return socket;
  }

  binaryType = 'blob';
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  readonly sent: ParsedMuxFrame[] = [];
  closedByClient = false;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }

  send(data: Uint8Array): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(parseMux(data));
  }

  close(): void {
    this.closedByClient = true;
    this.readyState = 3;
  }

  /** The relay accepted the upgrade. */
  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }

  receive(frame: MuxFrame): void {
    const bytes = encodeMux(frame);
    this.onmessage?.({
      data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
    });
  }

  /** The relay (or the network) ended the socket. */
  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  /** Sent frames of one kind, oldest first; `take` forgets everything sent so far. */
  sentOf<K extends ParsedMuxFrame['kind']>(kind: K): Extract<ParsedMuxFrame, { kind: K }>[] {
    return this.sent.filter((f): f is Extract<ParsedMuxFrame, { kind: K }> => f.kind === kind);
  }

  take(): ParsedMuxFrame[] {
    return this.sent.splice(0);
  }
}

export const FakeSocketClass = FakeSocket as unknown as typeof globalThis.WebSocket;

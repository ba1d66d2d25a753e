import WebSocket from 'ws';

export interface RawSocket {
  ws: WebSocket;
  /** Every binary frame received so far. */
  frames: Uint8Array[];
  /** Resolves with the close code and reason the relay sent. */
  closed: Promise<{ code: number; reason: string }>;
  send(bytes: Uint8Array | string): void;
}

/** A bare WebSocket to the relay, for sending exactly the bytes a test wants. */
export async function openRawSocket(url: string): Promise<RawSocket> {
  const ws = new WebSocket(url);
  const frames: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => {}); // the close event carries what the tests check
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', () => reject(new Error('upgrade refused')));
  });
  return { ws, frames, closed, send: (bytes) => ws.send(bytes) };
}

import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { MessageType } from '../../shared/protocol/message-types.js';
import { syncFrame, UpdateSource } from './update-source.js';

export interface ConfirmLoadOptions {
  /** One version 1 URL per client, each with `confirm=1`. */
  urls: string[];
  /** Updates each client sends per second (open loop, start times staggered). */
  ratePerClient: number;
  warmupMs: number;
  measureMs: number;
}

export interface ConfirmLoadResult {
  sent: number;
  /** Send to confirm frame, per update sent while measuring. */
  latenciesMs: Float64Array;
  /** Updates sent while measuring whose confirm never came (within 5 s). */
  unconfirmed: number;
}

const EMPTY_STEP1 = syncFrame(0, new Uint8Array([0]));
const EMPTY_STEP2 = syncFrame(1, new Uint8Array([0, 0]));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Clients that each send real Yjs updates at a fixed rate and time each one from
 * the send to the confirm frame that counts it ([CONFIRM1]: a confirm carries how
 * many data frames of this connection are durable, the handshake's step 2 included).
 */
export async function runConfirmLoad(options: ConfirmLoadOptions): Promise<ConfirmLoadResult> {
  let measuring = false;
  let sent = 0;
  const latencies: number[] = [];
  const clients = options.urls.map((url, i) => {
    const socket = new WebSocket(url);
    const source = new UpdateSource(i + 1);
    source.generate(64);
    const pending: { index: number; sentAt: number; measured: boolean }[] = [];
    const client = { socket, source, pending, dataFrames: 0, synced: false };
    socket.on('open', () => socket.send(EMPTY_STEP1));
    socket.on('error', (error) => console.error(`confirm client ${i}:`, error.message));
    socket.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 0) {
        client.dataFrames++;
        socket.send(EMPTY_STEP2);
      } else if (data[0] === 0 && data[1] === 1) client.synced = true;
      else if (data[0] === MessageType.confirm) {
        const decoder = decoding.createDecoder(data);
        decoding.readVarUint(decoder);
        const durable = decoding.readVarUint(decoder);
        const now = performance.now();
        while (pending.length > 0 && (pending[0]?.index ?? Infinity) <= durable) {
          const done = pending.shift();
          if (done?.measured) latencies.push(now - done.sentAt);
        }
      }
    });
    return client;
  });
  const deadline = Date.now() + 30_000;
  while (clients.some((c) => !c.synced)) {
    if (Date.now() > deadline) throw new Error('confirm clients did not sync in 30 s');
    await sleep(20);
  }
  const periodMs = 1000 / options.ratePerClient;
  const timers: NodeJS.Timeout[] = [];
  clients.forEach((client, i) => {
    const tick = () => {
      const { frame } = client.source.take();
      client.pending.push({
        index: ++client.dataFrames,
        sentAt: performance.now(),
        measured: measuring,
      });
      if (measuring) sent++;
      client.socket.send(frame);
    };
    const start = setTimeout(
      () => timers.push(setInterval(tick, periodMs)),
      (periodMs * i) / clients.length,
    );
    timers.push(start);
  });
  await sleep(options.warmupMs);
  measuring = true;
  await sleep(options.measureMs);
  measuring = false;
  for (const timer of timers) clearInterval(timer);
  const drainUntil = Date.now() + 5_000;
  const unmeasured = () => clients.some((c) => c.pending.some((p) => p.measured));
  while (unmeasured() && Date.now() < drainUntil) await sleep(20);
  const unconfirmed = clients.reduce(
    (sum, c) => sum + c.pending.filter((p) => p.measured).length,
    0,
  );
  for (const client of clients) client.socket.terminate();
  return { sent, latenciesMs: Float64Array.from(latencies), unconfirmed };
}

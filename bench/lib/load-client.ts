import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { encodeMux, parseMux } from '../../shared/protocol/mux.js';
import { readUpdateKey, syncFrame, UpdateSource } from './update-source.js';

export interface LoadOptions {
  rooms: number;
  perRoom: number;
  /** URL of one connection: `slot` is its index among its room's connections. */
  roomUrl: (room: string, slot: number) => string;
  /**
   * Connections per room that send (slots 0..writers-1); the others only receive.
   * Default: every connection sends.
   */
  writers?: number;
  /** Do the y-websocket handshake (not with the raw forwarder, which has no server side). */
  handshake: boolean;
  /**
   * Protocol version 2: `roomUrl` is the workspace connection's URL, and each
   * connection subscribes to its one room and wraps every frame in a `room` frame.
   */
  mux?: boolean;
  /** Closed loop: at most this many updates not yet delivered to all of their room. */
  inFlight: number;
  warmupMs: number;
  measureMs: number;
  /** CPU seconds of the server process so far. */
  serverCpu: () => number;
}

export interface LoadResult {
  updates: number;
  delivered: number;
  seconds: number;
  serverCpuSeconds: number;
  clientCpuSeconds: number;
  latenciesMs: Float64Array;
  lost: number;
}

interface Conn {
  id: number;
  /** The room's name; frames to and from it are wrapped when the load is multiplexed. */
  room: string;
  socket: WebSocket;
  source: UpdateSource;
  synced: boolean;
}

interface Pending {
  sentAt: number;
  sender: number;
  remaining: number;
}

const EMPTY_STEP1 = syncFrame(0, new Uint8Array([0]));
const EMPTY_STEP2 = syncFrame(1, new Uint8Array([0, 0]));
const LOST_AFTER_MS = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drives `rooms x perRoom` raw `ws` connections from this process. Every connection
 * sends pre-framed Yjs updates in turn (rooms interleaved); an update counts as
 * delivered to a receiver when a frame with its (client, clock) arrives there.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const conns: Conn[] = [];
  const pending = new Map<number, Pending>();
  let measuring = false;
  let sending = true;
  let delivered = 0;
  let updates = 0;
  let lost = 0;
  let latencies = new Float64Array(1 << 16);
  let latencyCount = 0;
  let turn = 0;

  // Slots interleave rooms, so the writers are the first `writers x rooms` connections.
  const senders = (): number =>
    Math.min(conns.length, (options.writers ?? options.perRoom) * options.rooms);
  const sendNext = (): void => {
    if (!sending) return;
    const conn = conns[turn] as Conn;
    turn = (turn + 1) % senders();
    const { key, frame } = conn.source.take();
    pending.set(key, {
      sentAt: performance.now(),
      sender: conn.id,
      remaining: options.perRoom - 1,
    });
    if (measuring) updates++;
    send(conn, frame);
  };

  const send = (conn: Conn, frame: Uint8Array): void =>
    conn.socket.send(options.mux ? encodeMux({ kind: 'room', room: conn.room, frame }) : frame);

  const onMessage = (conn: Conn, data: Buffer): void => {
    if (!options.mux) return onFrame(conn, data);
    const parsed = parseMux(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    // Feed notices and confirms are the transport's own cost, counted in the server's CPU.
    if (parsed.kind === 'room')
      onFrame(
        conn,
        Buffer.from(parsed.frame.buffer, parsed.frame.byteOffset, parsed.frame.byteLength),
      );
  };

  const onFrame = (conn: Conn, data: Buffer): void => {
    if (data[0] !== 0) return;
    if (data[1] === 0) return send(conn, EMPTY_STEP2);
    if (data[1] === 1) return void (conn.synced = true);
    const key = readUpdateKey(data);
    const entry = key === null ? undefined : pending.get(key);
    if (!entry || entry.sender === conn.id) return; // the reference server echoes to the sender
    if (measuring) {
      if (latencyCount === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[latencyCount++] = performance.now() - entry.sentAt;
      delivered++;
    }
    if (--entry.remaining === 0) {
      pending.delete(key as number);
      sendNext();
    }
  };

  // Connection order interleaves rooms, so consecutive sends go to different rooms.
  for (let slot = 0; slot < options.perRoom; slot++) {
    for (let room = 0; room < options.rooms; room++) {
      const id = conns.length + 1;
      const name = `bench-${room}`;
      const socket = new WebSocket(options.roomUrl(name, slot));
      const conn: Conn = {
        id,
        room: name,
        socket,
        source: new UpdateSource(id),
        synced: !options.handshake,
      };
      socket.on('error', (error) => console.error(`connection ${id}:`, error.message));
      socket.on('message', (data: Buffer) => onMessage(conn, data));
      conn.source.generate(64);
      socket.on('open', () => {
        if (options.mux) socket.send(encodeMux({ kind: 'subscribe', room: name }));
        if (options.handshake) send(conn, EMPTY_STEP1);
      });
      conns.push(conn);
      if (conns.length % 100 === 0) await sleep(20); // do not stampede the accept queue
    }
  }
  const deadline = Date.now() + 30_000;
  while (conns.some((c) => !c.synced || c.socket.readyState !== WebSocket.OPEN)) {
    if (Date.now() > deadline) throw new Error('connections did not open and sync in 30 s');
    await sleep(20);
  }
  await sleep(200); // let the handshake traffic settle

  const reaper = setInterval(() => {
    const now = performance.now();
    for (const [key, entry] of pending) {
      if (now - entry.sentAt < LOST_AFTER_MS) continue;
      pending.delete(key);
      lost++;
      sendNext();
    }
  }, 500);
  for (let i = 0; i < options.inFlight; i++) sendNext();
  await sleep(options.warmupMs);

  measuring = true;
  const cpu0 = options.serverCpu();
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(options.measureMs);
  measuring = false;
  const seconds = (performance.now() - t0) / 1000;
  const serverCpuSeconds = options.serverCpu() - cpu0;
  const clientUsage = process.cpuUsage(client0);

  sending = false;
  const drainUntil = Date.now() + LOST_AFTER_MS;
  while (pending.size > 0 && Date.now() < drainUntil) await sleep(20);
  clearInterval(reaper);
  for (const conn of conns) conn.socket.terminate();
  return {
    updates,
    delivered,
    seconds,
    serverCpuSeconds,
    clientCpuSeconds: (clientUsage.user + clientUsage.system) / 1e6,
    latenciesMs: latencies.slice(0, latencyCount),
    lost: lost + pending.size,
  };
}

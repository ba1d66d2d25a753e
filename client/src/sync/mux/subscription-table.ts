/**
 * The room parts subscribed on a workspace connection, and what each one's relay
 * session is doing on the current socket.
 *
 * Per part: 'waiting' (not subscribed on this socket yet), 'open' (`subscribe`
 * sent, `opened()` delivered), 'retrying' (the relay ended the session with a code
 * worth retrying; a backoff of its own runs) or 'stopped' (4400–4499, until
 * `retry()`).
 *
 * Fence. The protocol has no session ids, so after `unsubscribe(part)` frames of the
 * old session (even a confirm or a `closed`) may still be in flight when the part is
 * subscribed again. A part is therefore subscribed again on the same socket only
 * after a ping proves the relay has read the unsubscribe: a `subscribe` of an
 * invalid name, which the relay always answers with `closed(name, 4404)` [MUX2].
 * The connection uses the same pings as its keep-alive.
 */
import { CloseCode, isPermanentClose } from '../../../../shared/protocol/close-codes.js';
import { roomFrame, type MuxFrame } from '../../../../shared/protocol/mux.js';
import type { Timers } from '../../lib/timers.js';
import { reconnectDelay } from './reconnect-delay.js';

/** What a subscriber of one room part hears; never from inside subscribe() or retry(). */
export interface MuxHandler {
  /** A relay session of the part started: send sync step 1; data frames count from here. */
  opened(): void;
  /** A version 1 frame of the part. */
  frame(frame: Uint8Array): void;
  /** The relay ended this part's session only (`closed(part, code, reason)`). */
  closed(code: number, reason: string): void;
  /** The socket went away while the session was open; `opened()` follows on the next one. */
  disconnected(): void;
}

export interface MuxSubscription {
  /** Sends a version 1 frame of the part; false (nothing sent) unless its session is open. */
  send(frame: Uint8Array): boolean;
  /** Starts a session again after a 4400–4499 `closed` (4403 once access came back). */
  retry(): void;
  unsubscribe(): void;
}

/** Not a room name (it starts with a dot), so the relay answers `closed(PING, 4404)` [MUX2]. */
export const PING_PART = '.ping';

/** The socket, as the table uses it. */
export interface TableSocket {
  isOpen(): boolean;
  send(frame: MuxFrame): boolean;
  sendRaw(bytes: Uint8Array): boolean;
}

export interface TableOptions {
  timers: Timers;
  random: () => number;
  maxBackoffMs: number;
  /** A part was added or removed (the connection runs while there are any). */
  changed: () => void;
}

interface Entry {
  readonly part: string;
  readonly handler: MuxHandler;
  state: 'waiting' | 'open' | 'retrying' | 'stopped';
  retries: number;
  timer: unknown;
}

export class SubscriptionTable {
  readonly #socket: TableSocket;
  readonly #options: TableOptions;
  readonly #entries = new Map<string, Entry>();
  /** Parts unsubscribed on this socket -> pings sent by then; cleared by a later ping's answer. */
  readonly #draining = new Map<string, number>();
  #pingsSent = 0;
  #pingsAnswered = 0;
  /** When the oldest unanswered ping went out. */
  #pingSentAt = 0;

  constructor(socket: TableSocket, options: TableOptions) {
    this.#socket = socket;
    this.#options = options;
  }

  get size(): number {
    return this.#entries.size;
  }

  subscribe(part: string, handler: MuxHandler): MuxSubscription {
    if (this.#entries.has(part)) throw new Error(`${part} already has a subscriber`);
    const entry: Entry = { part, handler, state: 'waiting', retries: 0, timer: null };
    this.#entries.set(part, entry);
    this.#options.changed();
    this.#startSoon(entry);
    const live = () => this.#entries.get(part) === entry;
    return {
      send: (frame) =>
        live() && entry.state === 'open' && this.#socket.sendRaw(roomFrame(part, frame)),
      retry: () => {
        if (!live() || entry.state !== 'stopped') return;
        entry.state = 'waiting';
        entry.retries = 0;
        this.#startSoon(entry);
      },
      unsubscribe: () => {
        if (!live()) return;
        this.#entries.delete(part);
        this.#options.timers.clearTimeout(entry.timer);
        if (entry.state === 'open' && this.#socket.send({ kind: 'unsubscribe', room: part })) {
          this.#draining.set(part, this.#pingsSent);
        }
        entry.state = 'stopped';
        this.#options.changed();
      },
    };
  }

  /** The socket is open (after hello): every waiting part subscribes. */
  startAll(): void {
    for (const entry of [...this.#entries.values()]) this.#start(entry);
  }

  /** A `room` frame: for the part's open session, or dropped. */
  deliver(part: string, frame: Uint8Array): void {
    const entry = this.#entries.get(part);
    if (entry?.state !== 'open') return;
    entry.retries = 0;
    isolate(() => entry.handler.frame(frame));
  }

  /**
   * A `closed(part, …)` frame. Returns false for 1001: the relay is shutting down and
   * ends every session, so the caller reconnects the socket rather than each part.
   */
  closed(part: string, code: number, reason: string): boolean {
    if (part === PING_PART) {
      this.#pong();
      return true;
    }
    const entry = this.#entries.get(part);
    if (entry?.state !== 'open') return true;
    if (code === CloseCode.goingAway) return false;
    if (isPermanentClose(code)) {
      entry.state = 'stopped';
    } else {
      entry.state = 'retrying';
      const { timers, random, maxBackoffMs } = this.#options;
      entry.timer = timers.setTimeout(
        () => {
          entry.timer = null;
          if (entry.state !== 'retrying') return;
          entry.state = 'waiting';
          this.#start(entry);
        },
        reconnectDelay(entry.retries++, random, maxBackoffMs),
      );
    }
    isolate(() => entry.handler.closed(code, reason));
    return true;
  }

  /** The socket went away: open sessions end, retries wait for the next socket. */
  dropAll(): void {
    this.#draining.clear();
    this.#pingsSent = 0;
    this.#pingsAnswered = 0;
    for (const entry of [...this.#entries.values()]) {
      this.#options.timers.clearTimeout(entry.timer);
      entry.timer = null;
      const wasOpen = entry.state === 'open';
      if (entry.state !== 'stopped') entry.state = 'waiting';
      if (wasOpen) isolate(() => entry.handler.disconnected());
    }
  }

  /** Sends a ping unless one is unanswered already (keep-alive). */
  ping(): void {
    if (this.#pingsSent === this.#pingsAnswered) this.#ping();
  }

  /** When the oldest unanswered ping went out; null when every ping was answered. */
  unansweredSince(): number | null {
    return this.#pingsSent > this.#pingsAnswered ? this.#pingSentAt : null;
  }

  clear(): void {
    for (const entry of this.#entries.values()) this.#options.timers.clearTimeout(entry.timer);
    this.#entries.clear();
  }

  /** Never inside subscribe() or retry(): the subscriber holds its handle before `opened()`. */
  #startSoon(entry: Entry): void {
    queueMicrotask(() => this.#start(entry));
  }

  /** Subscribes a waiting part if the socket is open and no old session of it may still talk. */
  #start(entry: Entry): void {
    if (entry.state !== 'waiting' || this.#entries.get(entry.part) !== entry) return;
    if (!this.#socket.isOpen()) return;
    const mark = this.#draining.get(entry.part);
    if (mark !== undefined) {
      if (this.#pingsSent <= mark) this.#ping();
      return;
    }
    if (!this.#socket.send({ kind: 'subscribe', room: entry.part })) return;
    entry.state = 'open';
    isolate(() => entry.handler.opened());
  }

  #ping(): void {
    const idle = this.#pingsSent === this.#pingsAnswered;
    if (!this.#socket.send({ kind: 'subscribe', room: PING_PART })) return;
    if (idle) this.#pingSentAt = this.#options.timers.now();
    this.#pingsSent += 1;
  }

  #pong(): void {
    this.#pingsAnswered += 1;
    this.#pingSentAt = this.#options.timers.now();
    for (const [part, mark] of [...this.#draining]) {
      if (mark >= this.#pingsAnswered) continue;
      this.#draining.delete(part);
      const entry = this.#entries.get(part);
      if (entry) this.#start(entry);
    }
  }
}

/** One room's failure must not stop the others' frames: it is rethrown on its own. */
function isolate(deliver: () => void): void {
  try {
    deliver();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

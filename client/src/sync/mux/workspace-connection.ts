/**
 * The tab's one WebSocket to the relay, protocol version 2 (PROTOCOL.md, "Workspace
 * connection"): every room part this tab syncs is a subscription on it (see
 * subscription-table.ts), and the feed of room heads and directory notices arrive
 * on it too.
 *
 * The connection runs while something needs it (a subscription, or a `hold()` by the
 * feed consumer), a token is at hand and the device is online. It reconnects with
 * exponential backoff and jitter, at once when the network returns, and stops for
 * good on a connection-wide 4400–4499 close (4410/4411 also go to
 * `onAccessProblem`; a new token, i.e. a new session, lifts those two). On every open
 * it sends `hello` first [FEED1], then subscribes every live subscription again. A
 * per-room 1001 (the relay is shutting down) ends the whole socket.
 *
 * Keep-alive: after 15 s without a frame it pings (subscription-table.ts); after
 * 30 s of silence, or 15 s without an answer to a ping, it gives the socket up
 * (y-websocket's watchdog).
 */
import { CloseCode, isPermanentClose } from '../../../../shared/protocol/close-codes.js';
import {
  encodeMux,
  MAX_LIST,
  MUX_VERSION,
  parseMux,
  VERSION_PARAM,
  type Feed,
  type MuxFrame,
} from '../../../../shared/protocol/mux.js';
import type { TokenSource, TokenState } from '../../auth/token-source.js';
import type { NetworkMonitor } from '../../lib/network-monitor.js';
import { systemTimers, type Timers } from '../../lib/timers.js';
import type { CloseInfo } from '../connection-status.js';
import { MAX_RECONNECT_MS, reconnectDelay } from './reconnect-delay.js';
import { SubscriptionTable, type MuxHandler, type MuxSubscription } from './subscription-table.js';

export { PING_PART, type MuxHandler, type MuxSubscription } from './subscription-table.js';

/** What the device already has of the feed, sent in `hello` [FEED1]. */
export interface HelloState {
  feedId: string;
  cursor: number;
  /** The `x-directory-digest` of the last `GET /api/rooms`; empty if none. */
  directory: string;
}

export const NEW_DEVICE_HELLO: HelloState = { feedId: '', cursor: 0, directory: '' };

export interface ConnectionState {
  online: boolean;
  socket: 'idle' | 'connecting' | 'open';
  /** The last attempt closed without ever opening: the relay is out of reach, or refused. */
  unreachable: boolean;
  lastClose: CloseInfo | null;
  /** A connection-wide close that reconnecting cannot fix. */
  fatal: CloseInfo | null;
}

export type ConnectionTokens = Pick<TokenSource, 'subscribe' | 'invalidate'>;

export interface WorkspaceConnectionOptions {
  /** ws(s)://host/sync (lib/sync-url.ts); `?v=2&token=…` is appended. */
  url: string;
  tokens: ConnectionTokens;
  network: NetworkMonitor;
  /** Read at every open; the feed consumer keeps it. Default: a new device. */
  hello?: () => HelloState;
  /**
   * No socket opens before this settles (the feed consumer loading its stored cursor),
   * so the first hello never says "new device" for a device that has a cursor.
   */
  helloReady?: Promise<unknown>;
  /** Refused upgrade (`null`) or a 4410/4411 close: the app checks the session. */
  onAccessProblem?: (code: number | null) => void;
  /** Default `globalThis.WebSocket`; in Node, the `ws` package's class. */
  WebSocket?: typeof globalThis.WebSocket;
  timers?: Timers;
  random?: () => number;
  maxBackoffMs?: number;
  /** The socket outlives its last subscription this long (a page change releases, then acquires). */
  idleCloseMs?: number;
}

const PING_AFTER_MS = 15_000;
const DEAD_AFTER_MS = 30_000;
/** A relay that leaves a ping unanswered this long is not reading this socket. */
const PING_TIMEOUT_MS = 15_000;
const WATCH_EVERY_MS = 3_000;
const IDLE_CLOSE_MS = 5_000;
const OPEN = 1;
const sessionCodes = new Set<number>([CloseCode.accountDeactivated, CloseCode.sessionEnded]);

export class WorkspaceConnection {
  readonly #url: string;
  readonly #tokens: ConnectionTokens;
  readonly #hello: () => HelloState;
  readonly #onAccessProblem: (code: number | null) => void;
  readonly #WebSocket: typeof globalThis.WebSocket | undefined;
  readonly #timers: Timers;
  readonly #random: () => number;
  readonly #maxBackoffMs: number;
  readonly #idleCloseMs: number;
  readonly #stopNetwork: () => void;
  readonly #parts: SubscriptionTable;
  readonly #feedListeners = new Set<(feed: Feed) => void>();
  readonly #directoryListeners = new Set<() => void>();
  readonly #stateListeners = new Set<(state: ConnectionState) => void>();
  #state: ConnectionState;
  #socket: WebSocket | null = null;
  #socketOpen = false;
  #socketToken: string | null = null;
  #token: string | null = null;
  #fatalToken: string | null = null;
  #stopTokens: (() => void) | null = null;
  #holds = 0;
  #attempts = 0;
  #lastReceived = 0;
  #queuedHeads: string[] = [];
  #reconnectTimer: unknown = null;
  #idleTimer: unknown = null;
  #watchTimer: unknown = null;
  #destroyed = false;
  #helloReady = true;

  constructor(options: WorkspaceConnectionOptions) {
    this.#url = options.url.replace(/\/+$/, '');
    this.#tokens = options.tokens;
    this.#hello = options.hello ?? (() => NEW_DEVICE_HELLO);
    if (options.helloReady) {
      this.#helloReady = false;
      const ready = () => {
        this.#helloReady = true;
        this.#connectIfReady();
      };
      options.helloReady.then(ready, ready);
    }
    this.#onAccessProblem = options.onAccessProblem ?? (() => {});
    this.#WebSocket = options.WebSocket;
    this.#timers = options.timers ?? systemTimers;
    this.#random = options.random ?? Math.random;
    this.#maxBackoffMs = options.maxBackoffMs ?? MAX_RECONNECT_MS;
    this.#idleCloseMs = options.idleCloseMs ?? IDLE_CLOSE_MS;
    this.#parts = new SubscriptionTable(
      {
        isOpen: () => this.#isOpen(),
        send: (frame) => this.#sendMux(frame),
        sendRaw: (bytes) => this.#send(bytes),
      },
      {
        timers: this.#timers,
        random: this.#random,
        maxBackoffMs: this.#maxBackoffMs,
        changed: () => this.#activityChanged(),
      },
    );
    this.#state = {
      online: options.network.isOnline(),
      socket: 'idle',
      unreachable: false,
      lastClose: null,
      fatal: null,
    };
    this.#stopNetwork = options.network.subscribe((online) => this.#onNetwork(online));
  }

  state(): ConnectionState {
    return this.#state;
  }

  /** Calls `listener` on every change of state(); returns the unsubscribe function. */
  onState(listener: (state: ConnectionState) => void): () => void {
    return listen(this.#stateListeners, listener);
  }

  /** Every `feed` frame: the answer to hello (`complete`), live notices, answers to requestHeads. */
  onFeed(listener: (feed: Feed) => void): () => void {
    return listen(this.#feedListeners, listener);
  }

  /** Every `directory` frame: this person's directory changed [FEED3]. */
  onDirectory(listener: () => void): () => void {
    return listen(this.#directoryListeners, listener);
  }

  /** Keeps the connection up with no subscription (the feed consumer, while signed in). */
  hold(): () => void {
    this.#holds += 1;
    this.#activityChanged();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holds -= 1;
      this.#activityChanged();
    };
  }

  /**
   * Asks every part and head of rooms new to the device [FEED3]; the answer is a feed
   * frame. Asked while closed, it goes out after the next hello; a socket that drops
   * before answering loses it (ask again after the next complete feed).
   */
  requestHeads(roomIds: readonly string[]): void {
    if (!this.#isOpen()) {
      this.#queuedHeads.push(...roomIds);
      return;
    }
    for (let i = 0; i < roomIds.length; i += MAX_LIST) {
      this.#sendMux({ kind: 'heads', roomIds: roomIds.slice(i, i + MAX_LIST) });
    }
  }

  /** Syncs `part` over this connection; one subscriber per part at a time. */
  subscribe(part: string, handler: MuxHandler): MuxSubscription {
    return this.#parts.subscribe(part, handler);
  }

  destroy(): void {
    this.#destroyed = true;
    this.#stopNetwork();
    this.#goIdle();
    this.#parts.clear();
  }

  #isOpen(): boolean {
    return this.#socketOpen && this.#socket?.readyState === OPEN;
  }

  #send(bytes: Uint8Array): boolean {
    if (!this.#isOpen()) return false;
    this.#socket?.send(bytes);
    return true;
  }

  #sendMux(frame: MuxFrame): boolean {
    return this.#send(encodeMux(frame));
  }

  #setState(patch: Partial<ConnectionState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of [...this.#stateListeners]) listener(this.#state);
  }

  #active(): boolean {
    return !this.#destroyed && (this.#parts.size > 0 || this.#holds > 0);
  }

  #activityChanged(): void {
    if (this.#active()) {
      this.#timers.clearTimeout(this.#idleTimer);
      this.#idleTimer = null;
      // TokenSource calls back at once, which may connect.
      this.#stopTokens ??= this.#tokens.subscribe((state) => this.#onToken(state));
    } else if (this.#idleTimer === null && !this.#destroyed) {
      this.#idleTimer = this.#timers.setTimeout(() => {
        this.#idleTimer = null;
        if (!this.#active()) this.#goIdle();
      }, this.#idleCloseMs);
    }
  }

  #goIdle(): void {
    this.#stopTokens?.();
    this.#stopTokens = null;
    this.#token = null;
    for (const timer of [this.#reconnectTimer, this.#idleTimer]) this.#timers.clearTimeout(timer);
    this.#reconnectTimer = null;
    this.#idleTimer = null;
    this.#closeLocally();
  }

  #onToken(state: TokenState): void {
    if (state.kind === 'ready') {
      this.#token = state.token;
      const fatal = this.#state.fatal;
      if (fatal && sessionCodes.has(fatal.code) && state.token !== this.#fatalToken) {
        this.#setState({ fatal: null });
      }
      this.#connectIfReady();
    } else if (state.kind === 'unreachable' && !this.#isOpen()) {
      this.#setState({ unreachable: true });
    }
  }

  #onNetwork(online: boolean): void {
    this.#setState({ online });
    this.#timers.clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
    if (!online) return this.#closeLocally();
    this.#attempts = 0;
    this.#connectIfReady();
  }

  #connectIfReady(): void {
    if (
      this.#helloReady &&
      this.#active() &&
      this.#socket === null &&
      this.#reconnectTimer === null &&
      this.#token !== null &&
      this.#state.online &&
      this.#state.fatal === null
    ) {
      this.#connect(this.#token);
    }
  }

  #connect(token: string): void {
    const Socket = this.#WebSocket ?? globalThis.WebSocket;
    const url = `${this.#url}?${VERSION_PARAM}=${MUX_VERSION}&token=${encodeURIComponent(token)}`;
    const socket = new Socket(url);
    socket.binaryType = 'arraybuffer';
    this.#socket = socket;
    this.#socketOpen = false;
    this.#socketToken = token;
    socket.onopen = () => {
      if (this.#socket === socket) this.#onOpen();
    };
    socket.onmessage = (event: MessageEvent) => {
      if (this.#socket === socket) this.#onMessage(event.data);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.#socket === socket) this.#onClose({ code: event.code, reason: event.reason });
    };
    // Closing a socket that is still connecting reports an error; in Node an unheard one throws.
    socket.onerror = () => {};
    this.#setState({ socket: 'connecting' });
  }

  #onOpen(): void {
    this.#socketOpen = true;
    this.#lastReceived = this.#timers.now();
    this.#setState({ socket: 'open', unreachable: false, lastClose: null });
    this.#sendMux({ kind: 'hello', ...this.#hello() });
    const heads = this.#queuedHeads.splice(0);
    if (heads.length > 0) this.requestHeads(heads);
    this.#parts.startAll();
    this.#watch();
  }

  #onMessage(data: unknown): void {
    this.#lastReceived = this.#timers.now();
    this.#attempts = 0;
    if (!(data instanceof ArrayBuffer)) return;
    const frame = parseMux(new Uint8Array(data));
    switch (frame.kind) {
      case 'room':
        return this.#parts.deliver(frame.room, frame.frame);
      case 'closed':
        if (this.#parts.closed(frame.room, frame.code, frame.reason)) return;
        // The relay is shutting down and ends every subscription: reconnect the socket
        // (with backoff, as for any drop) instead of re-subscribing part by part to it.
        this.#closeLocally();
        this.#setState({ lastClose: { code: frame.code, reason: frame.reason } });
        return this.#scheduleReconnect();
      case 'feed': {
        const { feedId, cursor, complete, heads } = frame;
        for (const listener of [...this.#feedListeners])
          listener({ feedId, cursor, complete, heads });
        return;
      }
      case 'directory':
        for (const listener of [...this.#directoryListeners]) listener();
        return;
      default:
        // Client-to-relay kinds, unknown kinds and malformed frames: nothing to do.
        return;
    }
  }

  #onClose(close: CloseInfo): void {
    const wasOpen = this.#socketOpen;
    this.#dropSocket();
    if (!wasOpen) {
      // A refused upgrade (bad token [MUX1]) looks like any failed socket: 1006, never opened.
      this.#tokens.invalidate();
      this.#onAccessProblem(null);
    }
    if (isPermanentClose(close.code)) {
      this.#fatalToken = this.#socketToken;
      this.#setState({ socket: 'idle', lastClose: close, fatal: close, unreachable: !wasOpen });
      if (sessionCodes.has(close.code)) this.#onAccessProblem(close.code);
    } else {
      this.#setState({ socket: 'idle', lastClose: close, unreachable: !wasOpen });
      this.#scheduleReconnect();
    }
    this.#parts.dropAll();
  }

  /** Our own close (offline, idle, watchdog, destroy): says nothing about the relay. */
  #closeLocally(): void {
    const socket = this.#socket;
    if (!socket) return;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.close();
    this.#dropSocket();
    this.#setState({ socket: 'idle' });
    this.#parts.dropAll();
  }

  #dropSocket(): void {
    this.#socket = null;
    this.#socketOpen = false;
    this.#timers.clearTimeout(this.#watchTimer);
    this.#watchTimer = null;
  }

  #scheduleReconnect(): void {
    const delay = reconnectDelay(this.#attempts++, this.#random, this.#maxBackoffMs);
    this.#reconnectTimer = this.#timers.setTimeout(() => {
      this.#reconnectTimer = null;
      this.#connectIfReady();
    }, delay);
  }

  #watch(): void {
    this.#watchTimer = this.#timers.setTimeout(() => {
      this.#watchTimer = null;
      if (!this.#isOpen()) return;
      const now = this.#timers.now();
      const silence = now - this.#lastReceived;
      const pingSentAt = this.#parts.unansweredSince();
      if (
        silence >= DEAD_AFTER_MS ||
        (pingSentAt !== null && now - pingSentAt >= PING_TIMEOUT_MS)
      ) {
        this.#closeLocally();
        this.#scheduleReconnect();
        return;
      }
      if (silence >= PING_AFTER_MS) this.#parts.ping();
      this.#watch();
    }, WATCH_EVERY_MS);
  }
}

function listen<T>(listeners: Set<T>, listener: T): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

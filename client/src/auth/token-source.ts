import type { AccessToken } from '../../../shared/api/schemas.js';
import { systemTimers, type Timers } from '../lib/timers.js';
import { ApiFailure } from './api-failure.js';
import { localExpiry, refreshDelay, retryDelay } from './token-timing.js';

/** What a room's connection needs to know about the WebSocket access token. */
export type TokenState =
  | { kind: 'waiting' }
  | { kind: 'ready'; token: string }
  /** The last fetch could not reach the relay; the rooms show "offline". */
  | { kind: 'unreachable' };

export interface TokenSourceDeps {
  fetchToken: () => Promise<AccessToken>;
  timers?: Timers;
  /** Every failed fetch; a 401 means the session is over (the app refreshes it). */
  onFailure?: (error: unknown) => void;
}

/** A refused connection asks for a new token, but not more often than this. */
const MIN_REFETCH_MS = 3_000;

interface Held {
  token: string;
  receivedAt: number;
  expiry: number;
}

/**
 * Keeps one short-lived access token for all of the device's WebSockets (POST
 * /api/auth/token, cookie-authenticated). It fetches only while some room listens,
 * refreshes ahead of expiry, retries with backoff while the relay is out of reach,
 * and fetches again soon after a connection was refused.
 */
export class TokenSource {
  readonly #fetchToken: () => Promise<AccessToken>;
  readonly #timers: Timers;
  readonly #onFailure: (error: unknown) => void;
  readonly #listeners = new Set<(state: TokenState) => void>();
  #held: Held | null = null;
  #state: TokenState = { kind: 'waiting' };
  #timer: unknown = null;
  #fetching = false;
  #failures = 0;
  #lastFetchAt = -Infinity;
  /** Bumped by reset(), so a fetch that was under way when the session ended is dropped. */
  #generation = 0;

  constructor({ fetchToken, timers = systemTimers, onFailure = () => {} }: TokenSourceDeps) {
    this.#fetchToken = fetchToken;
    this.#timers = timers;
    this.#onFailure = onFailure;
  }

  /** A token that has not expired yet, if there is one. */
  current(): string | null {
    const held = this.#held;
    return held && this.#timers.now() < held.expiry ? held.token : null;
  }

  /** Calls `listener` now and on every change; fetching starts with the first listener. */
  subscribe(listener: (state: TokenState) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#state);
    if (this.#listeners.size === 1) this.#start();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#clearTimer();
    };
  }

  /** A connection was refused: the token may be stale, so fetch another soon. */
  invalidate(): void {
    if (this.#listeners.size === 0 || this.#fetching) return;
    this.#schedule(Math.max(0, this.#lastFetchAt + MIN_REFETCH_MS - this.#timers.now()));
  }

  /** The network came back: stop waiting out the backoff. */
  wake(): void {
    if (this.#listeners.size === 0 || this.#fetching || this.current() !== null) return;
    this.#failures = 0;
    this.#schedule(0);
  }

  /** The session ended: forget the token and stop until someone listens again. */
  reset(): void {
    this.#generation += 1;
    this.#clearTimer();
    this.#held = null;
    this.#fetching = false;
    this.#failures = 0;
    this.#lastFetchAt = -Infinity;
    this.#setState({ kind: 'waiting' });
    if (this.#listeners.size > 0) this.#schedule(0);
  }

  #start(): void {
    const held = this.#held;
    if (held && this.current() !== null) {
      this.#schedule(refreshDelay(held.expiry, held.receivedAt, this.#timers.now()));
    } else {
      this.#schedule(0);
    }
  }

  #schedule(delay: number): void {
    this.#clearTimer();
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      void this.#fetch();
    }, delay);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #fetch(): Promise<void> {
    if (this.#fetching || this.#listeners.size === 0) return;
    const generation = this.#generation;
    this.#fetching = true;
    this.#lastFetchAt = this.#timers.now();
    try {
      const { token, expiresAt } = await this.#fetchToken();
      if (generation !== this.#generation) return;
      const receivedAt = this.#timers.now();
      const expiry = localExpiry(expiresAt, receivedAt);
      this.#held = { token, receivedAt, expiry };
      this.#failures = 0;
      this.#setState({ kind: 'ready', token });
      if (this.#listeners.size > 0) this.#schedule(refreshDelay(expiry, receivedAt, receivedAt));
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#failures += 1;
      if (this.current() === null) {
        const offline = error instanceof ApiFailure && error.offline;
        this.#setState(offline ? { kind: 'unreachable' } : { kind: 'waiting' });
      }
      this.#onFailure(error);
      // onFailure may have ended the session (reset) and scheduled a fresh start.
      if (generation !== this.#generation) return;
      if (this.#listeners.size > 0) this.#schedule(retryDelay(this.#failures));
    } finally {
      if (generation === this.#generation) this.#fetching = false;
    }
  }

  #setState(state: TokenState): void {
    this.#state = state;
    for (const listener of [...this.#listeners]) listener(state);
  }
}

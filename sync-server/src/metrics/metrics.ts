/**
 * What the relay counts for its operator (OPERATIONS.md, "Metrics and logs"). An
 * interface passed in like the logger, never a module global, so that several relays
 * in one process (the tests) each count their own; `noMetrics` counts nothing (the
 * benchmark's baseline). PrometheusMetrics (prometheus-metrics.ts) serves `/metrics`.
 */
import type { Bus } from '../bus/bus.js';
import type { ReadinessCheck } from '../stores.js';

/** Version 1 (`/sync/<room>`, y-websocket) or version 2 (`/sync?v=2`, the workspace connection). */
export type Protocol = 'v1' | 'v2';

/** Why the relay said no to a client [METRIC4]; each a bounded label value. */
export type RefusalReason =
  | 'admission'
  | 'access'
  | 'unauthenticated'
  | 'rate_limit'
  | 'bad_frame'
  | 'bad_room_name'
  | 'protocol_version'
  | 'read_only'
  | 'stalled'
  | 'unavailable'
  | 'bad_request';

/** Why a sign-in failed [METRIC5]. */
export type SignInFailure =
  | 'bad_credentials'
  | 'rate_limited'
  | 'deactivated'
  | 'invalid_input'
  | 'unavailable'
  | 'sso'
  | 'other';

/** What the relay reads at scrape time instead of counting as it goes. */
export interface MetricSources {
  /** Rooms loaded and peers (v1 sockets and v2 subscriptions) attached to them. */
  stats(): { rooms: number; connections: number };
  /** The bus between relays; its health is reported in the scaled mode only. */
  bus?: Bus;
  /** The shared stores (`/readyz`); none in the embedded mode. */
  readiness: readonly ReadinessCheck[];
}

/** Ends a timing and records it. */
export type StopTimer = () => void;

export interface Metrics {
  /** A frame that crossed a socket; classified from its first bytes. */
  frame(direction: 'in' | 'out', protocol: Protocol, frame: Uint8Array): void;
  socketOpened(protocol: Protocol): void;
  socketClosed(protocol: Protocol): void;
  /** The relay closed a socket (or, in version 2, one subscription) with `code`. */
  closed(code: number, protocol: Protocol): void;
  /** A refusal that is not a close (an upgrade answered 401/403/503, a read-only update dropped). */
  refused(reason: RefusalReason): void;
  signInFailed(reason: SignInFailure): void;
  /** Starts timing one group commit (the storage append that makes a batch durable). */
  groupCommit(): StopTimer;
  /** Starts timing one compaction. */
  compaction(): StopTimer;
  /** One HTTP request done: `route` is the matched pattern, never the raw path. */
  http(method: string, route: string, status: number, seconds: number): void;
  /** Registers what is read at scrape time. */
  watch(sources: MetricSources): void;
}

const stop: StopTimer = () => {};

/** Counts nothing: for a relay measured without metrics. */
export const noMetrics: Metrics = {
  frame() {},
  socketOpened() {},
  socketClosed() {},
  closed() {},
  refused() {},
  signInFailed() {},
  groupCommit: () => stop,
  compaction: () => stop,
  http() {},
  watch() {},
};

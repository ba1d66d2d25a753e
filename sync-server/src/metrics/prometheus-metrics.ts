import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { PROTOCOL_VERSION } from '../../../shared/protocol/version.js';
import { runChecks } from '../routes/readiness-checks.js';
import { RELAY_VERSION } from '../version.js';
import { FRAME_KINDS, frameKind, REFUSAL_OF_CLOSE } from './frame-kind.js';
import type {
  MetricSources,
  Metrics,
  Protocol,
  RefusalReason,
  SignInFailure,
  StopTimer,
} from './metrics.js';

/** A group commit is one fsync (SQLite) or one round trip (PostgreSQL): milliseconds. */
const COMMIT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** A compaction encodes the whole document: up to seconds for a large one. */
const COMPACTION_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The relay's metrics in a prom-client Registry of its own (never the global one:
 * tests run several relays in one process) [METRIC1]. Hot paths only increment
 * counters; what the relay already knows (rooms, peers, store health) is read when
 * scraped [METRIC2]. Every label has a small fixed set of values: never a room, a
 * person or a raw path [METRIC3].
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly connections: Gauge<'protocol'>;
  /**
   * Frames and bytes per (direction, protocol, kind), in plain arrays: a labelled
   * prom-client inc() hashes its labels (about 1.5 µs a call, bench/metrics.ts), too
   * much for every frame; the counters copy these totals when scraped.
   */
  private readonly frameCounts = new Float64Array(SLOTS);
  private readonly byteCounts = new Float64Array(SLOTS);
  private readonly closes: Counter<'code' | 'protocol'>;
  private readonly refusals: Counter<'reason'>;
  private readonly signIns: Counter<'reason'>;
  private readonly commits: Histogram;
  private readonly compactions: Histogram;
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly requestSeconds: Histogram<'method' | 'route' | 'status'>;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'relay_build_info',
      help: 'Always 1; the relay version and protocol version as labels.',
      labelNames: ['version', 'protocol'],
      registers,
    }).set({ version: RELAY_VERSION, protocol: String(PROTOCOL_VERSION) }, 1);
    this.connections = new Gauge({
      name: 'relay_connections',
      help: 'Open WebSocket connections, by protocol version.',
      labelNames: ['protocol'],
      registers,
    });
    this.connections.set({ protocol: 'v1' }, 0);
    this.connections.set({ protocol: 'v2' }, 0);
    const frameCounts = this.frameCounts;
    const byteCounts = this.byteCounts;
    new Counter({
      name: 'relay_frames_total',
      help: 'WebSocket frames received (in) and sent (out), by protocol and kind.',
      labelNames: ['direction', 'protocol', 'kind'],
      registers,
      collect() {
        copySlots(this, frameCounts);
      },
    });
    new Counter({
      name: 'relay_bytes_total',
      help: 'Bytes of WebSocket frames received (in) and sent (out), by protocol and kind.',
      labelNames: ['direction', 'protocol', 'kind'],
      registers,
      collect() {
        copySlots(this, byteCounts);
      },
    });
    this.closes = new Counter({
      name: 'relay_closes_total',
      help: 'Sockets (and version 2 subscriptions) the relay closed, by close code.',
      labelNames: ['code', 'protocol'],
      registers,
    });
    this.refusals = new Counter({
      name: 'relay_refusals_total',
      help: 'Connections, subscriptions and updates refused, by reason.',
      labelNames: ['reason'],
      registers,
    });
    this.signIns = new Counter({
      name: 'relay_signin_failures_total',
      help: 'Failed sign-ins, by reason.',
      labelNames: ['reason'],
      registers,
    });
    this.commits = new Histogram({
      name: 'relay_group_commit_seconds',
      help: 'Time to store one group commit (all rooms written in one transaction).',
      buckets: COMMIT_BUCKETS,
      registers,
    });
    this.compactions = new Histogram({
      name: 'relay_compaction_seconds',
      help: 'Time to compact one room (snapshot plus log trim), successful or not.',
      buckets: COMPACTION_BUCKETS,
      registers,
    });
    this.requests = new Counter({
      name: 'relay_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status class.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.requestSeconds = new Histogram({
      name: 'relay_http_request_seconds',
      help: 'Time to answer an HTTP request, by method, route pattern and status class.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
  }

  frame(direction: 'in' | 'out', protocol: Protocol, frame: Uint8Array): void {
    const slot = slotOf(direction, protocol, FRAME_KINDS.indexOf(frameKind(protocol, frame)));
    this.frameCounts[slot] = (this.frameCounts[slot] ?? 0) + 1;
    this.byteCounts[slot] = (this.byteCounts[slot] ?? 0) + frame.length;
  }

  socketOpened(protocol: Protocol): void {
    this.connections.inc({ protocol });
  }

  socketClosed(protocol: Protocol): void {
    this.connections.dec({ protocol });
  }

  closed(code: number, protocol: Protocol): void {
    this.closes.inc({ code: String(code), protocol });
    const refusal = REFUSAL_OF_CLOSE.get(code);
    if (refusal) this.refusals.inc({ reason: refusal });
  }

  refused(reason: RefusalReason): void {
    this.refusals.inc({ reason });
  }

  signInFailed(reason: SignInFailure): void {
    this.signIns.inc({ reason });
  }

  groupCommit(): StopTimer {
    return this.commits.startTimer();
  }

  compaction(): StopTimer {
    return this.compactions.startTimer();
  }

  http(method: string, route: string, status: number, seconds: number): void {
    const labels = { method: knownMethod(method), route, status: `${Math.floor(status / 100)}xx` };
    this.requests.inc(labels);
    this.requestSeconds.observe(labels, seconds);
  }

  watch(sources: MetricSources): void {
    const registers = [this.registry];
    new Gauge({
      name: 'relay_rooms_loaded',
      help: 'Rooms whose document this relay holds in memory.',
      registers,
      collect() {
        this.set(sources.stats().rooms);
      },
    });
    new Gauge({
      name: 'relay_subscriptions',
      help: 'Room peers: version 1 sockets plus version 2 subscriptions.',
      registers,
      collect() {
        this.set(sources.stats().connections);
      },
    });
    // The scaled mode only: an embedded relay has no bus to lose and no store to reach.
    if (sources.readiness.length === 0) return;
    const bus = sources.bus;
    if (bus) {
      new Gauge({
        name: 'relay_bus_healthy',
        help: '1 while this relay hears the bus (Redis), else 0 (it then refuses connections).',
        registers,
        collect() {
          this.set(bus.healthy() ? 1 : 0);
        },
      });
    }
    new Gauge({
      name: 'relay_store_up',
      help: '1 when the shared store answered the readiness check of this scrape, else 0.',
      labelNames: ['store'],
      registers,
      async collect() {
        const results = await runChecks(sources.readiness);
        for (const [store, state] of Object.entries(results))
          this.set({ store }, state === 'ok' ? 1 : 0);
      },
    });
  }

  /** The exposition text of every metric, and its content type. */
  async scrape(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}

const DIRECTIONS = ['in', 'out'] as const;
const PROTOCOLS: readonly Protocol[] = ['v1', 'v2'];
const SLOTS = DIRECTIONS.length * PROTOCOLS.length * FRAME_KINDS.length;

function slotOf(direction: 'in' | 'out', protocol: Protocol, kind: number): number {
  return (
    ((direction === 'in' ? 0 : 1) * PROTOCOLS.length + (protocol === 'v1' ? 0 : 1)) *
      FRAME_KINDS.length +
    kind
  );
}

/** Sets a counter to the totals counted in `counts` (only the label sets seen). */
function copySlots(
  counter: Counter<'direction' | 'protocol' | 'kind'>,
  counts: Float64Array,
): void {
  counter.reset();
  for (const direction of DIRECTIONS)
    for (const protocol of PROTOCOLS)
      FRAME_KINDS.forEach((kind, index) => {
        const value = counts[slotOf(direction, protocol, index)] ?? 0;
        if (value > 0) counter.inc({ direction, protocol, kind }, value);
      });
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A client may send any method name; only the usual ones become label values. */
function knownMethod(method: string): string {
  return METHODS.has(method) ? method : 'other';
}

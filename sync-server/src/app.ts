import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AdmissionLimits } from '../../shared/protocol/admission-limits.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { AccessControl } from './auth/access-control.js';
import type { IdentityStore } from './auth/identity/identity-store.js';
import type { PasswordHasher } from './auth/passwords.js';
import type { Bus } from './bus/bus.js';
import type { RateLimits } from './limits/rate-limits.js';
import type { ReadinessCheck } from './stores.js';
import type { Persistence } from './persistence/persistence.js';
import { MemoryBlobStore, type BlobStore } from './files/blob-store.js';
import { RoomFiles } from './files/room-files.js';
import { StorageUsage } from './files/storage-usage.js';
import { RetentionPolicies } from './retention/retention-policies.js';
import { RetentionSweeper } from './retention/retention-sweep.js';
import { Relay } from './rooms/relay.js';
import { ModelStore } from './models/model-store.js';
import { apiRoute } from './routes/api-route.js';
import { IdentityProvider } from './auth/sso/identity-provider.js';
import type { SsoSettings } from './auth/sso/sso-settings.js';
import { SsoSignIn } from './auth/sso/sso-sign-in.js';
import { modelsRoute } from './routes/models-route.js';
import { healthRoute } from './routes/health-route.js';
import { staticRoute } from './routes/static-route.js';
import { syncRoute } from './routes/sync-route.js';
import { FeedHub } from './workspace/feed-hub.js';
import { PrometheusMetrics } from './metrics/prometheus-metrics.js';
import { requestLog } from './middleware/request-log.js';
import { metricsRoute } from './routes/metrics-route.js';
import { CalendarFeeds } from './calendar/calendar-feeds.js';
import { icsRoute } from './routes/calendar-feed-route.js';

export interface AppDeps {
  persistence: Persistence;
  /** People, groups, rooms and access rules (identity.sqlite, or another IdentityStore). */
  identity: IdentityStore;
  clock: Clock;
  /** Password hashing; default scrypt. Tests wrap it to count the work. */
  passwords?: PasswordHasher;
  log: Logger;
  config: Pick<
    Config,
    | 'MAX_FRAME_BYTES'
    | 'MAX_BUFFERED_BYTES'
    | 'ROOM_IDLE_MS'
    | 'COMPACT_ENTRIES'
    | 'COMPACT_BYTES'
    | 'AWARENESS_RATE'
    | 'AWARENESS_BURST'
    | 'PRESENCE_STATE_BYTES'
    | 'PRESENCE_IDS_PER_CONNECTION'
    | 'PRESENCE_ROOM_STATES'
    | 'PRESENCE_ROOM_BYTES'
    | 'MAX_FILE_BYTES'
    | 'MUX_MAX_SUBSCRIPTIONS'
  > &
    Partial<
      Pick<
        Config,
        | 'METRICS_TOKEN'
        | 'WORKSPACE_STORAGE_QUOTA_BYTES'
        | 'UPLOAD_QUOTA_BYTES_PER_PERSON'
        | 'RETENTION_SWEEP_MS'
        | 'APPROVALS_KEY_FILE'
        | 'PUBLIC_URL'
      >
    >;
  /** What one update may contain; default ADMISSION_LIMITS (PROTOCOL.md, "Update admission"). */
  admission?: AdmissionLimits;
  /** Uploaded file bytes (DATA_DIR/files); default: kept in memory. */
  blobs?: BlobStore;
  /** The on-device AI models the operator installed (MODELS_DIR); omit for none. */
  modelsDir?: string | undefined;
  /** Directory of the built client; omit to serve no static files. */
  staticDir?: string;
  /**
   * What crosses relay instances (RedisBus when several relays share one store);
   * default LocalBus: one relay, nothing crosses.
   */
  bus?: Bus;
  /** A gap in what the bus delivered stays open this long before the store is read [SCALE3]. */
  gapGraceMs?: number;
  /**
   * Where sign-in, password-change and DING limits keep their state (RedisRateLimits
   * when several relays share one workspace, so they enforce one budget [LIMIT1]);
   * default MemoryRateLimits: this relay alone. The caller closes it.
   */
  limits?: RateLimits;
  /** Single sign-on (config.ts OIDC_*, checked by ssoSettings); omit or null for none. */
  sso?: SsoSettings | null;
  /** The shared stores `/readyz` checks (none in the embedded mode: SQLite is this process). */
  readiness?: readonly ReadinessCheck[];
  /**
   * What `/metrics` serves; default a new PrometheusMetrics of this app alone (its
   * own registry, so several relays in one process never share counters).
   */
  metrics?: PrometheusMetrics;
}

/** How often a relay of several compares the store's feed position with its notices. */
const FEED_POLL_MS = 2_000;

export interface RelayApp {
  app: Hono;
  relay: Relay;
  access: AccessControl;
  models: ModelStore;
  metrics: PrometheusMetrics;
  /** Single sign-on, when configured; stop() ends its discovery retries. */
  sso: SsoSignIn | null;
  /** Retention enforcement; main.ts starts its timer [RETAIN3]. */
  retention: RetentionSweeper;
  /** Storage use and quotas [QUOTA1]. */
  usage: StorageUsage;
  /** Hooks WebSocket upgrades into a Node HTTP server. */
  attach(server: Server): void;
}

/** Builds the relay without listening: main.ts and the tests both use this. */
export function createApp(deps: AppDeps): RelayApp {
  const app = new Hono();
  const metrics = deps.metrics ?? new PrometheusMetrics();
  app.use('*', requestLog(deps.log, metrics));
  const ws = createNodeWebSocket({ app });
  // Oversized frames are refused by the WebSocket layer before they are buffered [BAD3].
  ws.wss.options.maxPayload = deps.config.MAX_FRAME_BYTES;
  const relay = new Relay({
    persistence: deps.persistence,
    clock: deps.clock,
    log: deps.log,
    metrics,
    awareness: { rate: deps.config.AWARENESS_RATE, burst: deps.config.AWARENESS_BURST },
    presence: {
      stateBytes: deps.config.PRESENCE_STATE_BYTES,
      idsPerConnection: deps.config.PRESENCE_IDS_PER_CONNECTION,
      roomStates: deps.config.PRESENCE_ROOM_STATES,
      roomBytes: deps.config.PRESENCE_ROOM_BYTES,
    },
    roomIdleMs: deps.config.ROOM_IDLE_MS,
    compactEntries: deps.config.COMPACT_ENTRIES,
    compactBytes: deps.config.COMPACT_BYTES,
    ...(deps.admission && { admission: deps.admission }),
    ...(deps.bus && { bus: deps.bus }),
    ...(deps.gapGraceMs !== undefined && { gapGraceMs: deps.gapGraceMs }),
  });
  const access = new AccessControl(deps.identity, relay, deps.clock, deps.passwords, deps.limits);
  // The app loads nothing from other origins: no CDN, no third-party AI, no fonts.
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        workerSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  const blobs = deps.blobs ?? new MemoryBlobStore();
  const usage = new StorageUsage({
    persistence: deps.persistence,
    store: deps.identity,
    quotas: {
      workspaceBytes: deps.config.WORKSPACE_STORAGE_QUOTA_BYTES ?? 0,
      personBytes: deps.config.UPLOAD_QUOTA_BYTES_PER_PERSON ?? 0,
    },
  });
  const files = new RoomFiles({
    store: deps.identity,
    directory: access.directory,
    blobs,
    clock: deps.clock,
    usage,
  });
  const retention = new RetentionSweeper({
    store: deps.identity,
    persistence: deps.persistence,
    relay,
    blobs,
    bus: relay.bus,
    clock: deps.clock,
    log: deps.log,
    intervalMs: deps.config.RETENTION_SWEEP_MS ?? 0,
  });
  const policies = new RetentionPolicies({
    store: deps.identity,
    directory: access.directory,
    clock: deps.clock,
    changed: (roomId) => retention.sweepRoomSoon(roomId),
  });
  const models = new ModelStore(deps.modelsDir ?? '');
  const calendarFeeds = new CalendarFeeds({
    store: deps.identity,
    directory: access.directory,
    persistence: deps.persistence,
    limits: access.limits,
    clock: deps.clock,
  });
  const sso = deps.sso
    ? new SsoSignIn({
        settings: deps.sso,
        provider: new IdentityProvider(deps.sso, { clock: deps.clock, log: deps.log }),
        store: deps.identity,
        clock: deps.clock,
        log: deps.log,
        changed: () => access.accessChanged(),
      })
    : null;
  app.route(
    '/api',
    apiRoute(access, {
      files,
      retention: policies,
      usage,
      maxBytes: deps.config.MAX_FILE_BYTES,
      models: deps.modelsDir ? models : null,
      log: deps.log,
      metrics,
      exports: { persistence: deps.persistence, blobs, clock: deps.clock },
      sso,
      approvalsKeyFile: deps.config.APPROVALS_KEY_FILE ?? null,
      calendarFeeds: { feeds: calendarFeeds, publicUrl: deps.config.PUBLIC_URL ?? null },
    }),
  );
  if (deps.modelsDir) app.route('/models', modelsRoute(access, models));
  app.route('/ics', icsRoute(calendarFeeds));
  const hub = new FeedHub({
    relay,
    persistence: deps.persistence,
    control: access,
    log: deps.log,
    // Other relays' commits, and a poll for those whose publication never came [SCALE4].
    ...(deps.bus && { bus: deps.bus, pollMs: FEED_POLL_MS }),
    ...(deps.gapGraceMs !== undefined && { gapGraceMs: deps.gapGraceMs }),
  });
  app.route(
    '/sync',
    syncRoute(relay, access, ws.upgradeWebSocket, {
      maxBuffered: deps.config.MAX_BUFFERED_BYTES,
      maxSubscriptions: deps.config.MUX_MAX_SUBSCRIPTIONS,
      hub,
      metrics,
      log: deps.log,
    }),
  );
  const health = healthRoute(relay, deps.readiness ?? []);
  app.route('/healthz', health.liveness);
  app.route('/readyz', health.readiness);
  metrics.watch({
    stats: () => relay.stats(),
    bus: relay.bus,
    readiness: deps.readiness ?? [],
  });
  app.route('/metrics', metricsRoute(metrics, deps.config.METRICS_TOKEN));
  if (deps.staticDir) app.route('/', staticRoute(deps.staticDir));
  return {
    app,
    relay,
    access,
    models,
    metrics,
    sso,
    retention,
    usage,
    attach(server) {
      // @hono/node-ws registers an async 'upgrade' listener that builds a URL from the
      // raw request target; a target such as `//a:b/x` makes it throw, and the
      // rejection would end the process. Its listener is captured here and called
      // only for targets that are plain paths, inside a boundary [BAD8].
      let upgrade: ((request: IncomingMessage, socket: Duplex, head: Buffer) => unknown) | null =
        null;
      ws.injectWebSocket({
        on: (_event: string, listener: typeof upgrade) => (upgrade = listener),
      } as unknown as Server);
      server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        // The upgrade is authorized asynchronously; a client that resets its socket
        // meanwhile must not crash the relay with an unhandled 'error' [BAD6].
        socket.on('error', () => socket.destroy());
        if (!isPlainPath(request.url)) {
          metrics.refused('bad_request');
          return refuseUpgrade(socket, 400, 'Bad Request');
        }
        // Fail closed [SCALE5]: a relay that cannot hear the bus takes no connections.
        if (!relay.accepting()) {
          metrics.refused('unavailable');
          return refuseUpgrade(socket, 503, 'Service Unavailable');
        }
        Promise.resolve()
          .then(() => upgrade?.(request, socket, head))
          .catch((error: unknown) => {
            // The path only: the query may carry an access token (`?token=`) [METRIC8].
            const path = (request.url ?? '').split('?')[0]?.slice(0, 200);
            deps.log.warn('upgrade failed', { path, error });
            refuseUpgrade(socket, 500, 'Internal Server Error');
          });
      });
    },
  };
}

/** An origin-form request target (`/path?query`), the only kind a WebSocket upgrade may use. */
function isPlainPath(target: string | undefined): boolean {
  if (!target || !target.startsWith('/') || target.startsWith('//')) return false;
  try {
    new URL(target, 'http://relay.invalid');
    return true;
  } catch {
    return false;
  }
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

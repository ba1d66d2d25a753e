import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, type AppDeps } from '../../sync-server/src/app.js';
import { systemClock } from '../../sync-server/src/clock.js';
import { ConfigSchema } from '../../sync-server/src/config.js';
import { silentLogger } from '../../sync-server/src/logger.js';
import type { Persistence } from '../../sync-server/src/persistence/persistence.js';
import type { Relay } from '../../sync-server/src/rooms/relay.js';

export interface TestRelay {
  port: number;
  /** Base URL for WebsocketProvider: ws://127.0.0.1:PORT/sync */
  wsUrl: string;
  httpUrl: string;
  relay: Relay;
  persistence: Persistence;
  /** Graceful stop (like SIGTERM); closes the persistence too. */
  stop(): Promise<void>;
  /** Abrupt stop: sockets drop and storage closes before queued work is written. */
  crash(): Promise<void>;
}

export interface TestRelayOptions {
  persistence: Persistence;
  port?: number;
  config?: Partial<AppDeps['config']>;
  log?: AppDeps['log'];
}

/** A real relay in this process on a real port (0 = any free port). */
export async function startTestRelay(options: TestRelayOptions): Promise<TestRelay> {
  const config = { ...ConfigSchema.parse({}), ...options.config };
  const relayApp = createApp({
    persistence: options.persistence,
    clock: systemClock,
    log: options.log ?? silentLogger,
    config,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = serve(
      { fetch: relayApp.app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' },
      () => resolve(s),
    ) as Server;
  });
  relayApp.attach(server);
  const relay = relayApp.relay;
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    httpUrl: `http://127.0.0.1:${port}`,
    relay,
    persistence: options.persistence,
    async stop() {
      server.close();
      await relay.shutdown();
      await options.persistence.close();
      server.closeAllConnections();
    },
    async crash() {
      server.close();
      server.closeAllConnections();
      await options.persistence.close();
      await relay.shutdown(); // its writes now fail, like a process that died
    },
  };
}

import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP load balancer in the test process, standing in for nginx in front of several
 * relays: each incoming connection goes to the next backend in turn (round robin, no
 * sticky sessions), skipping one that refuses the connection (a dead relay). Bytes are
 * piped both ways untouched, so WebSocket upgrades and HTTP pass through as they are;
 * when either side closes, so does the other, and the client reconnects through the
 * balancer to whichever relay is next, as it would in production.
 *
 * Like nginx without health checks, it does not look at /readyz: a relay that
 * accepts TCP but fails closed (4503) still gets its turn, and the client retries.
 */
export interface TcpBalancer {
  port: number;
  /** ws://127.0.0.1:<port>/sync */
  wsUrl: string;
  httpUrl: string;
  /** Backends in turn, as `host:port`. */
  backends(): string[];
  add(port: number, host?: string): void;
  remove(port: number, host?: string): void;
  /** Connections being piped now, by backend (`host:port`). */
  open(): Map<string, number>;
  /** The backend (`host:port`) of the piped connection whose client end has this local port. */
  backendOf(clientPort: number): string | undefined;
  /** Cuts every piped connection to one backend (or all): their clients reconnect. */
  drop(port?: number, host?: string): void;
  close(): Promise<void>;
}

interface Backend {
  host: string;
  port: number;
}

const keyOf = (b: Backend) => `${b.host}:${b.port}`;

/** A backend that neither accepts nor refuses (cut off by a partition) is skipped after this. */
const CONNECT_TIMEOUT_MS = 2_000;

export async function startTcpBalancer(ports: readonly number[] = []): Promise<TcpBalancer> {
  const backends: Backend[] = ports.map((port) => ({ host: '127.0.0.1', port }));
  const piped = new Map<Socket, { backend: Backend; upstream: Socket }>();
  let next = 0;

  /** Tries each backend once from the next in turn; null when all refuse. */
  const dial = async (): Promise<{ backend: Backend; upstream: Socket } | null> => {
    const tries = backends.length;
    for (let i = 0; i < tries; i++) {
      const backend = backends[next++ % Math.max(backends.length, 1)];
      if (!backend) return null;
      const upstream = await new Promise<Socket | null>((resolve) => {
        const socket = connect(backend.port, backend.host);
        const timer = setTimeout(() => {
          socket.destroy();
          resolve(null);
        }, CONNECT_TIMEOUT_MS);
        socket.once('connect', () => {
          clearTimeout(timer);
          resolve(socket);
        });
        socket.once('error', () => {
          clearTimeout(timer);
          socket.destroy();
          resolve(null);
        });
      });
      if (upstream) return { backend, upstream };
    }
    return null;
  };

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    client.on('error', () => client.destroy());
    void dial().then((chosen) => {
      if (!chosen || client.destroyed) {
        chosen?.upstream.destroy();
        client.destroy();
        return;
      }
      const { upstream } = chosen;
      piped.set(client, chosen);
      // A close or reset on either side ends the other: the client sees its socket drop.
      const end = () => {
        piped.delete(client);
        client.destroy();
        upstream.destroy();
      };
      upstream.on('error', end);
      upstream.on('close', end);
      client.on('close', end);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    httpUrl: `http://127.0.0.1:${port}`,
    backends: () => backends.map(keyOf),
    add(backendPort, host = '127.0.0.1') {
      if (!backends.some((b) => b.port === backendPort && b.host === host))
        backends.push({ host, port: backendPort });
    },
    remove(backendPort, host = '127.0.0.1') {
      const index = backends.findIndex((b) => b.port === backendPort && b.host === host);
      if (index >= 0) backends.splice(index, 1);
    },
    open() {
      const counts = new Map<string, number>();
      for (const { backend } of piped.values())
        counts.set(keyOf(backend), (counts.get(keyOf(backend)) ?? 0) + 1);
      return counts;
    },
    backendOf(clientPort) {
      for (const [client, { backend }] of piped)
        if (client.remotePort === clientPort) return keyOf(backend);
      return undefined;
    },
    drop(backendPort, host = '127.0.0.1') {
      for (const [client, { backend, upstream }] of [...piped]) {
        if (backendPort !== undefined && (backend.port !== backendPort || backend.host !== host))
          continue;
        client.destroy();
        upstream.destroy();
      }
    },
    async close() {
      for (const [client, { upstream }] of piped) {
        client.destroy();
        upstream.destroy();
      }
      piped.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

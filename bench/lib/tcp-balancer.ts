import { createServer, type Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpBalancer {
  port: number;
  /** Backend index of the connection whose client end has this local port. */
  backendOf(clientPort: number): number | undefined;
  close(): Promise<void>;
}

/** A backend that refused a connection is skipped for this long. */
const DOWN_MS = 1_000;

/**
 * A layer-4 load balancer: each accepted TCP connection goes to the next backend in
 * round-robin order, skipping backends that refused recently; when either end
 * closes, so does the other. No health checks and no stickiness, like a plain
 * `balance roundrobin` TCP proxy: a dead relay is found by a refused connect.
 */
export async function startTcpBalancer(backendPorts: readonly number[]): Promise<TcpBalancer> {
  let next = 0;
  const downUntil = backendPorts.map(() => 0);
  const byClientPort = new Map<number, number>();
  const sockets = new Set<Socket>();

  const route = (client: Socket, tried: number): void => {
    if (tried >= backendPorts.length) return void client.destroy();
    let index = next;
    for (let i = 0; i < backendPorts.length; i++) {
      const candidate = (next + i) % backendPorts.length;
      if ((downUntil[candidate] ?? 0) <= Date.now()) {
        index = candidate;
        break;
      }
    }
    next = (index + 1) % backendPorts.length;
    const backend = connect(backendPorts[index] as number, '127.0.0.1');
    sockets.add(backend);
    backend.once('error', () => {
      if (backend.connecting || !backend.remotePort) {
        downUntil[index] = Date.now() + DOWN_MS;
        sockets.delete(backend);
        route(client, tried + 1);
      }
    });
    backend.once('connect', () => {
      byClientPort.set(client.remotePort ?? 0, index);
      backend.on('error', () => client.destroy());
      client.on('error', () => backend.destroy());
      backend.once('close', () => client.destroy());
      client.once('close', () => backend.destroy());
      client.pipe(backend);
      backend.pipe(client);
    });
  };

  const server = createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.once('close', () => {
      sockets.delete(client);
      byClientPort.delete(client.remotePort ?? 0);
    });
    client.on('error', () => {});
    route(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    backendOf: (clientPort) => byClientPort.get(clientPort),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

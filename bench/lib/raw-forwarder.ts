/**
 * The floor cost of moving bytes: a `ws` server that forwards every binary frame
 * to every other socket opened on the same URL path. No parsing, no document, no
 * storage. Run as its own process by the fan-out benchmark.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

const rooms = new Map<string, Set<WebSocket>>();
const server = createServer((_req, res) => res.end('raw forwarder'));
const wss = new WebSocketServer({ server });

wss.on('connection', (socket, request) => {
  const path = request.url ?? '/';
  let room = rooms.get(path);
  if (!room) rooms.set(path, (room = new Set()));
  const peers = room;
  peers.add(socket);
  socket.on('message', (data: Buffer, isBinary) => {
    if (!isBinary) return;
    for (const peer of peers) if (peer !== socket && peer.readyState === 1) peer.send(data);
  });
  socket.on('close', () => {
    peers.delete(socket);
    if (peers.size === 0) rooms.delete(path);
  });
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening on http://localhost:${port}\n`);
});
process.on('SIGTERM', () => process.exit(0));

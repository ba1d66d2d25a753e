/**
 * The y-websocket@1.5.4 reference server logic (bin/utils.js setupWSConnection:
 * one in-memory Y.Doc per room, no persistence) wired to `ws` as its bin/server.js
 * does. It uses the same `ws` 8 as the other servers so only the room logic differs.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

type SetupWSConnection = (conn: WebSocket, req: IncomingMessage) => void;
const require = createRequire(import.meta.url);
const { setupWSConnection } = require('y-websocket-ref/bin/utils') as {
  setupWSConnection: SetupWSConnection;
};

const server = createServer((_req, res) => res.end('okay'));
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening on http://localhost:${port}\n`);
});
process.on('SIGTERM', () => process.exit(0));

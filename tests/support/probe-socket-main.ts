/**
 * A client run as its own process, e.g. inside a network namespace (netns.ts) next to
 * a relay that the test process cannot reach during a partition. It connects a stock
 * socket with confirm frames to the URL in argv[2] and reports on stdout, one JSON
 * line each: `open` (first frame from the relay), `confirm`, `close` (code),
 * `refused` (HTTP status of a refused upgrade). Each line `edit` on stdin sends one
 * update. Used by probe-socket.ts.
 */
import * as encoding from 'lib0/encoding';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../../shared/protocol/message-types.js';

const url = process.argv[2];
if (!url) throw new Error('usage: probe-socket-main.ts <ws url>');
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
const doc = new Y.Doc();
const ws = new WebSocket(url);
let opened = false;
ws.on('message', (data: Buffer) => {
  if (!opened) {
    opened = true;
    say({ event: 'open' });
  }
  if (data[0] === MessageType.confirm) say({ event: 'confirm' });
});
ws.on('unexpected-response', (_request, response) => {
  say({ event: 'refused', status: response.statusCode ?? 0 });
  process.exit(0);
});
ws.on('error', (error) => say({ event: 'error', message: error.message }));
ws.on('close', (code) => {
  say({ event: 'close', code });
  process.exit(0);
});
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'edit') return;
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(0, 'probe ');
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, SyncMessageType.update);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, before));
  ws.send(encoding.toUint8Array(encoder));
});

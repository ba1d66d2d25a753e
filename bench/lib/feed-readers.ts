/**
 * Child process of bench/feed.ts: one version 2 socket per token (argv[2]: a file
 * of tokens, one a line; argv[3]: the endpoint), each says hello. Commands on stdin,
 * answers on stdout as one JSON line:
 *   times     → { [cursor]: [receive time, ms since the epoch, per reader] } of live notices
 *   directory → number of directory frames received since the last ask
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { openMuxSocket, type MuxTestSocket } from '../../tests/support/mux-socket.js';
import { waitFor } from '../../tests/support/wait-for.js';

const tokens = readFileSync(process.argv[2] ?? '', 'utf8')
  .split('\n')
  .filter(Boolean);
const endpoint = process.argv[3] ?? '';
const times = new Map<number, number[]>();
let directories = 0;
const sockets: MuxTestSocket[] = [];
for (let i = 0; i < tokens.length; i += 50) {
  const batch = await Promise.all(
    tokens.slice(i, i + 50).map((token) => openMuxSocket(`${endpoint}?v=2&token=${token}`)),
  );
  for (const socket of batch) {
    socket.ws.on('message', () => {
      const frame = socket.frames.at(-1);
      if (frame?.kind === 'directory') directories += 1;
      if (frame?.kind !== 'feed' || frame.complete) return;
      const list = times.get(frame.cursor) ?? [];
      list.push(performance.timeOrigin + performance.now());
      times.set(frame.cursor, list);
    });
    socket.send({ kind: 'hello', feedId: '', cursor: 0, directory: '' });
  }
  await Promise.all(batch.map((socket) => socket.next('feed', (f) => f.complete)));
  sockets.push(...batch);
}
// Each hello with an empty digest got one directory frame.
await waitFor(() => directories >= sockets.length, { what: 'hello directories', timeout: 60_000 });
directories = 0;
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'times') {
    process.stdout.write(`${JSON.stringify(Object.fromEntries(times))}\n`);
    times.clear();
  } else if (line === 'directory') {
    process.stdout.write(`${directories}\n`);
    directories = 0;
  } else if (line === 'exit') {
    for (const socket of sockets) socket.close();
    process.exit(0);
  }
}

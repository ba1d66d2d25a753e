import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../support/cleanup.js';
import { createNetNamespace, type NetNamespace } from '../support/netns.js';

/** Dials host:port from inside the namespace; resolves with what the probe printed. */
async function dialFromInside(ns: NetNamespace, port: number, timeoutMs: number): Promise<string> {
  const script = `
    const socket = require('node:net').connect(${port}, '${ns.hostAddress}');
    const timer = setTimeout(() => { console.log('timeout'); process.exit(0); }, ${timeoutMs});
    socket.on('data', (data) => { console.log('got ' + data); clearTimeout(timer); socket.end(); });
    socket.on('error', (error) => { console.log('error ' + error.code); clearTimeout(timer); });
  `;
  const { command, args } = ns.wrap(process.execPath, ['-e', script]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await once(child, 'exit');
  return out.trim();
}

describe('network namespace harness (tests/support/netns.ts)', () => {
  const cleanup = cleanupAfterEach();

  it('a process in the namespace reaches the host through the veth link, not after a partition, again after healing, and through a lossy link', async () => {
    const ns = createNetNamespace();
    cleanup.push(() => ns.destroy());
    const server: Server = createServer((socket) => socket.end('hello'));
    server.listen(0, ns.hostAddress);
    await once(server, 'listening');
    cleanup.push(() => new Promise((resolve) => server.close(resolve)));
    const { port } = server.address() as { port: number };

    expect(await dialFromInside(ns, port, 5000)).toBe('got hello');
    ns.partition();
    expect(await dialFromInside(ns, port, 1500)).toBe('timeout');
    expect(ns.dropped()).toBeGreaterThan(0);
    ns.heal();
    expect(await dialFromInside(ns, port, 5000)).toBe('got hello');
    // A lossy link still carries the connection: TCP retransmits.
    ns.loseEvery(4);
    expect(await dialFromInside(ns, port, 20_000)).toBe('got hello');
    expect(ns.dropped()).toBeGreaterThan(0);
  });
});

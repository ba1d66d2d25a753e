import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RoomAccess } from '../../shared/api/schemas.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { openMuxSocket, type MuxTestSocket } from '../support/mux-socket.js';
import { startRelayCluster, type ClusterOptions } from '../support/relay-cluster.js';
import type { TestClient } from '../support/test-client.js';
import type { TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';
import { createRoom, invitePerson, signInOwner } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();

async function cluster(count: number, options: ClusterOptions = {}) {
  const c = await startRelayCluster(count, options);
  cleanup.push(() => c.stop());
  return c.relays;
}

function client(relay: TestRelay, room: string): TestClient {
  const c = relay.client(room);
  cleanup.push(() => c.destroy());
  return c;
}

async function mux(relay: TestRelay, token = relay.token): Promise<MuxTestSocket> {
  const socket = await openMuxSocket(`${relay.wsUrl}?v=2&token=${token}`);
  cleanup.push(() => socket.close());
  return socket;
}

const text = (c: { doc: { getText(name: string): { toString(): string } } }) =>
  c.doc.getText('t').toString();

describe('several relays on one store and one Redis', () => {
  it('[SCALE2] stock y-websocket clients and version 2 clients spread over three relays converge, through the bus alone', async () => {
    // Repair could hide a bus that delivers nothing: with a minute's grace, only a
    // broken reader (which resyncs every room from the store) would read the store.
    const c = await startRelayCluster(3, { gapGraceMs: 60_000 });
    cleanup.push(() => c.stop());
    const [a, b, cRelay] = c.relays as [TestRelay, TestRelay, TestRelay];
    const onA = client(a, 'shared');
    const onB = client(b, 'shared');
    const socket = await mux(cRelay);
    const onC = socket.sync('shared');
    await Promise.all([onA.synced(), onB.synced(), onC.synced()]);
    for (let i = 0; i < 20; i++) {
      onA.doc.getText('t').insert(0, 'a');
      onB.doc.getText('t').insert(0, 'b');
      onC.doc.getText('t').insert(0, 'c');
    }
    await waitFor(
      () => text(onA).length === 60 && text(onA) === text(onB) && text(onB) === text(onC),
      { what: 'convergence across relays' },
    );
    // A client that arrives later on any relay gets it all from that relay.
    const late = client(b, 'shared');
    await late.synced();
    expect(text(late)).toBe(text(onA));
    expect(c.repairReads()).toBe(0);
  });

  it('[SCALE7] presence crosses relays, and a client that leaves disappears elsewhere', async () => {
    const [a, b] = (await cluster(2)) as [TestRelay, TestRelay];
    const onA = client(a, 'presence');
    const onB = client(b, 'presence');
    await Promise.all([onA.synced(), onB.synced()]);
    onA.provider.awareness.setLocalStateField('user', { name: 'ignored', color: '#123456' });
    const id = onA.doc.clientID;
    const seen = await waitFor(() => onB.provider.awareness.getStates().get(id), {
      what: 'presence of the client on relay A at relay B',
    });
    // Stamped by relay A with the authenticated person [PRES4].
    expect(seen).toMatchObject({ relay: { userId: a.owner?.id }, user: { color: '#123456' } });
    onA.destroy();
    await waitFor(() => !onB.provider.awareness.getStates().has(id), {
      what: 'removal of the state at relay B',
    });
  });

  it('[SCALE4] a version 2 device on relay B gets feed frames for commits on relay A', async () => {
    const [a, b] = (await cluster(2)) as [TestRelay, TestRelay];
    const writer = client(a, 'notes');
    await writer.synced();
    // The room was registered straight in the identity file, as the command line
    // does; a relay sees such a change on its next epoch look, which an upgrade makes.
    await client(b, 'notes').synced();
    const device = await mux(b);
    device.send({ kind: 'hello', feedId: '', cursor: 0, directory: '' });
    const answer = await device.next('feed', (f) => f.complete);
    writer.doc.getText('t').insert(0, 'written on A');
    const notice = await device.next('feed', (f) => f.heads.some((h) => h.room === 'notes'));
    expect(notice.feedId).toBe(answer.feedId);
    expect(notice.cursor).toBeGreaterThan(answer.cursor);
    expect(notice.heads).toEqual([{ room: 'notes', head: notice.cursor }]);
    // And the next one, in order.
    writer.doc.getText('t').insert(0, 'again ');
    const second = await device.next(
      'feed',
      (f) => f.heads.some((h) => h.room === 'notes') && f.cursor > notice.cursor,
    );
    expect(second.cursor).toBe(notice.cursor + 1);
  });

  it('[SCALE5] a revocation made through relay A closes the person’s sockets on relays B and C', async () => {
    const [a, b, c] = (await cluster(3)) as [TestRelay, TestRelay, TestRelay];
    const owner = await signInOwner(a);
    const member = await invitePerson(a, owner);
    const open: RoomAccess = { workspace: 'write', groups: [], users: [] };
    const room = await createRoom(owner, open);
    const token = await member.api.token();
    const sockets = [b, c].map((relay) => {
      const ws = new WebSocket(`${relay.wsUrl}/${room}?token=${token}`);
      const closed = new Promise<{ code: number; at: number }>((resolve) =>
        ws.on('close', (code) => resolve({ code, at: Date.now() })),
      );
      cleanup.push(() => ws.close());
      return { ws, closed };
    });
    await Promise.all(
      sockets.map(({ ws }) => new Promise<void>((resolve) => ws.once('message', () => resolve()))),
    );
    const started = Date.now();
    const revoked = await owner.api.call('PUT', `/rooms/${room}/access`, {
      workspace: 'none',
      groups: [],
      users: [],
    });
    expect(revoked.status).toBe(200);
    const closes = await Promise.all(sockets.map((s) => s.closed));
    for (const close of closes) expect(close.code).toBe(4403);
    // The spec's bound is 1 s; timings on a loaded machine vary, so this reports it.
    console.info(
      `[SCALE5] revocation closed sockets on B and C after ${closes.map((x) => x.at - started).join(' and ')} ms`,
    );
  });
});

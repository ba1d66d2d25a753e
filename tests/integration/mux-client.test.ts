import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RoomSync } from '../../client/src/sync/room-sync.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { MemoryPersistence } from '../../sync-server/src/persistence/memory-persistence.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { createMuxClient, type MuxClient } from '../support/mux-client.js';
import { storedText } from '../support/stored-text.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';
import { createRoom, invitePerson, signInOwner } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();

async function relay(options: { persistence?: MemoryPersistence } = {}): Promise<TestRelay> {
  const file = join(mkdtempSync(join(tmpdir(), 'mux-client-')), 'relay.sqlite');
  const r = await startTestRelay({
    persistence: options.persistence ?? new SqlitePersistence({ file }),
  });
  cleanup.push(() => r.stop());
  return r;
}

function client(r: TestRelay, token = r.token): MuxClient {
  const c = createMuxClient(r.wsUrl, token);
  cleanup.push(() => c.destroy());
  return c;
}

const text = (sync: RoomSync | undefined) => sync?.doc.getText('t').toString();

/** A memory store whose group commits wait while `held`: what the relay has not stored yet. */
class HeldPersistence extends MemoryPersistence {
  held = false;
  waiting = 0;
  #release: (() => void)[] = [];

  override async append(...args: Parameters<MemoryPersistence['append']>) {
    if (this.held) {
      this.waiting += 1;
      await new Promise<void>((resolve) => this.#release.push(resolve));
    }
    return super.append(...args);
  }

  let(): void {
    this.held = false;
    for (const release of this.#release.splice(0)) release();
  }
}

describe('the client over one WebSocket (protocol version 2)', () => {
  it('[MUX2] [SYNC1] two clients, each on one connection, syncing several rooms converge', async () => {
    const r = await relay();
    const rooms = ['notes', 'plans', 'chat:m2024-05', 'chat:meta', 'tasks'];
    for (const room of rooms) r.openRoom(room);
    const ann = client(r);
    const bob = client(r);
    for (const room of rooms) {
      ann.open(room).doc.getText('t').insert(0, `ann in ${room}. `);
      bob.open(room).doc.getText('t').insert(0, `bob in ${room}. `);
    }
    for (const room of rooms) {
      await waitFor(
        () =>
          text(ann.rooms.get(room)) === text(bob.rooms.get(room)) &&
          text(ann.rooms.get(room))?.includes('ann') &&
          text(ann.rooms.get(room))?.includes('bob'),
        { what: `${room} converged` },
      );
      await Promise.all([ann.settled(room), bob.settled(room)]);
      expect(await storedText(r.persistence, room)).toBe(text(ann.rooms.get(room)));
    }
    expect([ann.sockets(), bob.sockets()]).toEqual([1, 1]);
  });

  it('[CONFIRM1] an edit stays pending while the relay has not stored it, and reaches 0 after the confirm', async () => {
    const persistence = new HeldPersistence();
    const r = await relay({ persistence });
    r.openRoom('notes');
    const tab = client(r);
    const room = tab.open('notes');
    await tab.settled('notes');

    persistence.held = true;
    room.doc.getText('t').insert(0, 'not yet on the relay');
    expect(room.pending()).toBe(1);
    await waitFor(() => persistence.waiting > 0, { what: 'the commit to start' });
    // The relay has the frame in hand but has not stored it: still pending.
    expect(room.pending()).toBe(1);
    expect(room.relayState()?.get(room.doc.clientID)).toBeUndefined();
    persistence.let();
    await waitFor(() => room.pending() === 0, { what: 'the confirm' });
    expect(await storedText(r.persistence, 'notes')).toBe('not yet on the relay');
    expect(room.relayState()?.get(room.doc.clientID)).toBe(20);
  });

  it('[MUX3] [AUTH4] revoking access to one room closes only that room (4403); resume() after access returns', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const member = await invitePerson(r, owner);
    const shared = {
      workspace: 'none' as const,
      groups: [],
      users: [{ id: member.id, level: 'write' as const }],
    };
    const secret = await createRoom(owner, shared, 'Secret');
    const tab = client(r, await member.api.token());
    const inRoom = tab.open(secret);
    const elsewhere = tab.open('scratchpad');
    const other = tab.open(`${secret}:history`);
    await Promise.all([
      tab.settled(secret),
      tab.settled('scratchpad'),
      tab.settled(`${secret}:history`),
    ]);

    await owner.api.call('PUT', `/rooms/${secret}/access`, { ...shared, users: [] });
    await waitFor(() => inRoom.status().kind === 'error', { what: 'the room to stop' });
    expect(inRoom.status()).toMatchObject({
      kind: 'error',
      code: CloseCode.accessRevoked,
      retrying: false,
    });
    // Every part of the room goes; the rest of the connection carries on.
    await waitFor(() => other.status().kind === 'error', { what: 'the other part to stop' });
    expect(tab.problems).toContain(CloseCode.accessRevoked);
    elsewhere.doc.getText('t').insert(0, 'still syncing');
    await tab.settled('scratchpad');
    expect(await storedText(r.persistence, 'scratchpad')).toBe('still syncing');
    expect(tab.sockets()).toBe(1);

    // Access comes back; the app re-reads the directory and resumes stopped rooms.
    await owner.api.call('PUT', `/rooms/${secret}/access`, shared);
    inRoom.resume();
    inRoom.doc.getText('t').insert(0, 'back again');
    await tab.settled(secret);
    expect(await storedText(r.persistence, secret)).toBe('back again');
    expect(tab.sockets()).toBe(1);
  });

  it('[MUX2] a stock y-websocket client on /sync/:room and a version 2 client converge in one room', async () => {
    const r = await relay();
    const stock = r.client('notes', { confirm: true });
    cleanup.push(() => stock.destroy());
    const tab = client(r);
    const room = tab.open('notes');
    await stock.synced();
    stock.doc.getText('t').insert(0, 'from y-websocket. ');
    room.doc.getText('t').insert(0, 'from the workspace connection. ');
    room.awareness.setLocalStateField('user', { name: 'Ann', color: '#123456' });
    await waitFor(
      () => text(room) === stock.doc.getText('t').toString() && text(room)?.length === 49,
      {
        what: 'convergence',
      },
    );
    await tab.settled('notes');
    await stock.allConfirmed();
    // Presence crosses transports too, stamped by the relay [PRES4].
    await waitFor(
      () => stock.provider.awareness.getStates().get(room.doc.clientID)?.relay !== undefined,
      { what: 'the v2 presence at the stock client' },
    );
    expect(await storedText(r.persistence, 'notes')).toBe(text(room));
  });
});

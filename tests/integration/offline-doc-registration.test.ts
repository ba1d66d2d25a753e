import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DirectoryRoom, type RoomAccess } from '../../shared/api/schemas.js';
import { createApiRequest } from '../../client/src/auth/api-request.js';
import { createApi, type Api } from '../../client/src/auth/api.js';
import { createSessionStore } from '../../client/src/auth/session-store.js';
import {
  createPendingDocs,
  type PendingDoc,
  type PendingDocs,
} from '../../client/src/features/docs/tree/pending-docs.js';
import { newRoomId } from '../../client/src/workspace/rooms/new-room-id.js';
import type { RoomSync } from '../../client/src/sync/room-sync.js';
import { MemoryPersistence } from '../../sync-server/src/persistence/memory-persistence.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { createMuxClient } from '../support/mux-client.js';
import { createTestClient } from '../support/test-client.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';
import { createRoom, invitePerson, signInOwner, type Person } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();

const privateDoc: RoomAccess = { workspace: 'none', groups: [], users: [] };
const everyoneWrites: RoomAccess = { workspace: 'write', groups: [], users: [] };

async function relay(): Promise<TestRelay> {
  const r = await startTestRelay({ persistence: new MemoryPersistence() });
  cleanup.push(() => r.stop());
  return r;
}

/** The client's own API code, sending this person's session cookie as their browser would. */
function deviceApi(r: TestRelay, person: Person): Api {
  const withCookie: typeof fetch = (input, init) =>
    fetch(input, {
      ...init,
      headers: {
        ...(init?.headers as Record<string, string>),
        cookie: person.api.sessionCookie ?? '',
      },
    });
  return createApi(createApiRequest(withCookie, `${r.httpUrl}/api`));
}

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** One device of `person`: its pending-docs queue and its local copies of rooms. */
function device(r: TestRelay, person: Person, local: { copy: (from: string, to: string) => void }) {
  const registered: DirectoryRoom[] = [];
  const pending: PendingDocs = createPendingDocs({
    api: deviceApi(r, person),
    storage: memoryStorage(),
    registered: (room) => void registered.push(room),
    me: () => person.id,
    newId: () => newRoomId(),
    moveLocalCopy: (from, to) => Promise.resolve(local.copy(from, to)),
  });
  return { pending, registered };
}

function queued(id: string, title: string): PendingDoc {
  return { id, title, parentId: null, access: privateDoc };
}

async function text(r: TestRelay, token: string, room: string): Promise<string> {
  const client = createTestClient(r.wsUrl, room, { token });
  cleanup.push(() => client.destroy());
  await client.synced();
  return client.doc.getText('t').toString();
}

/** `person` registers `id` first, open for the whole workspace to write. */
async function squat(person: Person, id: string): Promise<void> {
  await person.api.ok(DirectoryRoom, 'POST', '/rooms', {
    id,
    kind: 'doc',
    title: 'Squatted',
    access: everyoneWrites,
  });
}

describe('offline-created docs whose id someone else registered first', () => {
  it('[OFFL1] a squatted id that leaves the directory before the queue ran never deletes the creator’s only copy', async () => {
    const r = await relay();
    const ann = await signInOwner(r);
    const bob = await invitePerson(r, ann);
    const ann1 = device(r, ann, { copy: () => {} });
    const leaked = 'leakedDocId0002';
    ann1.pending.add(queued(leaked, 'Plans'));
    await squat(bob, leaked);
    const forgotten: string[] = [];
    const session = createSessionStore({
      api: deviceApi(r, ann),
      storage: memoryStorage(),
      // Records what the session would delete from this device (IndexedDB in a browser).
      device: {
        forgetRooms: (ids) => Promise.resolve(void forgotten.push(...ids)),
        forgetAll: () => Promise.resolve(),
        closeAll: () => {},
        resumeStopped: () => {},
      },
      ownUnregistered: (id) => ann1.pending.awaiting(id),
    });
    await session.refresh();
    expect(session.directory().map((room) => room.id)).toContain(leaked);
    // Bob shuts everyone else out of the squatted room before Ann's queue runs.
    await bob.api.call('PUT', `/rooms/${leaked}/access`, privateDoc);
    await session.refresh();
    expect(session.directory().map((room) => room.id)).not.toContain(leaked);
    expect(forgotten).not.toContain(leaked);
  });

  it('[OFFL1] a 409 for a room someone else owns moves the content to a new id owned by the creator, and says so', async () => {
    const r = await relay();
    const ann = await signInOwner(r);
    const bob = await invitePerson(r, ann);
    const local = new Map<string, Y.Doc>();
    const localDoc = (id: string) => local.get(id) ?? local.set(id, new Y.Doc()).get(id)!;
    const ann1 = device(r, ann, {
      copy(from, to) {
        Y.applyUpdate(localDoc(to), Y.encodeStateAsUpdate(localDoc(from)));
        local.delete(from);
      },
    });
    const leaked = 'leakedDocId0001';
    ann1.pending.add(queued(leaked, 'Plans'));
    localDoc(leaked).getText('t').insert(0, 'the private plan');
    await squat(bob, leaked);

    await ann1.pending.flush();

    expect(ann1.pending.list()).toEqual([]);
    const [moved] = ann1.pending.moved();
    expect(moved).toMatchObject({ from: leaked, title: 'Plans' });
    expect(moved?.to).not.toBe(leaked);
    expect(ann1.registered.map((room) => [room.id, room.ownerId])).toEqual([[moved?.to, ann.id]]);
    expect(await ann.api.ok(DirectoryRoom, 'GET', `/rooms/${moved?.to}`)).toMatchObject({
      ownerId: ann.id,
      title: 'Plans',
    });
    expect([...local.keys()]).toEqual([moved?.to]);
    expect(
      localDoc(moved?.to ?? '')
        .getText('t')
        .toString(),
    ).toBe('the private plan');
    expect((await bob.api.ok(DirectoryRoom, 'GET', `/rooms/${leaked}`)).ownerId).toBe(bob.id);
  });

  it("[OFFL1] a 409 for the creator's own earlier registration (answer lost) counts as registered, nothing moves", async () => {
    const r = await relay();
    const ann = await signInOwner(r);
    const copies: string[] = [];
    const ann1 = device(r, ann, { copy: (from, to) => void copies.push(`${from}->${to}`) });
    const id = 'annsOwnDoc00001';
    ann1.pending.add(queued(id, 'Notes'));
    // The first attempt reached the relay; its answer never reached the device.
    await ann.api.ok(DirectoryRoom, 'POST', '/rooms', { ...queued(id, 'Notes'), kind: 'doc' });

    await ann1.pending.flush();

    expect(ann1.pending.list()).toEqual([]);
    expect(ann1.pending.moved()).toEqual([]);
    expect(copies).toEqual([]);
    expect(ann1.registered.map((room) => room.id)).toEqual([id]);
  });

  it('[OFFL2] no socket opens for a doc still awaiting registration; after the move, the content syncs under the new id only', async () => {
    const r = await relay();
    const ann = await signInOwner(r);
    const bob = await invitePerson(r, ann);
    const annToken = await ann.api.token();
    // Ann's browser tab: the client's real connection and rooms, over one WebSocket.
    const tab = createMuxClient(r.wsUrl, annToken);
    cleanup.push(() => tab.destroy());
    let gate: PendingDocs | null = null;
    const open = (room: string): RoomSync => tab.open(room, gate ? { registration: gate } : {});
    const ann1 = device(r, ann, {
      copy(from, to) {
        const source = tab.rooms.get(from);
        if (!source) throw new Error(`no local copy of ${from}`);
        Y.applyUpdate(open(to).doc, Y.encodeStateAsUpdate(source.doc));
        tab.close(from);
      },
    });
    gate = ann1.pending;
    const leaked = 'leakedDocId0002';
    ann1.pending.add(queued(leaked, 'Plans'));
    await squat(bob, leaked);
    // Ann's device has the squatted id open with her text in it, and a registered room beside it.
    open(leaked).doc.getText('t').insert(0, 'the private plan');
    const control = open(await createRoom(ann, everyoneWrites, 'Registered'));

    await waitFor(() => control.status().kind === 'synced', {
      what: 'the registered room to sync',
    });
    expect(await text(r, await bob.api.token(), leaked)).toBe('');

    await ann1.pending.flush();
    const to = ann1.pending.moved()[0]?.to ?? '';
    const moved = tab.rooms.get(to);
    await waitFor(() => moved?.status().kind === 'synced' && moved.pending() === 0, {
      what: 'the moved doc to reach the relay under its new id',
    });
    expect(await text(r, annToken, to)).toBe('the private plan');
    expect(await text(r, await bob.api.token(), leaked)).toBe('');
  });
});

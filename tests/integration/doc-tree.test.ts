import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DirectoryRoom, type RoomAccess } from '../../shared/api/schemas.js';
import { MemoryPersistence } from '../../sync-server/src/persistence/memory-persistence.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { createRoom, invitePerson, signInOwner, type Person } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();

async function relay(): Promise<TestRelay> {
  const r = await startTestRelay({ persistence: new MemoryPersistence() });
  cleanup.push(() => r.stop());
  return r;
}

const Rooms = z.array(DirectoryRoom);
const everyoneWrites: RoomAccess = { workspace: 'write', groups: [], users: [] };

async function listed(person: Person, id: string) {
  return (await person.api.ok(Rooms, 'GET', '/rooms')).find((r) => r.id === id);
}

describe('doc tree, trash and favourites', () => {
  it('[TREE1] a doc nests under a doc, moves back to the top, and cannot move under itself', async () => {
    const r = await relay();
    const ann = await signInOwner(r);
    const parent = await createRoom(ann, everyoneWrites, 'Handbook');
    const child = await createRoom(ann, everyoneWrites, 'Onboarding');
    const grandchild = await createRoom(ann, everyoneWrites, 'Day one');
    await ann.api.ok(DirectoryRoom, 'PATCH', `/rooms/${child}`, { parentId: parent });
    await ann.api.ok(DirectoryRoom, 'PATCH', `/rooms/${grandchild}`, { parentId: child });
    expect((await listed(ann, grandchild))?.parentId).toBe(child);

    const cycle = await ann.api.call('PATCH', `/rooms/${parent}`, { parentId: grandchild });
    expect(cycle.status).toBe(400);
    const self = await ann.api.call('PATCH', `/rooms/${parent}`, { parentId: parent });
    expect(self.status).toBe(400);

    await ann.api.ok(DirectoryRoom, 'PATCH', `/rooms/${child}`, {
      parentId: null,
      title: 'Start here',
    });
    expect(await listed(ann, child)).toMatchObject({ parentId: null, title: 'Start here' });
  });

  it('[TREE2] a doc created under a parent it cannot read is refused like a missing room', async () => {
    const r = await relay();
    const ann = await signInOwner(r);
    const bob = await invitePerson(r, ann);
    const secret = await createRoom(ann, { workspace: 'none', groups: [], users: [] }, 'Secret');
    const created = await bob.api.call('POST', '/rooms', {
      id: 'bobs-doc',
      kind: 'doc',
      title: 'Mine',
      parentId: secret,
    });
    expect(created.status).toBe(404);
    const channel = await bob.api.call('POST', '/rooms', {
      id: 'chan',
      kind: 'channel',
      title: 'c',
    });
    expect(channel.status).toBe(201);
    const underChannel = await bob.api.call('POST', '/rooms', {
      id: 'doc-under-channel',
      kind: 'doc',
      title: 'x',
      parentId: 'chan',
    });
    expect(underChannel.status).toBe(400);
  });

  it('[TREE3] a doc whose parent someone cannot read shows at their top level, and the parent never leaks', async () => {
    const r = await relay();
    const ann = await signInOwner(r);
    const bob = await invitePerson(r, ann);
    const secret = await createRoom(
      ann,
      { workspace: 'none', groups: [], users: [] },
      'Secret plans',
    );
    const shared = await createRoom(ann, everyoneWrites, 'Shared notes');
    await ann.api.ok(DirectoryRoom, 'PATCH', `/rooms/${shared}`, { parentId: secret });
    expect((await listed(ann, shared))?.parentId).toBe(secret);

    const bobs = await bob.api.ok(Rooms, 'GET', '/rooms');
    expect(bobs.find((room) => room.id === shared)?.parentId).toBeNull();
    expect(JSON.stringify(bobs)).not.toContain(secret);
    expect(JSON.stringify(bobs)).not.toContain('Secret plans');
    expect((await bob.api.ok(DirectoryRoom, 'GET', `/rooms/${shared}`)).parentId).toBeNull();
  });

  it('[TREE4] trash and restore need write access; the room stays listed with its trash time', async () => {
    const r = await relay();
    const ann = await signInOwner(r);
    const bob = await invitePerson(r, ann);
    const doc = await createRoom(ann, { workspace: 'read', groups: [], users: [] }, 'Read only');
    expect((await bob.api.call('PATCH', `/rooms/${doc}`, { trashed: true })).status).toBe(403);
    expect((await bob.api.call('PATCH', `/rooms/${doc}`, { title: 'Mine now' })).status).toBe(403);

    const trashed = await ann.api.ok(DirectoryRoom, 'PATCH', `/rooms/${doc}`, { trashed: true });
    expect(trashed.trashedAt).toEqual(expect.any(Number));
    expect((await listed(bob, doc))?.trashedAt).toBe(trashed.trashedAt);
    // Trashing twice keeps the first time.
    const again = await ann.api.ok(DirectoryRoom, 'PATCH', `/rooms/${doc}`, { trashed: true });
    expect(again.trashedAt).toBe(trashed.trashedAt);
    const restored = await ann.api.ok(DirectoryRoom, 'PATCH', `/rooms/${doc}`, { trashed: false });
    expect(restored.trashedAt).toBeNull();
    expect((await ann.api.call('PATCH', `/rooms/${doc}`, {})).status).toBe(400);
  });

  it('[TREE5] favourites are per person and need read access', async () => {
    const r = await relay();
    const ann = await signInOwner(r);
    const bob = await invitePerson(r, ann);
    const doc = await createRoom(ann, { workspace: 'read', groups: [], users: [] }, 'Handbook');
    const secret = await createRoom(ann, { workspace: 'none', groups: [], users: [] }, 'Secret');
    const marked = await bob.api.ok(DirectoryRoom, 'PUT', `/rooms/${doc}/favourite`, {
      favourite: true,
    });
    expect(marked.favourite).toBe(true);
    expect((await listed(bob, doc))?.favourite).toBe(true);
    expect((await listed(ann, doc))?.favourite).toBe(false);
    const refused = await bob.api.call('PUT', `/rooms/${secret}/favourite`, { favourite: true });
    expect(refused.status).toBe(404);
    await bob.api.ok(DirectoryRoom, 'PUT', `/rooms/${doc}/favourite`, { favourite: false });
    expect((await listed(bob, doc))?.favourite).toBe(false);
  });
});

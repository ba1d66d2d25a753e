import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AccessToken, DirectoryRoom, RoomAccess, UserSummary } from '../../shared/api/schemas.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { membersOf } from '../../client/src/features/chat/members.js';
import {
  bucketRoom,
  markRead,
  metaRoom,
  readMessages,
  readPointers,
  receiptOf,
} from '../../client/src/workspace/chat/index.js';
import { Writer } from '../unit/client/workspace/chat/helpers.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import type { TestClient } from '../support/test-client.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';
import { invitePerson, signInOwner, type Person } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();

async function relayOn(file: string): Promise<TestRelay> {
  const relay = await startTestRelay({
    persistence: new SqlitePersistence({ file }),
    identityFile: `${file}.identity`,
  });
  cleanup.push(() => relay.stop());
  return relay;
}

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'chat-')), 'r.sqlite');

function client(relay: TestRelay, room: string, token?: string): TestClient {
  const c = relay.client(room, { confirm: true, ...(token ? { token } : {}) });
  cleanup.push(() => c.destroy());
  return c;
}

const order = (c: TestClient) => readMessages(c.doc).map((m) => m.id);

describe('chat through a real relay', () => {
  it('[CHAT1] concurrent offline writers with skewed clocks end with one identical order', async () => {
    const relay = await relayOn(tempFile());
    const room = bucketRoom('general', 'm2026-11');
    const clients = [client(relay, room), client(relay, room), client(relay, room)];
    await Promise.all(clients.map((c) => c.synced()));
    const base = Date.UTC(2026, 10, 10);
    new Writer(clients[0]!.doc, 'n0', 'ann').say('seed', 'before anyone went offline', base);
    await waitFor(() => clients.every((c) => order(c).length === 1), { what: 'seed everywhere' });

    for (const c of clients) c.provider.disconnect();
    const skews = [0, -120_000, 45_000];
    clients.forEach((c, i) => {
      const writer = new Writer(c.doc, `n${i}`, `user${i}`);
      writer.observe(
        readMessages(c.doc).map((m) => m.key),
        base,
      );
      for (let n = 0; n < 20; n += 1)
        writer.say(`${i}-${n}`, `message ${n} from ${i}`, base + 1000 + n * 10 + (skews[i] ?? 0));
    });
    for (const c of clients) c.provider.connect();
    await waitFor(() => clients.every((c) => order(c).length === 61), {
      what: 'every message everywhere',
    });
    await Promise.all(clients.map((c) => c.allConfirmed()));

    const first = order(clients[0]!);
    for (const c of clients) expect(order(c)).toEqual(first);
    expect(first[0]).toBe('seed'); // written before, seen by all: stays first despite slow clocks
    for (let i = 0; i < 3; i += 1) {
      expect(first.filter((id) => id.startsWith(`${i}-`))).toEqual(
        Array.from({ length: 20 }, (_, n) => `${i}-${n}`),
      );
    }
    // A device that arrives later, loading from the relay's storage, sees the same order.
    const late = client(relay, room);
    await waitFor(() => order(late).length === 61, { what: 'late client loaded' });
    expect(order(late)).toEqual(first);
  });

  it('[CHAT2] a reply from a device whose clock is behind sorts after what it answers', async () => {
    const relay = await relayOn(tempFile());
    const room = bucketRoom('general', 'm2026-11');
    const [a, b] = [client(relay, room), client(relay, room)];
    await Promise.all([a.synced(), b.synced()]);
    const now = Date.UTC(2026, 10, 10);
    new Writer(a.doc, 'fast', 'ann').say('question', 'anyone?', now + 600_000); // clock 10 min ahead
    await waitFor(() => order(b).length === 1);
    const slow = new Writer(b.doc, 'slow', 'bob');
    slow.observe(
      readMessages(b.doc).map((m) => m.key),
      now,
    );
    slow.say('answer', 'yes', now);
    await waitFor(() => order(a).length === 2);
    expect(order(a)).toEqual(['question', 'answer']);
    expect(order(b)).toEqual(['question', 'answer']);
  });

  it('[CHAT3] read receipts: pointers from real people, membership from the access rule', async () => {
    const relay = await relayOn(tempFile());
    const ann = await signInOwner(relay);
    const bob = await invitePerson(relay, ann);
    const cy = await invitePerson(relay, ann);
    await invitePerson(relay, ann); // in the workspace, not in the channel
    const access = {
      workspace: 'none',
      groups: [],
      users: [bob, cy].map((p) => ({ id: p.id, level: 'write' })),
    } as const;
    await ann.api.ok(DirectoryRoom, 'POST', '/rooms', {
      id: 'private1',
      kind: 'channel',
      title: 'Plans',
      access,
    });

    const people = await ann.api.ok(z.array(UserSummary), 'GET', '/users');
    const rule = await bob.api.ok(RoomAccess, 'GET', '/rooms/private1/access');
    const members = membersOf(people, { ownerId: ann.id, access: rule });
    expect(members.sort()).toEqual([ann.id, bob.id, cy.id].sort());

    const tokenOf = async (p: Person) =>
      (await p.api.ok(AccessToken, 'POST', '/auth/token', {})).token;
    const annBucket = client(relay, bucketRoom('private1', 'm2026-11'), await tokenOf(ann));
    const annMeta = client(relay, metaRoom('private1'), await tokenOf(ann));
    const bobBucket = client(relay, bucketRoom('private1', 'm2026-11'), await tokenOf(bob));
    const bobMeta = client(relay, metaRoom('private1'), await tokenOf(bob));
    const cyMeta = client(relay, metaRoom('private1'), await tokenOf(cy));
    await Promise.all([annBucket, annMeta, bobBucket, bobMeta, cyMeta].map((c) => c.synced()));

    const writer = new Writer(annBucket.doc, 'ann-laptop', ann.id);
    const t = Date.UTC(2026, 10, 12);
    writer.say('m1', 'first', t);
    writer.say('m2', 'second', t + 1000);
    await waitFor(() => readMessages(bobBucket.doc).length === 2);
    const [m1, m2] = readMessages(bobBucket.doc);
    if (!m1 || !m2) throw new Error('messages missing');

    // Bob reads up to m2, Cy only up to m1, at the same time on their own devices.
    markRead(bobMeta.doc, bob.id, m2.key);
    markRead(cyMeta.doc, cy.id, m1.key);
    await waitFor(() => readPointers(annMeta.doc).size === 2, { what: 'pointers at Ann' });
    const pointers = readPointers(annMeta.doc);
    const first = receiptOf(m1, pointers, members);
    expect(first.read.sort()).toEqual([bob.id, cy.id].sort());
    expect(first.unread).toEqual([]);
    expect(receiptOf(m2, pointers, members)).toEqual({ read: [bob.id], unread: [cy.id] });
    await Promise.all([bobMeta.allConfirmed(), cyMeta.allConfirmed()]);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MentionNotification } from '../../shared/api/schemas.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startTestRelay } from '../support/test-relay.js';
import { createRoom, invitePerson, signInOwner } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();
// Only mentions are sent here; an approval notice would fail to parse.
const Inbox = z.array(MentionNotification);

async function workspace() {
  const file = join(mkdtempSync(join(tmpdir(), 'notify-')), 'relay.sqlite');
  const relay = await startTestRelay({ persistence: new SqlitePersistence({ file }) });
  cleanup.push(() => relay.stop());
  const owner = await signInOwner(relay);
  const member = await invitePerson(relay, owner);
  const guest = await invitePerson(relay, owner, 'guest');
  return { relay, owner, member, guest };
}

describe('[NOTIFY] mention notifications', () => {
  it('reach people who can read the room, never others, and can be marked read', async () => {
    const { owner, member, guest } = await workspace();
    const room = await createRoom(owner, { workspace: 'write', groups: [], users: [] }, 'Plan');
    const sent = await member.api.call('POST', `/rooms/${room}/notify`, {
      kind: 'mention',
      userIds: [owner.id, guest.id, member.id],
      excerpt: '@Owner can you check the numbers?',
    });
    // The guest cannot read a workspace room and the sender is not told about themselves.
    expect(sent).toMatchObject({ status: 200, body: { delivered: 1 } });
    const inbox = await owner.api.ok(Inbox, 'GET', '/notifications');
    expect(inbox).toEqual([
      expect.objectContaining({
        roomId: room,
        roomTitle: 'Plan',
        roomKind: 'doc',
        excerpt: '@Owner can you check the numbers?',
        read: false,
      }),
    ]);
    expect(await guest.api.ok(Inbox, 'GET', '/notifications')).toEqual([]);
    await owner.api.call('POST', '/notifications/read', { ids: [inbox[0]?.id] });
    expect((await owner.api.ok(Inbox, 'GET', '/notifications'))[0]?.read).toBe(true);
    expect(inbox[0]?.anchor).toBeNull(); // a doc mention points at no message

    // [CHAT12] A mention in a message carries the message's id back to the inbox; an
    // anchor that is not an id is refused whole, and nothing is delivered.
    const refused = await member.api.call('POST', `/rooms/${room}/notify`, {
      kind: 'mention',
      userIds: [owner.id],
      anchor: 'not an id!',
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('anchor');
    expect(await owner.api.ok(Inbox, 'GET', '/notifications')).toHaveLength(1);
    await member.api.call('POST', `/rooms/${room}/notify`, {
      kind: 'mention',
      userIds: [owner.id],
      anchor: 'message-7',
    });
    expect((await owner.api.ok(Inbox, 'GET', '/notifications'))[0]?.anchor).toBe('message-7');
  });

  it('need write access to send, and vanish from an inbox when its owner loses the room', async () => {
    const { owner, member } = await workspace();
    const readOnly = await createRoom(
      owner,
      { workspace: 'read', groups: [], users: [] },
      'Policy',
    );
    const hidden = await createRoom(owner, { workspace: 'none', groups: [], users: [] }, 'Secret');
    const body = { kind: 'mention', userIds: [owner.id], excerpt: 'hi' };
    expect((await member.api.call('POST', `/rooms/${readOnly}/notify`, body)).status).toBe(403);
    expect((await member.api.call('POST', `/rooms/${hidden}/notify`, body)).status).toBe(404);
    expect(
      (await member.api.call('POST', `/rooms/${readOnly}/notify`, { kind: 'mention', userIds: [] }))
        .status,
    ).toBe(400);

    const shared = await createRoom(
      owner,
      { workspace: 'none', groups: [], users: [{ id: member.id, level: 'read' }] },
      'Board minutes',
    );
    await owner.api.call('POST', `/rooms/${shared}/notify`, { ...body, userIds: [member.id] });
    expect((await member.api.ok(Inbox, 'GET', '/notifications')).map((n) => n.roomTitle)).toEqual([
      'Board minutes',
    ]);
    await owner.api.call('PUT', `/rooms/${shared}/access`, {
      workspace: 'none',
      groups: [],
      users: [],
    });
    // The title of a room they can no longer read is not shown to them any more.
    expect(await member.api.ok(Inbox, 'GET', '/notifications')).toEqual([]);
  });
});

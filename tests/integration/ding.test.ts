import { describe, expect, it } from 'vitest';
import {
  DING_RATE,
  DingPermit,
  DingVerification,
  DirectoryRoom,
  type RoomAccess,
} from '../../shared/api/schemas.js';
import { systemClock } from '../../sync-server/src/clock.js';
import { MemoryPersistence } from '../../sync-server/src/persistence/memory-persistence.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startTestRelay } from '../support/test-relay.js';
import { invitePerson, signInOwner, type Person } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();

/** A relay whose clock the test moves, with Ann (owner), Bob and Cy (members). */
async function setup() {
  let now = Date.now(); // JWT checks compare iat and exp with the real time
  const clock = { ...systemClock, now: () => now };
  const relay = await startTestRelay({ persistence: new MemoryPersistence(), clock });
  cleanup.push(() => relay.stop());
  const ann = await signInOwner(relay);
  const bob = await invitePerson(relay, ann);
  const cy = await invitePerson(relay, ann);
  const room = async (id: string, access: RoomAccess) => {
    await ann.api.ok(DirectoryRoom, 'POST', '/rooms', { id, kind: 'channel', title: id, access });
    return id;
  };
  return { ann, bob, cy, room, advance: (ms: number) => (now += ms) };
}

const ding = (from: Person, room: string, messageId: string, recipients: string[]) =>
  from.api.call<{ permit?: string; code?: string }>('POST', `/rooms/${room}/ding`, {
    messageId,
    recipients,
  });

describe('DING permits (POST /api/rooms/:id/ding)', () => {
  it('[DING1] a writer gets a permit the recipient can verify; tampering or another room fails', async () => {
    const { ann, bob, room } = await setup();
    const ops = await room('ops', { workspace: 'write', groups: [], users: [] });
    await room('other', { workspace: 'write', groups: [], users: [] });
    const { permit } = await ann.api.ok(DingPermit, 'POST', `/rooms/${ops}/ding`, {
      messageId: 'm1',
      recipients: [bob.id, ann.id],
    });
    const verify = (p: string, r = ops) =>
      bob.api.ok(DingVerification, 'POST', `/rooms/${r}/ding/verify`, { permit: p });
    expect(await verify(permit)).toEqual({
      valid: true,
      sender: ann.id,
      messageId: 'm1',
      recipients: [bob.id], // the sender is never rung
    });
    const [head, body, sig] = permit.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(body ?? '', 'base64url').toString()),
        sub: bob.id,
      }),
    ).toString('base64url');
    expect((await verify(`${head}.${forged}.${sig}`)).valid).toBe(false);
    expect((await verify(permit, 'other')).valid).toBe(false);
    expect((await verify('not a jwt')).valid).toBe(false);
  });

  it(`[DING2] at most ${DING_RATE.max} per sender per window, across rooms; then 429 with Retry-After`, async () => {
    const { ann, bob, cy, room, advance } = await setup();
    const a = await room('a', { workspace: 'write', groups: [], users: [] });
    const b = await room('b', { workspace: 'write', groups: [], users: [] });
    for (let i = 0; i < DING_RATE.max; i += 1) {
      expect((await ding(ann, i % 2 ? a : b, `m${i}`, [bob.id])).status).toBe(200);
    }
    const refused = await ding(ann, a, 'one-too-many', [bob.id]);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another sender is not affected.
    expect((await ding(cy, a, 'cy-1', [bob.id])).status).toBe(200);
    advance(DING_RATE.windowMs + 1);
    expect((await ding(ann, a, 'later', [bob.id])).status).toBe(200);
  });

  it('[DING3] readers cannot ring, outsiders see no room, recipients must be members', async () => {
    const { ann, bob, cy, room } = await setup();
    const readOnly = await room('announce', { workspace: 'read', groups: [], users: [] });
    const secret = await room('secret', {
      workspace: 'none',
      groups: [],
      users: [{ id: bob.id, level: 'write' }],
    });
    expect((await ding(bob, readOnly, 'm', [ann.id])).status).toBe(403);
    expect((await ding(cy, secret, 'm', [bob.id])).status).toBe(404);
    expect((await ding(bob, secret, 'm', [cy.id])).status).toBe(400);
    expect((await ding(bob, secret, 'm', [])).status).toBe(400);
    const { permit } = await bob.api.ok(DingPermit, 'POST', `/rooms/${secret}/ding`, {
      messageId: 'm',
      recipients: [ann.id],
    });
    const outsider = await cy.api.call('POST', `/rooms/${secret}/ding/verify`, { permit });
    expect(outsider.status).toBe(404);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { GroupSummary, UserSummary } from '../../shared/api/schemas.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { MessageType } from '../../shared/protocol/message-types.js';
import { signAccessToken } from '../../sync-server/src/auth/tokens.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { storedText } from '../support/stored-text.js';
import { createTestClient, type TestClient } from '../support/test-client.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { waitFor } from '../support/wait-for.js';
import { createRoom, invitePerson, signInOwner, type Person } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();

async function relay(): Promise<TestRelay> {
  const file = join(mkdtempSync(join(tmpdir(), 'access-')), 'relay.sqlite');
  const r = await startTestRelay({ persistence: new SqlitePersistence({ file }) });
  cleanup.push(() => r.stop());
  return r;
}

/** A stock y-websocket client of `person`, with closes recorded. */
async function clientOf(r: TestRelay, person: Person, room: string) {
  const c = createTestClient(r.wsUrl, room, { token: await person.api.token(), confirm: true });
  const closes: number[] = [];
  c.provider.on('connection-close', (event) => void (event && closes.push(event.code)));
  cleanup.push(() => c.destroy());
  return Object.assign(c, { closes });
}

/** Opens a socket and reports what the relay answered: an upgrade or an HTTP status. */
function tryUpgrade(url: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    let bytes = 0;
    ws.on('message', (data: Buffer) => (bytes += data.length));
    ws.on('unexpected-response', (_req, res) => {
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
    });
    ws.on('open', () => {
      // Give the relay the chance to send what it would send to a reader.
      setTimeout(() => {
        ws.close();
        resolve({ status: 101, bytes });
      }, 300);
    });
    ws.on('error', () => {});
  });
}

const text = (c: TestClient) => c.doc.getText('t').toString();

describe('[AUTH1] upgrades are authorized before anything is sent', () => {
  it('refuses a member without access at the upgrade, with no byte of the room', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const member = await invitePerson(r, owner);
    const room = await createRoom(owner, { workspace: 'none', groups: [], users: [] });
    const writer = await clientOf(r, owner, room);
    await writer.synced();
    writer.doc.getText('t').insert(0, 'salaries');
    await writer.allConfirmed();

    const refused = await tryUpgrade(`${r.wsUrl}/${room}?token=${await member.api.token()}`);
    expect(refused).toEqual({ status: 403, bytes: 0 });
    // The same person reaches a room they may read, so the token itself is fine.
    const allowed = await tryUpgrade(`${r.wsUrl}/scratchpad?token=${await member.api.token()}`);
    expect(allowed.status).toBe(101);
    expect(allowed.bytes).toBeGreaterThan(0);
    // Unknown rooms look exactly like unreadable ones.
    expect(await tryUpgrade(`${r.wsUrl}/no-such-room?token=${await member.api.token()}`)).toEqual({
      status: 403,
      bytes: 0,
    });
  });

  it('refuses missing, tampered, expired and foreign tokens with 401', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const good = await owner.api.token();
    const url = (token: string) => `${r.wsUrl}/scratchpad?token=${token}`;
    const [header, payload, signature] = good.split('.') as [string, string, string];
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string };
    const secret = await r.identity.workspace.secret();
    const expired = await signAccessToken(
      secret,
      { sub: claims.sub },
      Date.now() - 600_000,
      60_000,
    );
    const foreign = await signAccessToken('another secret', { sub: claims.sub }, Date.now());
    const elevated = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone' })).toString('base64url')}.${signature}`;

    expect((await tryUpgrade(`${r.wsUrl}/scratchpad`)).status).toBe(401);
    for (const token of [
      `${header}.${payload}.${flipped}`,
      expired.token,
      foreign.token,
      elevated,
      'garbage',
    ]) {
      expect(await tryUpgrade(url(token))).toEqual({ status: 401, bytes: 0 });
    }
    expect((await tryUpgrade(url(good))).status).toBe(101);
  });
});

describe('[AUTH3] read-only connections', () => {
  it("drop a reader's updates before storage and other clients, answer permission denied, and forward their awareness", async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const reader = await invitePerson(r, owner);
    const room = await createRoom(owner, {
      workspace: 'none',
      groups: [],
      users: [{ id: reader.id, level: 'read' }],
    });
    const writer = await clientOf(r, owner, room);
    await writer.synced();
    writer.doc.getText('t').insert(0, 'agenda');
    await writer.allConfirmed();

    const viewer = await clientOf(r, reader, room);
    let denied = 0;
    viewer.provider.messageHandlers[MessageType.auth] = (_e, decoder: decoding.Decoder) => {
      if (decoding.readVarUint(decoder) === 0) denied += 1; // permission denied
    };
    await viewer.synced();
    expect(text(viewer)).toBe('agenda');
    viewer.doc.getText('t').insert(0, 'VANDALISM ');
    viewer.provider.awareness.setLocalStateField('user', { name: 'Reader' });
    await waitFor(() => denied > 0, { what: 'permission denied' });
    await waitFor(
      () =>
        // Stamped with who the reader is, whatever name they set [PRES4].
        [...writer.provider.awareness.getStates().values()].some(
          (s) => (s as { relay?: { userId?: string } }).relay?.userId === reader.id,
        ),
      { what: "the reader's awareness at the writer" },
    );

    // A write after the dropped one reaches the reader: the relay went on, minus the drop.
    writer.doc.getText('t').insert(6, '!');
    await writer.allConfirmed();
    await waitFor(() => text(viewer).includes('!'), { what: 'the next write at the reader' });
    expect(text(writer)).toBe('agenda!');
    expect(await storedText(r.persistence, room)).toBe('agenda!');
  });
});

describe('[AUTH4] access changes bite open connections at once', () => {
  it('deactivation closes every connection with 4410 before the API answers, refuses reconnects and hands over rooms', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const leaver = await invitePerson(r, owner);
    const theirs = await createRoom(
      leaver,
      { workspace: 'none', groups: [], users: [] },
      'My notes',
    );
    const a = await clientOf(r, leaver, 'scratchpad');
    const b = await clientOf(r, leaver, theirs);
    await Promise.all([a.synced(), b.synced()]);
    const token = await leaver.api.token();

    const result = await owner.api.call('POST', `/users/${leaver.id}/deactivate`, {
      transferTo: owner.id,
    });
    expect(result.status).toBe(200);
    // The relay closed both sockets synchronously inside the request; the close frames
    // left before the HTTP response did.
    await waitFor(() => a.closes.length > 0 && b.closes.length > 0, {
      what: 'closes',
      timeout: 1000,
    });
    expect([...a.closes, ...b.closes]).toEqual([
      CloseCode.accountDeactivated,
      CloseCode.accountDeactivated,
    ]);

    expect((await tryUpgrade(`${r.wsUrl}/scratchpad?token=${token}`)).status).toBe(401);
    const me = await leaver.api.call('GET', '/me');
    expect(me).toMatchObject({ status: 401, body: { code: 'account_deactivated' } });
    expect((await owner.api.call('GET', `/rooms/${theirs}`)).body).toMatchObject({
      ownerId: owner.id,
      title: 'My notes',
    });
    const audit = await owner.api.call<{ action: string; target: string }[]>('GET', '/audit');
    expect(audit.body.find((e) => e.action === 'user.deactivate')?.target).toBe(leaver.id);
  });

  it('leaving a group closes that room with 4403 and leaves other rooms open; a downgrade to read drops writes', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const member = await invitePerson(r, owner);
    const finance = await owner.api.ok(GroupSummary, 'POST', '/groups', {
      name: 'Finance',
      members: [member.id],
    });
    const room = await createRoom(owner, {
      workspace: 'none',
      groups: [{ id: finance.id, level: 'write' }],
      users: [],
    });
    const inRoom = await clientOf(r, member, room);
    const elsewhere = await clientOf(r, member, 'scratchpad');
    await Promise.all([inRoom.synced(), elsewhere.synced()]);

    // Downgrade: the connection stays, writes stop counting.
    await owner.api.ok(GroupSummary, 'PATCH', `/groups/${finance.id}`, { members: [member.id] });
    await owner.api.call('PUT', `/rooms/${room}/access`, {
      workspace: 'none',
      groups: [{ id: finance.id, level: 'read' }],
      users: [],
    });
    const ownerView = await clientOf(r, owner, room);
    await ownerView.synced();
    inRoom.doc.getText('t').insert(0, 'dropped');
    ownerView.doc.getText('t').insert(0, 'kept');
    await ownerView.allConfirmed();
    await waitFor(() => text(inRoom).includes('kept'), { what: 'owner write at the reader' });
    expect(await storedText(r.persistence, room)).toBe('kept');
    expect(inRoom.closes).toEqual([]);

    // Removal from the group: this room closes, the scratchpad stays connected.
    await owner.api.ok(UserSummary, 'PATCH', `/users/${member.id}`, { groups: [] });
    await waitFor(() => inRoom.closes.length > 0, { what: 'close', timeout: 1000 });
    expect(inRoom.closes).toEqual([CloseCode.accessRevoked]);
    elsewhere.doc.getText('t').insert(0, 'still here');
    await elsewhere.allConfirmed();
    expect(elsewhere.closes).toEqual([]);
  });

  it('signing out and password changes end the sessions behind open connections (4411)', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const member = await invitePerson(r, owner);
    const c = await clientOf(r, member, 'scratchpad');
    await c.synced();
    await member.api.call('POST', '/auth/logout');
    await waitFor(() => c.closes.length > 0, { what: 'close', timeout: 1000 });
    expect(c.closes).toEqual([CloseCode.sessionEnded]);
  });
});

describe('[AUTH3] read-only connections, on the wire', () => {
  it('a read-only reader gets no sync step 1 request from the relay', async () => {
    const r = await relay();
    const owner = await signInOwner(r);
    const reader = await invitePerson(r, owner);
    const room = await createRoom(owner, { workspace: 'read', groups: [], users: [] });
    const ws = new WebSocket(`${r.wsUrl}/${room}?token=${await reader.api.token()}`);
    const frames: Uint8Array[] = [];
    ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
    await new Promise((resolve) => ws.on('open', resolve));
    // Ask for the document: the relay answers with step 2 and never asks back (step 1).
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
    ws.send(encoding.toUint8Array(encoder));
    await waitFor(() => frames.length > 0, { what: 'step 2' });
    ws.close();
    const kinds = frames.map((f) => [f[0], f[1]]);
    expect(kinds).toContainEqual([MessageType.sync, 1]);
    expect(kinds).not.toContainEqual([MessageType.sync, 0]);
  });
});

/**
 * [FEED4] as a seeded property: random people (members and guests), groups, rules
 * and writes across many rooms, all through the API; after every round each
 * person's connection is checked frame by frame against `evaluateAccess` over the
 * relay's own tables. FEED_SEED and FEED_ROUNDS pick other runs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { evaluateAccess } from '../../shared/access/evaluate.js';
import { GroupSummary, type RoomAccess } from '../../shared/api/schemas.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { DIRECTORY_DIGEST_HEADER, type MuxFrame } from '../../shared/protocol/mux.js';
import { roomIdOf } from '../../shared/protocol/room-id.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { openMuxSocket, type MuxRoom, type MuxTestSocket } from '../support/mux-socket.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { createRoom, invitePerson, signInOwner, type Person } from '../support/workspace-people.js';

const cleanup = cleanupAfterEach();
const SEED = Number(process.env.FEED_SEED ?? 4);
const ROUNDS = Number(process.env.FEED_ROUNDS ?? 6);

interface Device {
  person: Person;
  socket: MuxTestSocket;
  /** Parts this socket asked to subscribe. */
  asked: Set<string>;
  digest: string;
}

async function digestOf(person: Person): Promise<string> {
  const answer = await person.api.call('GET', '/rooms');
  return answer.headers.get(DIRECTORY_DIGEST_HEADER) ?? '';
}

/** Room ids each frame names (a `directory` frame names none). */
function named(frame: MuxFrame): string[] {
  switch (frame.kind) {
    case 'feed':
      return frame.heads.map((h) => roomIdOf(h.room));
    case 'room':
    case 'closed':
      return [roomIdOf(frame.room)];
    default:
      return [];
  }
}

describe('[FEED4] secrecy under random people, groups, rules and writes', () => {
  it(`no frame names a room its person cannot read (seed ${SEED}, ${ROUNDS} rounds)`, async () => {
    const gen = prng.create(SEED);
    const file = join(mkdtempSync(join(tmpdir(), 'feed-secrecy-')), 'relay.sqlite');
    const r: TestRelay = await startTestRelay({ persistence: new SqlitePersistence({ file }) });
    cleanup.push(() => r.stop());
    const owner = await signInOwner(r);
    const groups: string[] = [];
    for (const name of ['Design', 'Finance']) {
      groups.push((await owner.api.ok(GroupSummary, 'POST', '/groups', { name, members: [] })).id);
    }
    const people: Person[] = [];
    for (let i = 0; i < 6; i++) {
      const role = i < 2 ? 'guest' : 'member';
      people.push(
        await invitePerson(r, owner, role, prng.bool(gen) ? [prng.oneOf(gen, groups)] : []),
      );
    }
    const randomRule = (): RoomAccess => ({
      workspace: prng.oneOf(gen, ['none', 'none', 'read', 'write'] as const),
      groups: groups.filter(() => prng.bool(gen)).map((id) => ({ id, level: 'read' as const })),
      users: people
        .filter(() => prng.int32(gen, 0, 3) === 0)
        .map((p) => ({ id: p.id, level: prng.oneOf(gen, ['read', 'write'] as const) })),
    });
    const rooms: string[] = [];
    for (let i = 0; i < 10; i++) rooms.push(await createRoom(owner, randomRule(), `Room ${i}`));
    // Guests see only what names them, so the barrier names everyone.
    const barrier = await createRoom(owner, {
      workspace: 'read',
      groups: [],
      users: people.map((p) => ({ id: p.id, level: 'read' as const })),
    });
    const parts = rooms.flatMap((id) => [id, `${id}:a`, `${id}:b`]);
    const writer = await openMuxSocket(`${r.wsUrl}?v=2&token=${await owner.api.token()}`);
    cleanup.push(() => writer.close());
    const writing = new Map<string, MuxRoom>();
    const write = async (part: string) => {
      let room = writing.get(part);
      if (!room) {
        room = writer.sync(part);
        writing.set(part, room);
        await room.synced();
      }
      room.doc.getText('t').insert(0, 'w');
      await room.allConfirmed();
    };

    const devices: Device[] = [];
    for (const person of people) {
      const socket = await openMuxSocket(`${r.wsUrl}?v=2&token=${await person.api.token()}`);
      cleanup.push(() => socket.close());
      const digest = await digestOf(person);
      socket.send({ kind: 'hello', feedId: '', cursor: 0, directory: digest });
      await socket.next('feed', (f) => f.complete);
      devices.push({ person, socket, asked: new Set(), digest });
    }

    /** Who may read what now, from the relay's own tables. */
    const readable = async (person: Person): Promise<Set<string>> => {
      const subject = await r.identity.people.subject(person.id);
      const out = new Set<string>();
      for (const room of await r.identity.rooms.all()) {
        if (!subject) continue;
        const level = evaluateAccess(subject, {
          ownerId: room.owner_id,
          rule: await r.identity.rooms.rule(room),
        });
        if (level !== 'none') out.add(room.id);
      }
      return out;
    };

    let checkedFrames = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const marks = devices.map((d) => d.socket.frames.length);
      // 1. Access changes through the API, answered only once applied. Each person's
      // digest after each change: a frame may be coalesced, never sent for nothing.
      const seen = devices.map((d) => new Set([d.digest]));
      // What each person could read after each change: a revocation may be undone
      // within the round, and its closed frame was right when sent.
      const states = devices.map(() => [] as Set<string>[]);
      for (let n = prng.int32(gen, 1, 3); n > 0; n--) {
        const pick = prng.int32(gen, 0, 2);
        if (pick === 0) {
          await owner.api.ok(GroupSummary, 'PATCH', `/groups/${prng.oneOf(gen, groups)}`, {
            members: people.filter(() => prng.bool(gen)).map((p) => p.id),
          });
        } else if (pick === 1) {
          const room = prng.oneOf(gen, rooms);
          expect((await owner.api.call('PUT', `/rooms/${room}/access`, randomRule())).status).toBe(
            200,
          );
        } else {
          await owner.api.call('PATCH', `/rooms/${prng.oneOf(gen, rooms)}`, {
            title: `Renamed ${round}.${n}`,
          });
        }
        for (const [i, d] of devices.entries()) {
          seen[i]?.add(await digestOf(d.person));
          states[i]?.push(await readable(d.person));
        }
      }
      const allowed = new Map<(typeof devices)[number], Set<string>>();
      for (const d of devices) allowed.set(d, await readable(d.person));
      // 2. Devices subscribe to random parts, ask for random heads; the owner writes.
      for (const device of devices) {
        for (let n = 0; n < 2; n++) {
          const part = prng.oneOf(gen, parts);
          device.asked.add(part);
          device.socket.send({ kind: 'subscribe', room: part });
        }
        device.socket.send({ kind: 'heads', roomIds: rooms.filter(() => prng.bool(gen)) });
      }
      for (let n = prng.int32(gen, 3, 8); n > 0; n--) await write(prng.oneOf(gen, parts));
      // 3. A barrier every person reads: once it arrived, so had everything before it.
      await write(barrier);
      for (const device of devices)
        await device.socket.next(
          'feed',
          (f) => f.heads.some((h) => h.room === barrier),
          marks[devices.indexOf(device)],
        );

      for (const [i, device] of devices.entries()) {
        const mayRead = allowed.get(device) ?? new Set();
        mayRead.add(barrier);
        const during = states[i] ?? [];
        const frames = device.socket.frames.slice(marks[i]);
        for (const frame of frames) {
          checkedFrames += 1;
          if (frame.kind === 'closed') {
            // Only ever about a part this device itself named, when it could not read it.
            const id = roomIdOf(frame.room);
            expect(device.asked.has(frame.room)).toBe(true);
            expect(frame.code).toBe(CloseCode.accessRevoked);
            expect(
              during.some((state) => !state.has(id)),
              `closed ${id}`,
            ).toBe(true);
          } else if (frame.kind === 'room') {
            // Sent while readable (a rise to write sends step 1 at once).
            expect(during.some((state) => state.has(roomIdOf(frame.room)))).toBe(true);
          } else {
            // Feed frames come from the writes, after the last change of the round.
            for (const id of named(frame))
              expect(mayRead.has(id), `${frame.kind} ${id}`).toBe(true);
          }
        }
        // Directory frames go to the people whose directory changed, and only to them.
        const digest = await digestOf(device.person);
        const told = frames.some((f) => f.kind === 'directory');
        if (digest !== device.digest) expect(told, `round ${round}, person ${i}`).toBe(true);
        if (told) expect(seen[i]?.size, `round ${round}, person ${i}`).toBeGreaterThan(1);
        device.digest = digest;
      }
    }
    expect(checkedFrames).toBeGreaterThan(100);
  });
});

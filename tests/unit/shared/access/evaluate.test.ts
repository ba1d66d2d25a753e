import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import {
  evaluateAccess,
  type AccessRule,
  type Subject,
} from '../../../../shared/access/evaluate.js';
import type { AccessLevel, GrantLevel, Role } from '../../../../shared/access/levels.js';

const ROLES: Role[] = ['owner', 'admin', 'member', 'guest'];
const LEVELS: AccessLevel[] = ['none', 'read', 'write'];
const GRANTS: GrantLevel[] = ['read', 'write'];

/**
 * The reference model, written as the product rules read in the issue and without
 * sharing code with evaluateAccess: collect every reason a person has to be in the
 * room, then take the strongest.
 */
function reference(subject: Subject, room: { ownerId: string; rule: AccessRule }): AccessLevel {
  if (!subject.active) return 'none';
  const reasons: AccessLevel[] = ['none'];
  if (room.ownerId === subject.id) reasons.push('write');
  const named = room.rule.users.get(subject.id);
  if (named) reasons.push(named);
  if (subject.role !== 'guest') {
    reasons.push(room.rule.workspace);
    for (const group of subject.groups) {
      const level = room.rule.groups.get(group);
      if (level) reasons.push(level);
    }
  }
  return reasons.includes('write') ? 'write' : reasons.includes('read') ? 'read' : 'none';
}

function randomCase(gen: prng.PRNG) {
  const people = Array.from({ length: 6 }, (_, i) => `u${i}`);
  const groups = Array.from({ length: 4 }, (_, i) => `g${i}`);
  const pick = <T>(list: readonly T[]) => prng.oneOf(gen, list as T[]);
  const subject: Subject = {
    id: pick(people),
    role: pick(ROLES),
    active: prng.int32(gen, 0, 9) > 1,
    groups: new Set(groups.filter(() => prng.bool(gen))),
  };
  const rule: AccessRule = {
    workspace: pick(LEVELS),
    groups: new Map(groups.filter(() => prng.bool(gen)).map((g) => [g, pick(GRANTS)])),
    users: new Map(people.filter(() => prng.int32(gen, 0, 3) === 0).map((u) => [u, pick(GRANTS)])),
  };
  return { subject, room: { ownerId: pick(people), rule } };
}

describe('access rule evaluation', () => {
  it('agrees with the reference model on 20,000 random people, groups and rules', () => {
    for (const seed of [1, 2, 3, 4]) {
      const gen = prng.create(seed);
      for (let i = 0; i < 5000; i++) {
        const { subject, room } = randomCase(gen);
        const got = evaluateAccess(subject, room);
        if (got !== reference(subject, room)) {
          expect({ seed, i, subject, room, got }).toEqual({
            seed,
            i,
            subject,
            room,
            got: reference(subject, room),
          });
        }
      }
    }
  });

  it('has the properties people rely on', () => {
    const gen = prng.create(99);
    for (let i = 0; i < 5000; i++) {
      const { subject, room } = randomCase(gen);
      const level = evaluateAccess(subject, room);
      // Deactivated people get nothing, even in rooms they own.
      expect(evaluateAccess({ ...subject, active: false }, room)).toBe('none');
      // Adding a grant never takes access away.
      if (!room.rule.users.has(subject.id)) {
        const more = {
          ...room.rule,
          users: new Map(room.rule.users).set(subject.id, 'read' as const),
        };
        const after = evaluateAccess(subject, { ...room, rule: more });
        expect(LEVELS.indexOf(after)).toBeGreaterThanOrEqual(LEVELS.indexOf(level));
      }
      // Guests ignore the workspace level and group grants.
      if (subject.role === 'guest' && room.ownerId !== subject.id) {
        expect(level).toBe(subject.active ? (room.rule.users.get(subject.id) ?? 'none') : 'none');
      }
    }
  });
});

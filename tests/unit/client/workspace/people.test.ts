import { describe, expect, it } from 'vitest';
import type { UserSummary } from '../../../../shared/api/schemas.js';
import { ApiFailure } from '../../../../client/src/auth/api-failure.js';
import { DEVICE_KEY_PREFIXES } from '../../../../client/src/auth/device-data.js';
import { createPeople, PEOPLE_CACHE_PREFIX } from '../../../../client/src/workspace/people.js';

const person = (id: string, name: string, active = true): UserSummary => ({
  id,
  name,
  email: `${id}@example.test`,
  role: 'member',
  active,
  groups: [],
});
const ann = person('ann', 'Ann');
const bob = person('bob', 'Bob');
const cy = person('cy', 'Cy', false);

function memoryStorage(entries: Record<string, string> = {}) {
  const map = new Map(Object.entries(entries));
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

/** A relay whose /users answers are queued: a list, or an error to throw. */
function relay() {
  const answers: (UserSummary[] | Error)[] = [];
  let calls = 0;
  return {
    answers,
    calls: () => calls,
    users: () => {
      calls += 1;
      const next = answers.shift() ?? new Error('no answer queued');
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
  };
}

const me = { id: 'ann', name: 'Ann', role: 'member' as const };

describe('workspace people', () => {
  it('starts from the list this person last heard, and caches each answer', async () => {
    const storage = memoryStorage({ [`${PEOPLE_CACHE_PREFIX}ann`]: JSON.stringify([ann]) });
    const api = relay();
    const people = createPeople({ api, storage, me: () => me });
    expect(people.all()).toEqual([ann]);
    api.answers.push([ann, bob, cy]);
    await people.refresh();
    expect(people.all()).toEqual([ann, bob, cy]);
    expect(people.active()).toEqual([ann, bob]);
    expect(JSON.parse(storage.getItem(`${PEOPLE_CACHE_PREFIX}ann`) ?? '')).toEqual([ann, bob, cy]);
  });

  it('keeps the last list while the relay cannot be reached or fails, never an empty one', async () => {
    const storage = memoryStorage();
    const api = relay();
    const people = createPeople({ api, storage, me: () => me });
    api.answers.push([ann, bob], ApiFailure.offline(), new ApiFailure(503, 'unavailable', 'down'));
    await people.refresh();
    await people.refresh();
    expect(people.all()).toEqual([ann, bob]);
    await people.refresh();
    expect(people.all()).toEqual([ann, bob]);
    expect(createPeople({ api, storage, me: () => me }).all()).toEqual([ann, bob]);
  });

  it('empties the list and its cache when the relay refuses, and never asks for a guest', async () => {
    const storage = memoryStorage({ [`${PEOPLE_CACHE_PREFIX}ann`]: JSON.stringify([ann, bob]) });
    const api = relay();
    const people = createPeople({ api, storage, me: () => me });
    api.answers.push(new ApiFailure(403, 'forbidden', 'guests cannot list the workspace'));
    await people.refresh();
    expect(people.all()).toEqual([]);
    expect(storage.getItem(`${PEOPLE_CACHE_PREFIX}ann`)).toBeNull();

    const guest = createPeople({ api, storage, me: () => ({ ...me, role: 'guest' }) });
    await guest.refresh();
    expect(api.calls()).toBe(1);
    expect(guest.all()).toEqual([]);
  });

  it('shares one request between callers, and skips one younger than maxAgeMs', async () => {
    let clock = 0;
    const api = relay();
    const people = createPeople({ api, storage: memoryStorage(), me: () => me, now: () => clock });
    api.answers.push([ann]);
    await Promise.all([people.refresh(10_000), people.refresh(10_000)]);
    expect(api.calls()).toBe(1);
    clock = 9_999;
    await people.refresh(10_000);
    expect(api.calls()).toBe(1);
    clock = 10_000;
    api.answers.push([ann, bob]);
    await people.refresh(10_000);
    expect(api.calls()).toBe(2);
    expect(people.all()).toEqual([ann, bob]);
  });

  it('asks again after an answer under way when a caller needs a fresh one', async () => {
    const api = relay();
    const people = createPeople({ api, storage: memoryStorage(), me: () => me });
    api.answers.push([ann], [ann, bob]);
    const first = people.refresh();
    const second = people.refresh();
    await Promise.all([first, second]);
    expect(api.calls()).toBe(2);
    expect(people.all()).toEqual([ann, bob]);
  });

  it('names people, the signed-in person before the list arrives, and "Someone" otherwise', async () => {
    const api = relay();
    const people = createPeople({ api, storage: memoryStorage(), me: () => me });
    expect(people.nameOf('ann')).toBe('Ann');
    expect(people.nameOf('bob')).toBe('Someone');
    api.answers.push([person('ann', 'Ann Lee'), bob, cy]);
    await people.refresh();
    expect(people.nameOf('ann')).toBe('Ann Lee');
    expect(people.nameOf('cy')).toBe('Cy');
  });

  it('is cached per person under a key that sign-out and deactivation delete', () => {
    expect(DEVICE_KEY_PREFIXES).toContain(PEOPLE_CACHE_PREFIX);
    const storage = memoryStorage({ [`${PEOPLE_CACHE_PREFIX}bob`]: JSON.stringify([bob]) });
    expect(createPeople({ api: relay(), storage, me: () => me }).all()).toEqual([]);
  });

  it('deletes the list the chat feature used to keep on its own', () => {
    const storage = memoryStorage({ 'chat.people': JSON.stringify([ann]) });
    createPeople({ api: relay(), storage, me: () => me });
    expect(storage.map.has('chat.people')).toBe(false);
  });
});

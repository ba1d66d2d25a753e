/**
 * The workspace's people: one list for every view (chat, docs, tasks, sharing,
 * Settings), fetched when the person's session starts and again when it is
 * refreshed, kept in localStorage under the person's id.
 *
 * One offline behaviour: while the relay cannot be reached (or fails), views show the
 * last list heard, never an empty one. Only the relay saying no (a guest may not list
 * people) empties it. The cache is per person and goes with the rest of the device
 * data on sign-out or deactivation (auth/device-data.ts).
 */
import { createSignal, type Accessor } from 'solid-js';
import { z } from 'zod';
import { UserSummary } from '../../../shared/api/schemas.js';
import { ApiFailure } from '../auth/api-failure.js';
import type { Api } from '../auth/api.js';

/** Prefix of the cache keys; auth/device-data.ts deletes them with the room data. */
export const PEOPLE_CACHE_PREFIX = 'ws:people:';
/** Where the chat feature kept its own copy before this store; deleted on sight. */
const LEGACY_CACHE = 'chat.people';

export interface People {
  /** Everyone in the workspace, deactivated accounts too, as last heard. */
  readonly all: Accessor<readonly UserSummary[]>;
  /** The active accounts: who can be assigned, mentioned or shared with. */
  readonly active: Accessor<readonly UserSummary[]>;
  /** A person's name; "Someone" for an id nobody here knows. */
  nameOf(userId: string): string;
  /**
   * Asks the relay for the list again, unless it answered within `maxAgeMs`. Calls
   * while one is under way share it (one with no `maxAgeMs` also gets a new answer
   * after it). Never rejects.
   */
  refresh(maxAgeMs?: number): Promise<void>;
}

export interface PeopleDeps {
  api: Pick<Api, 'users'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** The signed-in person (null while nobody is). */
  me: () => Pick<UserSummary, 'id' | 'name' | 'role'> | null;
  now?: () => number;
}

const CachedPeople = z.array(UserSummary);

export function createPeople({ api, storage, me, now = Date.now }: PeopleDeps): People {
  const key = () => {
    const id = me()?.id;
    return id === undefined ? null : `${PEOPLE_CACHE_PREFIX}${id}`;
  };
  const read = (): UserSummary[] => {
    const at = key();
    if (at === null) return [];
    try {
      const parsed = CachedPeople.safeParse(JSON.parse(storage.getItem(at) ?? '[]'));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  };
  const write = (list: readonly UserSummary[]) => {
    const at = key();
    if (at === null) return;
    try {
      if (list.length === 0) storage.removeItem(at);
      else storage.setItem(at, JSON.stringify(list));
    } catch {
      // Storage full or disabled: the list still holds for this session.
    }
  };
  storage.removeItem(LEGACY_CACHE);

  const [all, setAll] = createSignal<readonly UserSummary[]>(read());
  let answeredAt = -Infinity;
  let running: Promise<void> | null = null;
  let again = false;

  const fetchList = async () => {
    if (me()?.role === 'guest') {
      setAll([]);
      write([]);
      return;
    }
    try {
      const list = await api.users();
      answeredAt = now();
      // The same answer keeps the same array, so views that follow the list stay put.
      if (JSON.stringify(list) === JSON.stringify(all())) return;
      setAll(list);
      write(list);
    } catch (error) {
      // The relay said no (a guest, or access changed): nothing to show. Offline or
      // failing: keep the last list.
      if (error instanceof ApiFailure && error.status === 403) {
        answeredAt = now();
        setAll([]);
        write([]);
      }
    }
  };

  return {
    all,
    active: () => all().filter((person) => person.active),
    nameOf(userId) {
      const known = all().find((person) => person.id === userId);
      if (known) return known.name;
      const self = me();
      return self?.id === userId ? self.name : 'Someone';
    },
    refresh(maxAgeMs = 0) {
      if (running) {
        // An answer already on its way may predate what the caller just changed.
        if (maxAgeMs === 0) again = true;
        return running;
      }
      if (now() - answeredAt < maxAgeMs) return Promise.resolve();
      running = (async () => {
        do {
          again = false;
          await fetchList();
        } while (again);
      })().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

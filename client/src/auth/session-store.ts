import { batch, createSignal, type Accessor } from 'solid-js';
import type { GrantLevel } from '../../../shared/access/levels.js';
import { ApiErrorCode, type DirectoryRoom, type Me } from '../../../shared/api/schemas.js';
import { ApiFailure } from './api-failure.js';
import type { Api } from './api.js';
import type { DeviceData } from './device-data.js';
import { keepUnchanged, lostRoomIds } from './directory-diff.js';
import { clearSessionCache, readSessionCache, writeSessionCache } from './session-cache.js';

/** Whose data stays on the device after their session ended without a sign-out. */
const DEVICE_OWNER_KEY = 'ws:device-owner';

export type SessionState = 'loading' | 'needs-setup' | 'signed-out' | 'signed-in';

/** Why the last session ended, for the sign-in page. */
export type EndReason = 'signed-out' | 'deactivated' | 'session-ended';

export interface SessionDeps {
  api: Pick<Api, 'me' | 'rooms' | 'setupState' | 'logout'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  device: DeviceData;
  /** The person on this device changed or left: drop credentials derived from the session. */
  onEnded?: () => void;
  /**
   * Rooms this device created offline and has not registered yet: their copy is the
   * only one, so a room of that id leaving the directory (someone squatted the id,
   * then deleted it or shut this person out) must not delete it [OFFL1].
   */
  ownUnregistered?: (roomId: string) => boolean;
}

export interface SessionStore {
  readonly state: Accessor<SessionState>;
  readonly me: Accessor<Me | null>;
  /** The rooms this person may read, as last heard from the relay. */
  readonly directory: Accessor<readonly DirectoryRoom[]>;
  /** False while the last attempt to reach the relay failed. */
  readonly reachable: Accessor<boolean>;
  readonly endReason: Accessor<EndReason | null>;
  /** From GET /api/setup, for the sign-in page before anyone is signed in. */
  readonly workspaceName: Accessor<string | null>;
  levelOf(roomId: string): GrantLevel | null;
  /** Asks the relay who is signed in and what they may read; applies the answer. */
  refresh(): Promise<void>;
  /** After login, setup or accepting an invite (the relay has set the cookie). */
  signedIn(me: Me): Promise<void>;
  signOut(): Promise<void>;
  /** A room this person just created, before the next refresh lists it. */
  addRoom(room: DirectoryRoom): void;
}

/**
 * Who is signed in, kept in localStorage so the app opens signed in and offline with
 * the data already on the device. The relay is the judge: a deactivated account
 * deletes every local room database, and a room that drops out of the directory has
 * its databases deleted.
 */
export function createSessionStore({
  api,
  storage,
  device,
  onEnded,
  ownUnregistered = () => false,
}: SessionDeps): SessionStore {
  const cached = readSessionCache(storage);
  const [state, setState] = createSignal<SessionState>(cached ? 'signed-in' : 'loading');
  const [me, setMe] = createSignal<Me | null>(cached?.me ?? null);
  const [directory, setDirectory] = createSignal<readonly DirectoryRoom[]>(cached?.directory ?? []);
  const [reachable, setReachable] = createSignal(true);
  const [endReason, setEndReason] = createSignal<EndReason | null>(null);
  const [workspaceName, setWorkspaceName] = createSignal<string | null>(
    cached?.me.workspace.name ?? null,
  );
  /** Bumped whenever who is signed in changes, so an older refresh cannot undo it. */
  let epoch = 0;

  const save = () => {
    const current = me();
    if (current) writeSessionCache(storage, { me: current, directory: [...directory()] });
  };

  const settleSignedOut = async () => {
    try {
      const setup = await api.setupState();
      setWorkspaceName(setup.workspaceName);
      setState(setup.needsSetup ? 'needs-setup' : 'signed-out');
      setReachable(true);
    } catch (error) {
      setReachable(!(error instanceof ApiFailure && error.offline));
      setState('signed-out');
    }
  };

  /**
   * `reason` null: nobody was signed in here, so there is nothing to tell them.
   * A deactivation or a sign-out deletes the device's copies. A session that merely
   * ended (expired, password reset, signed out elsewhere) keeps them: they may hold
   * edits the relay has not stored yet, and the same person signing in again sends
   * them. Someone else signing in first deletes them (see apply).
   */
  const end = async (reason: EndReason | null) => {
    epoch += 1;
    const previous = me();
    clearSessionCache(storage);
    // Signed out first, so every view lets go of its rooms before their data is deleted.
    const wasSignedIn = state() === 'signed-in';
    batch(() => {
      setMe(null);
      setDirectory([]);
      // A later check that finds nobody must not erase why the last person left.
      if (reason !== null) setEndReason(reason);
      if (wasSignedIn) setState('signed-out');
    });
    onEnded?.();
    if (reason === 'session-ended') {
      const owner = previous?.user.id;
      if (owner) storage.setItem(DEVICE_OWNER_KEY, owner);
      device.closeAll();
    } else {
      storage.removeItem(DEVICE_OWNER_KEY);
      await device.forgetAll();
    }
    await settleSignedOut();
  };

  const apply = async (next: Me, rooms: readonly DirectoryRoom[]) => {
    const previousUser = me()?.user.id ?? storage.getItem(DEVICE_OWNER_KEY) ?? undefined;
    if (previousUser !== undefined && previousUser !== next.user.id) {
      onEnded?.();
      await device.forgetAll();
    }
    storage.removeItem(DEVICE_OWNER_KEY);
    const lost = lostRoomIds(directory(), rooms).filter((id) => !ownUnregistered(id));
    batch(() => {
      setMe(next);
      setDirectory(keepUnchanged(directory(), rooms));
      setWorkspaceName(next.workspace.name);
      setReachable(true);
      setEndReason(null);
      setState('signed-in');
    });
    save();
    await device.forgetRooms(lost);
    device.resumeStopped();
  };

  const check = async () => {
    const started = epoch;
    try {
      const [next, rooms] = await Promise.all([api.me(), api.rooms()]);
      if (started === epoch) await apply(next, rooms);
    } catch (error) {
      if (started !== epoch) return;
      if (error instanceof ApiFailure && error.status === 401) {
        const reason = error.code === ApiErrorCode.deactivated ? 'deactivated' : 'session-ended';
        // Nobody signed in here now: if a session of this device ended earlier (another
        // tab or an earlier check noticed, then the page reloaded), say so again, so the
        // person still learns that their changes on this device are kept.
        const endedHere = storage.getItem(DEVICE_OWNER_KEY) !== null && reason === 'session-ended';
        await end(me() === null ? (endedHere ? reason : null) : reason);
        return;
      }
      setReachable(!(error instanceof ApiFailure && error.offline));
      // Nobody known on this device and the relay cannot say: show sign-in, not a spinner.
      if (state() === 'loading') await settleSignedOut();
    }
  };

  // Every open room part asks its room's level, and there may be thousands: by id, built
  // once per directory rather than a scan of it per question.
  let levels: { rooms: readonly DirectoryRoom[]; byId: Map<string, GrantLevel> } | null = null;
  const levelsOf = (rooms: readonly DirectoryRoom[]) => {
    if (levels?.rooms !== rooms) {
      levels = { rooms, byId: new Map(rooms.map((room) => [room.id, room.level])) };
    }
    return levels.byId;
  };

  let running: Promise<void> | null = null;
  let again = false;
  const refresh = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = check().finally(() => {
      running = null;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return running;
  };

  return {
    state,
    me,
    directory,
    reachable,
    endReason,
    workspaceName,
    levelOf: (roomId) => levelsOf(directory()).get(roomId) ?? null,
    refresh,
    async signedIn(next) {
      epoch += 1;
      await apply(next, me()?.user.id === next.user.id ? directory() : []);
      await refresh();
    },
    async signOut() {
      try {
        await api.logout();
      } catch (error) {
        // Already signed out on the relay: finish the job here.
        if (!(error instanceof ApiFailure && error.status === 401)) throw error;
      }
      await end('signed-out');
    },
    addRoom(room) {
      setDirectory((rooms) => [...rooms.filter((r) => r.id !== room.id), room]);
      save();
    },
  };
}

import type { WorkspaceStore } from '../device-store/workspace-store.js';
import type { OpenLocalStore } from './local-store.js';

const PENDING_KEY = 'pending';
const RELAY_STATE_KEY = 'relayState';

/**
 * A room part's copy in the workspace's one IndexedDB database (device-store/), in
 * place of a y-indexeddb database per part: same guarantees, and wiping a room or the
 * whole device is one transaction instead of thousands of database deletions.
 */
export function workspacePartStore(store: WorkspaceStore): OpenLocalStore {
  return (room, doc) => {
    const persistence = store.persist(room, doc);
    return {
      origin: persistence,
      loaded: persistence.whenSynced.then(() => undefined),
      readPending: async () => {
        const stored: unknown = await persistence.get(PENDING_KEY);
        return typeof stored === 'number' ? stored : null;
      },
      writePending: async (count) => {
        await persistence.set(PENDING_KEY, count);
      },
      readRelayState: async () => {
        const stored: unknown = await persistence.get(RELAY_STATE_KEY);
        return stored instanceof Uint8Array ? stored : null;
      },
      writeRelayState: async (stateVector) => {
        await persistence.set(RELAY_STATE_KEY, stateVector);
      },
      // The part's 'update' listener (registered before the RoomSync's) has started the
      // write of the update just applied; flushed() waits for every write started so far.
      whenSaved: () => persistence.flushed(),
      destroy: () => persistence.destroy(),
    };
  };
}

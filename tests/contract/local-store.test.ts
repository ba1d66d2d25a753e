import { memoryLocalStores } from '../../client/src/sync/local-store/memory-store.js';
import { localStoreContract } from './local-store.contract.js';

// The IndexedDB store (indexeddbStore) needs a browser; Node has no IndexedDB.
localStoreContract('memory', memoryLocalStores);

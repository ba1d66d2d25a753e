import { memoryLocalStores } from '../../client/src/sync/local-store/memory-store.js';
import { localStoreContract } from './local-store.contract.js';

// The IndexedDB store (workspacePartStore) needs a browser: tests/e2e/device-store.spec.ts.
localStoreContract('memory', memoryLocalStores);

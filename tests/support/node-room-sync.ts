import { afterAll, beforeAll } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';

const NO_INDEXEDDB = 'indexedDB is not defined';

/**
 * Lets the client's real RoomSync run in Node for one test file: the browser's
 * WebSocket is the `ws` package's class, and there is no IndexedDB, which RoomSync
 * already handles (it syncs without a local copy, as in a browser with storage
 * blocked). y-indexeddb, though, leaves one derived promise per room unhandled when
 * IndexedDB is missing; exactly that rejection is ignored here, every other unhandled
 * rejection still reaches Vitest.
 */
export function useRoomSyncInNode(): void {
  const hadWebSocket = 'WebSocket' in globalThis;
  let vitestListeners: NodeJS.UnhandledRejectionListener[] = [];
  const filter: NodeJS.UnhandledRejectionListener = (reason, promise) => {
    if (reason instanceof ReferenceError && reason.message === NO_INDEXEDDB) return;
    for (const listener of vitestListeners) listener(reason, promise);
  };
  beforeAll(() => {
    if (!hadWebSocket) Object.assign(globalThis, { WebSocket: NodeWebSocket });
    vitestListeners = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', filter);
  });
  afterAll(() => {
    if (!hadWebSocket) Reflect.deleteProperty(globalThis, 'WebSocket');
    process.off('unhandledRejection', filter);
    for (const listener of vitestListeners) process.on('unhandledRejection', listener);
  });
}

import WebSocket from 'ws';
import type { TokenState } from '../../client/src/auth/token-source.js';
import type { NetworkMonitor } from '../../client/src/lib/network-monitor.js';
import type { OpenLocalStore } from '../../client/src/sync/local-store/local-store.js';
import { memoryLocalStores } from '../../client/src/sync/local-store/memory-store.js';
import { openMuxRoomSync } from '../../client/src/sync/mux/mux-room-sync.js';
import {
  WorkspaceConnection,
  type HelloState,
} from '../../client/src/sync/mux/workspace-connection.js';
import type { RegistrationGate } from '../../client/src/sync/registration-gate.js';
import type { RoomSync } from '../../client/src/sync/room-sync.js';
import { waitFor } from './wait-for.js';

/** A network monitor the test switches by hand (a device going offline and back). */
export interface SwitchableNetwork extends NetworkMonitor {
  set(online: boolean): void;
}

export function switchableNetwork(online = true): SwitchableNetwork {
  const listeners = new Set<(online: boolean) => void>();
  return {
    isOnline: () => online,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(next) {
      if (next === online) return;
      online = next;
      for (const listener of [...listeners]) listener(next);
    },
  };
}

export interface MuxClient {
  connection: WorkspaceConnection;
  network: SwitchableNetwork;
  /** The device's room copies (memory): a room closed and opened again finds its edits. */
  stores: OpenLocalStore;
  /** Opens a room part over the connection (like DocRegistry.acquire). */
  open(room: string, options?: { registration?: RegistrationGate }): RoomSync;
  /** Rooms open now, by name. */
  rooms: Map<string, RoomSync>;
  /** Closes one room (its copy stays in `stores`). */
  close(room: string): void;
  /** Every problem the relay reported (onAccessProblem), connection-wide and per room. */
  problems: (number | null)[];
  /** WebSockets this client has created so far (one per connection attempt). */
  sockets(): number;
  /** Cuts the current socket as a network drop would (no close frame); the client reconnects. */
  dropSocket(): void;
  /** Resolves when the open room is synced and nothing of it is pending. */
  settled(room: string): Promise<void>;
  destroy(): void;
}

export interface MuxClientOptions {
  maxBackoffMs?: number;
  hello?: () => HelloState;
  stores?: OpenLocalStore;
}

/**
 * The client's real WorkspaceConnection and openMuxRoomSync in Node: `ws` sockets,
 * rooms kept in memory, a fixed token (`token` may be swapped), a network switch.
 */
export function createMuxClient(
  wsUrl: string,
  token: string,
  { maxBackoffMs = 1_000, hello, stores = memoryLocalStores() }: MuxClientOptions = {},
): MuxClient & { setToken(token: string): void } {
  const tokenListeners = new Set<(state: TokenState) => void>();
  let current: TokenState = { kind: 'ready', token };
  const network = switchableNetwork();
  const problems: (number | null)[] = [];
  let sockets = 0;
  const created: WebSocket[] = [];
  class CountedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      sockets += 1;
      created.splice(0, created.length, this);
    }
  }
  const connection = new WorkspaceConnection({
    url: wsUrl,
    network,
    tokens: {
      subscribe(listener) {
        tokenListeners.add(listener);
        listener(current);
        return () => void tokenListeners.delete(listener);
      },
      invalidate() {},
    },
    onAccessProblem: (code) => problems.push(code),
    WebSocket: CountedWebSocket as unknown as typeof globalThis.WebSocket,
    maxBackoffMs,
    ...(hello && { hello }),
  });
  const rooms = new Map<string, RoomSync>();
  const close = (room: string) => {
    rooms.get(room)?.destroy();
    rooms.delete(room);
  };
  return {
    connection,
    network,
    stores,
    rooms,
    problems,
    open(room, options = {}) {
      close(room);
      const sync = openMuxRoomSync({
        room,
        connection,
        store: stores,
        onAccessProblem: (code) => problems.push(code),
        ...(options.registration && { registration: options.registration }),
      });
      rooms.set(room, sync);
      return sync;
    },
    close,
    sockets: () => sockets,
    dropSocket: () => created[0]?.terminate(),
    async settled(room) {
      await waitFor(
        () => {
          const sync = rooms.get(room);
          return sync && sync.status().kind === 'synced' && sync.pending() === 0;
        },
        { what: `${room} synced with nothing pending` },
      );
    },
    setToken(next) {
      current = { kind: 'ready', token: next };
      for (const listener of [...tokenListeners]) listener(current);
    },
    destroy() {
      for (const room of [...rooms.keys()]) close(room);
      connection.destroy();
    },
  };
}

import type { Accessor } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { ConnectionStatus } from './connection-status.js';

/** One room's document, kept in IndexedDB and synced with the relay. */
export interface RoomSync {
  readonly room: string;
  readonly doc: Y.Doc;
  /** Who else is here (cursors, presence); local state is this device's, shared when online. */
  readonly awareness: Awareness;
  readonly status: Accessor<ConnectionStatus>;
  /** Local transactions the relay has not yet confirmed as durably stored. */
  readonly pending: Accessor<number>;
  /** True once the copy in IndexedDB has been loaded into the doc. */
  readonly loaded: Accessor<boolean>;
  /** True when every local edit so far is committed to IndexedDB. */
  readonly savedLocally: Accessor<boolean>;
  /**
   * What the relay has durably stored (client id -> next clock), from the last confirm
   * frame; null until one arrives. Chat uses it to tell which messages are on the relay.
   */
  readonly relayState: Accessor<ReadonlyMap<number, number> | null>;
  /** True when this person may only read the room: editors must not change the doc. */
  readonly readOnly: Accessor<boolean>;
  /**
   * The directory was just re-read from the relay: its level is current again, and a
   * connection the relay stopped with 4403 may try again (access came back).
   */
  resume(): void;
  destroy(): void;
}

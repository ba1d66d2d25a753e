import type { CloseInfo, StatusInputs } from '../connection-status.js';
import type { ConnectionState } from './workspace-connection.js';

/** One room's side of its status: its subscription on the workspace connection. */
export interface RoomLink {
  /** A relay session of the room is open (between `opened()` and its end). */
  open: boolean;
  /** The relay's sync step 2 arrived in this session. */
  synced: boolean;
  /** How the room's last session ended (`closed(part, code)`), until the next one opens. */
  lastClose: CloseInfo | null;
  /** A per-room close reconnecting cannot fix (4403, 4422, …) until resume(). */
  fatal: CloseInfo | null;
}

export const closedLink: RoomLink = { open: false, synced: false, lastClose: null, fatal: null };

/**
 * The facts deriveStatus reads, from the connection and the room's own session: a
 * room's verdict (4403, 4504, …) is its own, the network and the socket are shared.
 */
export function roomStatusInputs(connection: ConnectionState, link: RoomLink): StatusInputs {
  return {
    online: connection.online,
    socket: link.open ? 'open' : connection.socket === 'idle' ? 'idle' : 'connecting',
    synced: link.open && link.synced,
    unreachable: connection.unreachable,
    lastClose: link.lastClose ?? connection.lastClose,
    fatal: link.fatal ?? connection.fatal,
  };
}

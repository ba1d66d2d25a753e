import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { Socket } from 'node:net';
import { Hono } from 'hono';
import type { WebSocket } from 'ws';
import { CloseCode, closeReason } from '../../../shared/protocol/close-codes.js';
import { CONFIRM_PARAM } from '../../../shared/protocol/message-types.js';
import { parseRoomName } from '../../../shared/protocol/room-name.js';
import type { Session, Relay } from '../rooms/relay.js';
import type { Peer } from '../rooms/peer.js';

let nextPeerId = 1;

function socketOf(ws: WSContext<WebSocket>): Socket | undefined {
  return (ws.raw as unknown as { _socket?: Socket } | undefined)?._socket;
}

/** `maxBuffered`: outgoing bytes a connection may have queued before it counts as stalled [BAD7]. */
function peerOf(ws: WSContext<WebSocket>, wantsConfirm: boolean, maxBuffered: number): Peer {
  return {
    id: nextPeerId++,
    wantsConfirm,
    send(frame) {
      const raw = ws.raw;
      if (!raw || raw.readyState !== 1) return;
      if (raw.bufferedAmount > maxBuffered) {
        // A close frame would queue behind the backlog; drop the socket and its memory now.
        raw.terminate();
        return;
      }
      raw.send(frame);
    },
    // ws has no public cork; its socket is a net.Socket whose cork() batches writes.
    cork: () => socketOf(ws)?.cork(),
    uncork: () => socketOf(ws)?.uncork(),
    close(code, reason) {
      if (ws.readyState <= 1) ws.close(code, reason);
    },
  };
}

/** `/sync/:room`: the y-websocket endpoint (PROTOCOL.md); plain HTTP gets 426. */
export function syncRoute(
  relay: Relay,
  upgradeWebSocket: UpgradeWebSocket<WebSocket>,
  maxBuffered: number,
): Hono {
  return new Hono()
    .get(
      '*',
      upgradeWebSocket((c) => {
        const parsed = parseRoomName(roomFromPath(c.req.path));
        const wantsConfirm = c.req.query(CONFIRM_PARAM) === '1';
        let session: Session | null = null;
        return {
          onOpen(_event, ws) {
            // Accept then close, so that browsers can read the code and reason [BAD4].
            if (!parsed.ok)
              return ws.close(
                CloseCode.invalidRoomName,
                closeReason(CloseCode.invalidRoomName, parsed.error),
              );
            session = relay.connect(parsed.room, peerOf(ws, wantsConfirm, maxBuffered));
          },
          onMessage(event, ws) {
            if (typeof event.data === 'string') {
              session?.close();
              session = null;
              return ws.close(
                CloseCode.malformedFrame,
                closeReason(CloseCode.malformedFrame, 'text frame'),
              );
            }
            const data = event.data;
            if (data instanceof ArrayBuffer) session?.receive(new Uint8Array(data));
          },
          onClose() {
            session?.close();
            session = null;
          },
        };
      }),
    )
    .get('*', (c) =>
      c.json(
        {
          code: 'upgrade_required',
          message: 'this is a y-websocket endpoint: connect with WebSocket',
        },
        426,
      ),
    );
}

/** Everything after /sync/, so that "", "a/b" and bad escapes reach validation [BAD4]. */
function roomFromPath(path: string): string {
  const raw = path.replace(/^\/sync\/?/, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a broken %-escape keeps its "%", which no room name may contain
  }
}

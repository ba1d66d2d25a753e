import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { Socket } from 'node:net';
import { Hono } from 'hono';
import type { WebSocket } from 'ws';
import { CloseCode, closeReason } from '../../../shared/protocol/close-codes.js';
import { CONFIRM_PARAM } from '../../../shared/protocol/message-types.js';
import { MUX_VERSION, VERSION_PARAM } from '../../../shared/protocol/mux.js';
import { parseRoomName } from '../../../shared/protocol/room-name.js';
import { roomIdOf } from '../../../shared/protocol/room-id.js';
import type { AccessControl } from '../auth/access-control.js';
import type { Authenticated } from '../auth/accounts.js';
import { ApiFailure } from '../auth/api-failure.js';
import type { Session, Relay } from '../rooms/relay.js';
import { newPeerId, type Peer } from '../rooms/peer.js';
import type { FeedHub } from '../workspace/feed-hub.js';
import { MuxConnection, type MuxSocket } from '../workspace/mux-connection.js';

/** Who is connecting and what they may do, decided before the upgrade [AUTH1]. */
interface Grant {
  userId: string;
  /** Display name, stamped on the connection's awareness states [PRES4]. */
  name: string;
  sessionHash: string | null;
  writable: boolean;
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

function socketOf(ws: WSContext<WebSocket>): Socket | undefined {
  return (ws.raw as unknown as { _socket?: Socket } | undefined)?._socket;
}

/** `maxBuffered`: outgoing bytes a connection may have queued before it counts as stalled [BAD7]. */
function socketOfWs(ws: WSContext<WebSocket>, maxBuffered: number): MuxSocket {
  return {
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

function peerOf(socket: MuxSocket, grant: Grant, wantsConfirm: boolean): Peer {
  return {
    id: newPeerId(),
    wantsConfirm,
    person: { userId: grant.userId, name: grant.name },
    writable: grant.writable,
    send: (frame) => socket.send(frame),
    cork: () => socket.cork(),
    uncork: () => socket.uncork(),
    close: (code, reason) => socket.close(code, reason),
  };
}

export interface SyncRouteOptions {
  /** Outgoing bytes a connection may have queued before it counts as stalled [BAD7]. */
  maxBuffered: number;
  /** Subscriptions one version 2 connection may hold at once [MUX4]. */
  maxSubscriptions: number;
  /** The feed of room heads and directory notices for version 2 connections. */
  hub: FeedHub;
}

/**
 * `/sync/:room`: the y-websocket endpoint (PROTOCOL.md); `/sync` exactly: the
 * version 2 workspace connection [MUX1]; plain HTTP gets 426. The access token
 * (`?token=` or `Authorization: Bearer`) is checked before the upgrade, so a person
 * who may not read the room never gets a byte of it [AUTH1]; version 2 decides
 * access per subscription instead.
 */
export function syncRoute(
  relay: Relay,
  access: AccessControl,
  upgradeWebSocket: UpgradeWebSocket<WebSocket>,
  { maxBuffered, maxSubscriptions, hub }: SyncRouteOptions,
): Hono<{ Variables: { grant: Grant } }> {
  return new Hono<{ Variables: { grant: Grant } }>()
    .get(
      '*',
      async (c, next) => {
        if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return next();
        const token = c.req.query('token') ?? bearer(c.req.header('authorization'));
        if (!token)
          return c.json({ code: 'unauthenticated', message: 'access token required' }, 401);
        let user: Authenticated;
        try {
          user = await access.accounts.tokenUser(token);
        } catch (error) {
          if (error instanceof ApiFailure)
            return c.json({ code: error.code, message: error.message }, error.status);
          // The identity database is closing (shutdown): try again later.
          return c.json({ code: 'unavailable', message: 'relay is shutting down' }, 503);
        }
        const parsed = parseRoomName(roomFromPath(c.req.path));
        let writable = false;
        const holder = { userId: user.user.id, sessionHash: user.sessionHash };
        try {
          if (parsed.ok && !isWorkspacePath(c.req.path)) {
            const verdict = await access.guard.decide({
              ...holder,
              roomId: roomIdOf(parsed.room),
            });
            // Unknown rooms and unreadable rooms look the same.
            if (verdict.kind === 'close')
              return c.json({ code: 'forbidden', message: 'no access to this room' }, 403);
            writable = verdict.writable;
          } else {
            await access.guard.admit(holder);
          }
        } catch {
          return c.json({ code: 'unavailable', message: 'relay is shutting down' }, 503);
        }
        c.set('grant', {
          userId: user.user.id,
          name: user.user.name,
          sessionHash: user.sessionHash,
          writable,
        });
        return next();
      },
      upgradeWebSocket((c) => {
        const grant = c.get('grant') as Grant;
        if (isWorkspacePath(c.req.path)) {
          return workspaceEvents(c.req.query(VERSION_PARAM), maxBuffered, (socket) => {
            const person = { userId: grant.userId, name: grant.name };
            return new MuxConnection(
              socket,
              { ...person, sessionHash: grant.sessionHash },
              { relay, guard: access.guard, hub, maxSubscriptions },
            );
          });
        }
        const parsed = parseRoomName(roomFromPath(c.req.path));
        const wantsConfirm = c.req.query(CONFIRM_PARAM) === '1';
        let session: Session | null = null;
        let unguard: (() => void) | null = null;
        return {
          onOpen(_event, ws) {
            // Accept then close, so that browsers can read the code and reason [BAD4].
            if (!parsed.ok)
              return ws.close(
                CloseCode.invalidRoomName,
                closeReason(CloseCode.invalidRoomName, parsed.error),
              );
            const peer = peerOf(socketOfWs(ws, maxBuffered), grant, wantsConfirm);
            session = relay.connect(parsed.room, peer);
            unguard = access.guard.add({
              userId: grant.userId,
              sessionHash: grant.sessionHash,
              roomId: roomIdOf(parsed.room),
              peer,
              session,
            });
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
            unguard?.();
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

/** Events of a version 2 socket: one MuxConnection, or a close with 4426 for another version. */
function workspaceEvents(
  version: string | undefined,
  maxBuffered: number,
  open: (socket: MuxSocket) => MuxConnection,
) {
  let connection: MuxConnection | null = null;
  return {
    onOpen(_event: Event, ws: WSContext<WebSocket>) {
      // Accepted, then closed, so that the client can read why [MUX1].
      if (version !== String(MUX_VERSION))
        return ws.close(
          CloseCode.unsupportedProtocolVersion,
          closeReason(CloseCode.unsupportedProtocolVersion, `use ${VERSION_PARAM}=${MUX_VERSION}`),
        );
      connection = open(socketOfWs(ws, maxBuffered));
    },
    onMessage(event: MessageEvent) {
      const data: unknown = event.data;
      if (typeof data === 'string') connection?.receive('text');
      else if (data instanceof ArrayBuffer) connection?.receive(new Uint8Array(data));
    },
    onClose() {
      connection?.teardown();
      connection = null;
    },
  };
}

/**
 * `/sync` exactly is the version 2 endpoint [MUX1]; `/sync/` stays a version 1
 * request with an empty room name, closed with 4404 [BAD4].
 */
function isWorkspacePath(path: string): boolean {
  return path === '/sync';
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

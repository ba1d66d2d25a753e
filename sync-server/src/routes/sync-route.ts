import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { Socket } from 'node:net';
import { Hono } from 'hono';
import type { WebSocket } from 'ws';
import { CloseCode, closeReason } from '../../../shared/protocol/close-codes.js';
import { CONFIRM_PARAM } from '../../../shared/protocol/message-types.js';
import { MUX_VERSION, MuxKind, parseMux, VERSION_PARAM } from '../../../shared/protocol/mux.js';
import { parseRoomName } from '../../../shared/protocol/room-name.js';
import { roomIdOf } from '../../../shared/protocol/room-id.js';
import type { AccessControl } from '../auth/access-control.js';
import type { Authenticated } from '../auth/accounts.js';
import { ApiFailure } from '../auth/api-failure.js';
import type { Logger } from '../logger.js';
import type { Metrics, Protocol } from '../metrics/metrics.js';
import { requestIdOf } from '../middleware/request-log.js';
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

interface SocketOptions {
  /** Outgoing bytes a connection may have queued before it counts as stalled [BAD7]. */
  maxBuffered: number;
  protocol: Protocol;
  metrics: Metrics;
}

/**
 * The one place every frame and close of a socket passes, so it is where they are
 * counted [METRIC2]: a version 2 subscription's end travels as a `closed` frame on
 * the shared socket and is counted as a close of its code [METRIC4].
 */
function socketOfWs(
  ws: WSContext<WebSocket>,
  { maxBuffered, protocol, metrics }: SocketOptions,
): MuxSocket {
  return {
    send(frame) {
      const raw = ws.raw;
      if (!raw || raw.readyState !== 1) return;
      if (raw.bufferedAmount > maxBuffered) {
        // A close frame would queue behind the backlog; drop the socket and its memory now.
        metrics.refused('stalled');
        raw.terminate();
        return;
      }
      metrics.frame('out', protocol, frame);
      if (protocol === 'v2' && frame[0] === MuxKind.closed) {
        const closed = parseMux(frame);
        if (closed.kind === 'closed') metrics.closed(closed.code, 'v2');
      }
      raw.send(frame);
    },
    // ws has no public cork; its socket is a net.Socket whose cork() batches writes.
    cork: () => socketOf(ws)?.cork(),
    uncork: () => socketOf(ws)?.uncork(),
    close(code, reason) {
      if (ws.readyState > 1) return;
      metrics.closed(code, protocol);
      ws.close(code, reason);
    },
  };
}

function peerOf(socket: MuxSocket, grant: Grant, wantsConfirm: boolean, id: number): Peer {
  return {
    id,
    connection: id,
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
  metrics: Metrics;
  log: Logger;
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
  { maxBuffered, maxSubscriptions, hub, metrics, log }: SyncRouteOptions,
): Hono<{ Variables: { grant: Grant } }> {
  return new Hono<{ Variables: { grant: Grant } }>()
    .get(
      '*',
      async (c, next) => {
        if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return next();
        const token = c.req.query('token') ?? bearer(c.req.header('authorization'));
        if (!token) {
          metrics.refused('unauthenticated');
          return c.json({ code: 'unauthenticated', message: 'access token required' }, 401);
        }
        let user: Authenticated;
        try {
          user = await access.accounts.tokenUser(token);
        } catch (error) {
          if (error instanceof ApiFailure) {
            metrics.refused(error.status === 401 ? 'unauthenticated' : 'access');
            return c.json({ code: error.code, message: error.message }, error.status);
          }
          // The identity database is closing (shutdown): try again later.
          metrics.refused('unavailable');
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
            if (verdict.kind === 'close') {
              metrics.refused('access');
              return c.json({ code: 'forbidden', message: 'no access to this room' }, 403);
            }
            writable = verdict.writable;
          } else {
            await access.guard.admit(holder);
          }
        } catch {
          metrics.refused('unavailable');
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
        // Hono builds the events before it checks for an upgrade: a plain HTTP request
        // passed the guard above without a grant and goes on to the 426 below.
        const grant = c.get('grant') as Grant | undefined;
        if (!grant) return {};
        const connection = newPeerId();
        const protocol: Protocol = isWorkspacePath(c.req.path) ? 'v2' : 'v1';
        const lifecycle = socketLifecycle(log, metrics, {
          connection,
          protocol,
          requestId: requestIdOf(c),
          userId: grant.userId,
        });
        const options = { maxBuffered, protocol, metrics };
        if (protocol === 'v2') {
          return workspaceEvents(c.req.query(VERSION_PARAM), options, lifecycle, (socket) => {
            const person = { userId: grant.userId, name: grant.name };
            return new MuxConnection(
              socket,
              { ...person, sessionHash: grant.sessionHash, connection },
              { relay, guard: access.guard, hub, maxSubscriptions },
            );
          });
        }
        const parsed = parseRoomName(roomFromPath(c.req.path));
        const wantsConfirm = c.req.query(CONFIRM_PARAM) === '1';
        let session: Session | null = null;
        let unguard: (() => void) | null = null;
        let socket: MuxSocket | null = null;
        return {
          onOpen(_event, ws) {
            lifecycle.opened();
            socket = socketOfWs(ws, options);
            // Accept then close, so that browsers can read the code and reason [BAD4].
            if (!parsed.ok)
              return socket.close(
                CloseCode.invalidRoomName,
                closeReason(CloseCode.invalidRoomName, parsed.error),
              );
            const peer = peerOf(socket, grant, wantsConfirm, connection);
            session = relay.connect(parsed.room, peer);
            unguard = access.guard.add({
              userId: grant.userId,
              sessionHash: grant.sessionHash,
              roomId: roomIdOf(parsed.room),
              peer,
              session,
            });
          },
          onMessage(event) {
            if (typeof event.data === 'string') {
              session?.close();
              session = null;
              return socket?.close(
                CloseCode.malformedFrame,
                closeReason(CloseCode.malformedFrame, 'text frame'),
              );
            }
            const data = event.data;
            if (!(data instanceof ArrayBuffer)) return;
            const frame = new Uint8Array(data);
            metrics.frame('in', 'v1', frame);
            session?.receive(frame);
          },
          onClose(event) {
            lifecycle.closed(event);
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

/** What is logged and counted when a socket opens and closes [METRIC2][METRIC7]. */
function socketLifecycle(
  log: Logger,
  metrics: Metrics,
  about: { connection: number; protocol: Protocol; requestId: string | undefined; userId: string },
) {
  return {
    opened() {
      metrics.socketOpened(about.protocol);
      log.debug('socket opened', about);
    },
    closed(event: CloseEvent) {
      metrics.socketClosed(about.protocol);
      log.debug('socket closed', { connection: about.connection, code: event.code });
    },
  };
}

/** Events of a version 2 socket: one MuxConnection, or a close with 4426 for another version. */
function workspaceEvents(
  version: string | undefined,
  options: SocketOptions,
  lifecycle: ReturnType<typeof socketLifecycle>,
  open: (socket: MuxSocket) => MuxConnection,
) {
  let connection: MuxConnection | null = null;
  return {
    onOpen(_event: Event, ws: WSContext<WebSocket>) {
      lifecycle.opened();
      const socket = socketOfWs(ws, options);
      // Accepted, then closed, so that the client can read why [MUX1].
      if (version !== String(MUX_VERSION))
        return socket.close(
          CloseCode.unsupportedProtocolVersion,
          closeReason(CloseCode.unsupportedProtocolVersion, `use ${VERSION_PARAM}=${MUX_VERSION}`),
        );
      connection = open(socket);
    },
    onMessage(event: MessageEvent) {
      const data: unknown = event.data;
      if (typeof data === 'string') return connection?.receive('text');
      if (!(data instanceof ArrayBuffer)) return;
      const frame = new Uint8Array(data);
      options.metrics.frame('in', 'v2', frame);
      connection?.receive(frame);
    },
    onClose(event: CloseEvent) {
      lifecycle.closed(event);
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

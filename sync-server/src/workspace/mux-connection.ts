import { CloseCode, closeReason } from '../../../shared/protocol/close-codes.js';
import {
  CLIENT_KINDS,
  encodeMux,
  parseMux,
  roomFrame,
  type MuxFrame,
} from '../../../shared/protocol/mux.js';
import { roomIdOf } from '../../../shared/protocol/room-id.js';
import { parseRoomName } from '../../../shared/protocol/room-name.js';
import type { ConnectionGuard } from '../auth/connection-guard.js';
import { newPeerId, type Peer } from '../rooms/peer.js';
import type { Relay, Session } from '../rooms/relay.js';
import type { FeedClient, FeedHub } from './feed-hub.js';

/** The shared WebSocket, as the mux sees it (a thin wrapper over ws, see sync-route.ts). */
export interface MuxSocket {
  send(bytes: Uint8Array): void;
  cork(): void;
  uncork(): void;
  close(code: number, reason: string): void;
}

export interface MuxDeps {
  relay: Relay;
  guard: ConnectionGuard;
  hub: FeedHub;
  /** At most this many subscriptions at once [MUX4]. */
  maxSubscriptions: number;
}

interface Subscription {
  peer: Peer;
  session: Session;
  unguard: () => void;
}

/**
 * Frames a client may send for a part whose refusal is being looked at again
 * (a handful: sync step 1, perhaps step 2 and a few updates); past this the
 * subscription is refused with 4429 and the client sends them again on resubscribe.
 */
const PENDING_FRAMES_LIMIT = 256;

/** Codes that end the person's whole connection, not one room [MUX4]. */
const SOCKET_WIDE: ReadonlySet<number> = new Set([
  CloseCode.goingAway,
  CloseCode.accountDeactivated,
  CloseCode.sessionEnded,
]);

/**
 * One version 2 WebSocket (PROTOCOL.md, "Workspace connection"). Each subscription
 * is a virtual peer handed to the relay core exactly like a version 1 connection,
 * and registered with the connection guard like one, so every per-room rule applies
 * unchanged [MUX3]: its frames travel as `room(part, frame)` on the shared socket,
 * and where version 1 would close the socket it sends `closed(part, code, reason)`
 * and ends only that subscription. Backpressure [BAD7] and corking act on the
 * shared socket (net.Socket counts nested corks).
 */
export class MuxConnection implements FeedClient {
  private readonly subscriptions = new Map<string, Subscription>();
  /** Parts whose refusal waits on a fresh look at the access epoch, with their early frames. */
  private readonly pending = new Map<string, Uint8Array[]>();
  private ended = false;
  private readonly unregister: () => void;

  constructor(
    private readonly socket: MuxSocket,
    readonly person: {
      userId: string;
      name: string;
      sessionHash: string | null;
      /** The socket's connection id, shared by its subscriptions' peers [METRIC7]. */
      connection: number;
    },
    private readonly deps: MuxDeps,
  ) {
    this.unregister = deps.hub.add(this);
  }

  get userId(): string {
    return this.person.userId;
  }

  get sessionHash(): string | null {
    return this.person.sessionHash;
  }

  send(frame: MuxFrame): void {
    if (!this.ended) this.socket.send(encodeMux(frame));
  }

  sendBytes(bytes: Uint8Array): void {
    if (!this.ended) this.socket.send(bytes);
  }

  closeSocket(code: number, reason: string): void {
    if (this.ended) return;
    this.socket.close(code, reason);
    this.teardown();
  }

  /** One frame from the client; a text frame is `text`. */
  receive(data: Uint8Array | 'text'): void {
    if (this.ended) return;
    if (data === 'text')
      return this.closeSocket(
        CloseCode.malformedFrame,
        closeReason(CloseCode.malformedFrame, 'text frame'),
      );
    const frame = parseMux(data);
    if (frame.kind === 'malformed')
      return this.closeSocket(
        CloseCode.malformedFrame,
        closeReason(CloseCode.malformedFrame, frame.detail),
      );
    if (frame.kind === 'unknown' || !CLIENT_KINDS.has(frame.kind)) {
      const kind = frame.kind === 'unknown' ? frame.muxKind : frame.kind;
      return this.closeSocket(
        CloseCode.unknownMessageType,
        closeReason(CloseCode.unknownMessageType, `mux kind ${kind}`),
      );
    }
    switch (frame.kind) {
      case 'hello':
        return void this.deps.hub.safely('hello', () => this.deps.hub.hello(this, frame));
      case 'heads':
        return void this.deps.hub.safely('heads', () => this.deps.hub.heads(this, frame.roomIds));
      case 'subscribe':
        return this.subscribe(frame.room);
      case 'unsubscribe':
        this.pending.delete(frame.room);
        this.end(frame.room);
        return;
      case 'room': {
        const early = this.pending.get(frame.room);
        if (early) {
          early.push(frame.frame);
          if (early.length > PENDING_FRAMES_LIMIT) {
            this.pending.delete(frame.room);
            this.refuse(frame.room, CloseCode.rateLimited, 'too much sent before the subscription');
          }
          return;
        }
        // Raced an unsubscribe or a close: the client still holds these changes [MUX2].
        return this.subscriptions.get(frame.room)?.session.receive(frame.frame);
      }
    }
  }

  /** The WebSocket closed, from either side. */
  teardown(): void {
    if (this.ended) return;
    this.ended = true;
    this.pending.clear();
    this.unregister();
    for (const part of [...this.subscriptions.keys()]) this.end(part);
  }

  private subscribe(part: string): void {
    if (this.subscriptions.has(part) || this.pending.has(part)) return;
    const parsed = parseRoomName(part);
    if (!parsed.ok) return this.refuse(part, CloseCode.invalidRoomName, parsed.error);
    if (this.subscriptions.size >= this.deps.maxSubscriptions)
      return this.refuse(part, CloseCode.rateLimited, 'too many subscriptions');
    const who = {
      userId: this.person.userId,
      sessionHash: this.person.sessionHash,
      roomId: roomIdOf(part),
    };
    if (this.deps.guard.verdict(who).kind === 'keep') return this.start(part, who, []);
    // The guard decides from its snapshot of the rules, which may be a moment old: a
    // room just made through another relay, or by the command line, is not in it
    // until the access epoch is looked at. A refusal tells the client to delete its
    // copy (4403), so it is only sent after a fresh look; the part's frames wait.
    this.pending.set(part, []);
    void this.deps.guard
      .sync()
      .catch(() => {}) // the store is unreachable: decide on the snapshot we have
      .then(() => {
        const early = this.pending.get(part);
        if (!early || this.ended) return; // unsubscribed or closed meanwhile
        this.pending.delete(part);
        this.start(part, who, early);
      });
  }

  /** Subscribes `part` if the guard lets `who` read it now, then hands it `early` frames. */
  private start(
    part: string,
    who: { userId: string; sessionHash: string | null; roomId: string },
    early: readonly Uint8Array[],
  ): void {
    const verdict = this.deps.guard.verdict(who);
    if (verdict.kind === 'close') {
      if (SOCKET_WIDE.has(verdict.code))
        return this.closeSocket(verdict.code, closeReason(verdict.code));
      return this.refuse(part, verdict.code);
    }
    const peer = this.peer(part, verdict.writable);
    const subscription: Subscription = {
      peer,
      session: { receive() {}, close() {} },
      unguard() {},
    };
    this.subscriptions.set(part, subscription);
    subscription.session = this.deps.relay.connect(part, peer);
    if (this.subscriptions.get(part) !== subscription) return; // closed while connecting
    subscription.unguard = this.deps.guard.add({ ...who, peer, session: subscription.session });
    for (const frame of early) subscription.session.receive(frame);
  }

  private refuse(part: string, code: CloseCode, detail?: string): void {
    this.send({ kind: 'closed', room: part, code, reason: closeReason(code, detail) });
  }

  /** Ends a subscription; `peer` only ends it if it is still that one. */
  private end(part: string, peer?: Peer): boolean {
    const subscription = this.subscriptions.get(part);
    if (!subscription || (peer && subscription.peer !== peer)) return false;
    this.subscriptions.delete(part);
    subscription.unguard();
    subscription.session.close();
    return true;
  }

  private peer(part: string, writable: boolean): Peer {
    const peer: Peer = {
      id: newPeerId(),
      connection: this.person.connection,
      wantsConfirm: true,
      person: { userId: this.person.userId, name: this.person.name },
      writable,
      send: (frame) => {
        if (this.subscriptions.get(part)?.peer === peer) this.socket.send(roomFrame(part, frame));
      },
      cork: () => this.socket.cork(),
      uncork: () => this.socket.uncork(),
      close: (code, reason) => {
        if (SOCKET_WIDE.has(code)) return this.closeSocket(code, reason);
        if (this.end(part, peer)) this.send({ kind: 'closed', room: part, code, reason });
      },
    };
    return peer;
  }
}

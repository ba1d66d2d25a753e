import { CloseCode, closeReason } from '../../../shared/protocol/close-codes.js';
import {
  encodeMux,
  MAX_LIST,
  type Feed,
  type Head,
  type MuxFrame,
} from '../../../shared/protocol/mux.js';
import { roomIdOf } from '../../../shared/protocol/room-id.js';
import type { AccessControl, DirectoryChange } from '../auth/access-control.js';
import type { Bus } from '../bus/bus.js';
import type { Logger } from '../logger.js';
import type { Persistence } from '../persistence/persistence.js';
import type { Committed, Relay } from '../rooms/relay.js';
import { DirectoryNotices } from './directory-notices.js';
import { ReadAccess } from './read-access.js';

/** One version 2 connection, as the feed sees it. */
export interface FeedClient {
  readonly userId: string;
  readonly sessionHash: string | null;
  send(frame: MuxFrame): void;
  /** Sends a frame already encoded (one encoding shared by many connections). */
  sendBytes(bytes: Uint8Array): void;
  /** Ends the whole WebSocket (deactivation, ended session). */
  closeSocket(code: CloseCode, reason: string): void;
}

interface ClientState {
  /** Feed notices that arrived while the hello answer was being read; null once it is sent. */
  held: Feed[] | null;
}

/**
 * The feed of room heads and the directory notices (PROTOCOL.md [FEED1]-[FEED4]).
 * After each group commit it tells every connection that sent hello which of the
 * stored parts its person may read, one frame per connection; readers are decided
 * per changed room id and connected person (ReadAccess), never kept per connection.
 * Directory notices are decided by DirectoryNotices.
 */
export class FeedHub {
  private readonly clients = new Map<FeedClient, ClientState>();
  /** Connections that sent hello, by person. */
  private readonly people = new Map<string, Set<FeedClient>>();
  private readonly directory: DirectoryNotices;
  private readonly access: ReadAccess;
  private readonly ready: Promise<string>;
  private feedId = '';
  /** Position of the last commit whose notices were sent. */
  private notified = 0;
  /** Commits past a position not yet heard of, held so that notices go in feed order [SCALE4]. */
  private readonly waiting = new Map<number, Committed>();
  private gapTimer: NodeJS.Timeout | null = null;
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly deps: {
      relay: Relay;
      persistence: Persistence;
      control: AccessControl;
      log: Logger;
      /** Runs work after the current I/O callbacks (default setImmediate). */
      defer?: (fn: () => void) => void;
      /** Commits of other relays and the bus's health; omit for one relay. */
      bus?: Bus;
      /** A gap in feed positions this old is filled from the store [SCALE4]. */
      gapGraceMs?: number;
      /** How often to compare the store's feed position with the notices sent; 0: never. */
      pollMs?: number;
    },
  ) {
    this.access = new ReadAccess(() => deps.control.guard.snapshot);
    this.directory = new DirectoryNotices({
      control: deps.control,
      log: deps.log,
      defer: deps.defer ?? setImmediate,
      notify: (userId) => {
        // A connection still waiting for its hello answer compares digests there.
        for (const client of this.people.get(userId) ?? [])
          if (!this.clients.get(client)?.held) client.send({ kind: 'directory' });
      },
    });
    this.ready = deps.persistence.feed().then((feed) => {
      this.notified = feed.position;
      this.feedId = feed.feedId;
      return feed.feedId;
    });
    this.stops.push(
      deps.relay.onCommit(
        (committed) => void this.safely('feed notice', () => this.receive(committed)),
      ),
      deps.control.onDirectoryChange((change) => this.changed(change)),
    );
    if (deps.bus) {
      this.stops.push(
        deps.bus.subscribe((event) => {
          if (event.kind === 'commit') void this.safely('feed notice', () => this.receive(event));
          // Fail closed [SCALE5]: version 2 sockets close whole, like version 1 ones.
          if (event.kind === 'health' && !event.up) this.closeAll(CloseCode.storageFailed);
        }),
      );
    }
    if (deps.pollMs) {
      const poll = setInterval(() => void this.safely('feed poll', () => this.poll()), deps.pollMs);
      poll.unref();
      this.stops.push(() => clearInterval(poll));
    }
  }

  /** Tracks a connection for deactivation checks; feed and directory start with its hello. */
  add(client: FeedClient): () => void {
    this.clients.set(client, { held: null });
    const release = this.deps.control.guard.hold(client);
    return () => {
      release();
      this.clients.delete(client);
      const clients = this.people.get(client.userId);
      clients?.delete(client);
      if (clients?.size === 0) {
        this.people.delete(client.userId);
        this.directory.leave(client.userId);
      }
    };
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    if (this.gapTimer) clearTimeout(this.gapTimer);
  }

  /** Runs async work whose failure (storage gone at shutdown) is logged, never thrown. */
  safely(what: string, work: () => Promise<void>): Promise<void> {
    return work().catch((error: unknown) => this.deps.log.error(`${what} failed`, { error }));
  }

  /**
   * [FEED1] Answers one complete feed frame: every readable part past `cursor` (all
   * of them for another feed id), then `directory` if the device's digest is stale.
   * Notices of commits that land meanwhile are held and sent after the answer.
   */
  async hello(client: FeedClient, hello: { feedId: string; cursor: number; directory: string }) {
    const state = this.clients.get(client);
    if (!state) return;
    state.held ??= [];
    const clients = this.people.get(client.userId) ?? new Set<FeedClient>();
    this.people.set(client.userId, clients);
    clients.add(client);
    const feedId = await this.ready;
    const { position } = await this.deps.persistence.feed();
    const since = hello.feedId === feedId ? hello.cursor : 0;
    const heads = await this.deps.persistence.headsSince(since);
    await this.deps.control.guard.sync();
    const directory = await this.directory.current(client.userId);
    if (this.clients.get(client) !== state) return;
    // From here on synchronous, so no notice or directory change slips in between.
    const readable = this.readable(client.userId, heads);
    // A frame holds at most MAX_LIST heads; the parts before the last move no cursor.
    for (let at = 0; at + MAX_LIST < readable.length; at += MAX_LIST) {
      const part = readable.slice(at, at + MAX_LIST);
      client.send({ kind: 'feed', feedId, cursor: since, complete: false, heads: part });
    }
    const last = readable.slice(Math.floor(Math.max(0, readable.length - 1) / MAX_LIST) * MAX_LIST);
    client.send({ kind: 'feed', feedId, cursor: position, complete: true, heads: last });
    for (const feed of state.held ?? []) client.send({ kind: 'feed', ...feed });
    state.held = null;
    if (hello.directory !== this.directory.join(client.userId, directory))
      client.send({ kind: 'directory' });
  }

  /** [FEED3] Every stored part and head of those of `roomIds` the person may read. */
  async heads(client: FeedClient, roomIds: readonly string[]): Promise<void> {
    const feedId = await this.ready;
    await this.deps.control.guard.sync();
    const ids = [...new Set(roomIds)].filter((id) => this.access.canRead(client.userId, id));
    const heads = ids.length > 0 ? await this.deps.persistence.headsOf(ids) : [];
    if (!this.clients.has(client)) return;
    // Access may have changed while storage was read.
    const readable = this.readable(client.userId, heads);
    for (let at = 0; at === 0 || at < readable.length; at += MAX_LIST) {
      const part = readable.slice(at, at + MAX_LIST);
      client.send({ kind: 'feed', feedId, cursor: this.notified, complete: false, heads: part });
    }
  }

  /**
   * [SCALE4] A commit of this relay or another. Notices go out in feed order, so that
   * a device keeping the highest cursor never skips a commit: one past a position
   * not heard of yet waits; a gap still open after the grace period (its relay died
   * before publishing, or the bus lost it) is filled by reading the store's heads.
   */
  private async receive(committed: Committed): Promise<void> {
    await this.ready;
    if (committed.position <= this.notified) return;
    this.waiting.set(committed.position, committed);
    this.flush();
  }

  private flush(): void {
    for (;;) {
      const next = [...this.waiting.values()]
        .filter((c) => this.follows(c))
        .sort((a, b) => a.position - b.position)[0];
      if (!next) break;
      this.waiting.delete(next.position);
      this.notify(next);
    }
    for (const position of this.waiting.keys())
      if (position <= this.notified) this.waiting.delete(position);
    if (this.waiting.size === 0) {
      if (this.gapTimer) clearTimeout(this.gapTimer);
      this.gapTimer = null;
    } else this.watchGap();
  }

  private watchGap(): void {
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      void this.safely('feed gap repair', () => this.fillGap());
    }, this.deps.gapGraceMs ?? 1_000);
    this.gapTimer.unref();
  }

  /** True when every position before the commit's own was notified. */
  private follows(committed: Committed): boolean {
    // A commit that fell back to one append per room covers several positions.
    const first = Math.min(committed.position, ...committed.heads.map((h) => h.head));
    return first <= this.notified + 1;
  }

  /** Notices every part whose head moved past the last notice, read from the store. */
  private async fillGap(): Promise<void> {
    const since = this.notified;
    const heads = await this.deps.persistence.headsSince(since);
    if (this.notified !== since || heads.length === 0) return this.flush();
    const position = Math.max(...heads.map((h) => h.head));
    // The rooms of commits this relay never heard of may be loaded here: repair them.
    this.deps.relay.repairRooms(heads.map((h) => h.room));
    this.notify({ position, heads });
    this.flush();
  }

  /** A relay that died between its commit and its publication leaves a gap nobody follows. */
  private async poll(): Promise<void> {
    await this.ready;
    const { position } = await this.deps.persistence.feed();
    if (position > this.notified) this.watchGap();
  }

  /** [FEED2] One feed frame per connection whose person may read some of the parts. */
  private notify(committed: Committed): void {
    const feedId = this.feedId;
    this.notified = Math.max(this.notified, committed.position);
    // Decided on the guard's snapshot, never waiting for the store: a change made
    // through this relay is in it before the change is answered; one made by the
    // command line within EPOCH_POLL_MS.
    if (this.people.size === 0) return;
    const byRoom = new Map<string, Head[]>();
    for (const head of committed.heads) {
      const id = roomIdOf(head.room);
      const parts = byRoom.get(id);
      if (parts) parts.push(head);
      else byRoom.set(id, [head]);
    }
    const rooms = [...byRoom];
    // People who may read the same rooms of this commit get the same bytes, encoded once.
    const encoded = new Map<string, { feed: Feed; bytes: Uint8Array }>();
    for (const [userId, clients] of this.people) {
      let key = '';
      for (const [roomId] of rooms) key += this.access.canRead(userId, roomId) ? '1' : '0';
      if (!key.includes('1')) continue;
      let frame = encoded.get(key);
      if (!frame) {
        const heads = rooms.flatMap(([, parts], i) => (key[i] === '1' ? parts : []));
        const feed: Feed = { feedId, cursor: committed.position, complete: false, heads };
        frame = { feed, bytes: encodeMux({ kind: 'feed', ...feed }) };
        encoded.set(key, frame);
      }
      for (const client of clients) {
        const held = this.clients.get(client)?.held;
        if (held) held.push(frame.feed);
        else client.sendBytes(frame.bytes);
      }
    }
  }

  private readable(userId: string, heads: readonly Head[]): Head[] {
    return heads.filter((head) => this.access.canRead(userId, roomIdOf(head.room)));
  }

  private changed(change: DirectoryChange): void {
    try {
      if (change.kind === 'access') this.closeEnded();
      this.directory.changed(change);
    } catch (error) {
      this.deps.log.error('directory change not handled', { error });
    }
  }

  private closeAll(code: CloseCode): void {
    for (const client of [...this.clients.keys()]) client.closeSocket(code, closeReason(code));
  }

  /** Sockets of deactivated people and ended sessions close even with no subscription. */
  private closeEnded(): void {
    for (const client of [...this.clients.keys()]) {
      const verdict = this.deps.control.guard.personVerdict(client);
      if (verdict.kind === 'close') client.closeSocket(verdict.code, closeReason(verdict.code));
    }
  }
}

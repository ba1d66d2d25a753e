import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { Bus, BusEvent, BusUpdate, Lease, Publication } from './bus.js';

export interface RedisBusOptions {
  /** redis://host:port/db */
  url: string;
  log: Logger;
  /** Prefix of every key and channel, so that several workspaces may share a Redis. */
  prefix?: string;
  /** Number of update streams; every relay of a workspace must use the same. */
  partitions?: number;
  /** Entries one stream keeps (approximately) for readers that lag. */
  maxLen?: number;
  /** A relay that has not heard the bus this long fails closed [SCALE5]. */
  failAfterMs?: number;
  /** How long one XREAD waits for entries; also how often the reader proves Redis alive. */
  blockMs?: number;
  relayId?: string;
}

/** Entries one XREAD returns at most; a full batch means the reader may be far behind. */
const BATCH = 1000;
const RETRY_MS = 100;
const RELEASE_SCRIPT =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

type Entry = [id: Buffer, fields: Buffer[]];
type XreadReply = [key: Buffer, entries: Entry[]][] | null;

/**
 * The scaled-out bus over Redis, on three connections: commands (XADD, PUBLISH, the
 * leases), a pub/sub subscriber for events, and the update reader, which blocks in
 * XREAD and so must have a connection of its own.
 *
 * Stored updates go through streams, so that they keep their order per room and a
 * reader that blinked can continue where it was. They are partitioned over a fixed
 * number of streams by a hash of the room name: a room always lands in the same
 * stream (its order holds), one XREAD covers all streams, and the count of keys does
 * not grow with the rooms. The limits: every relay reads every room's updates, loaded
 * or not (fine while the total write rate fits one connection, which a team workspace
 * does by far), and changing the count needs every relay restarted together. A
 * reader that falls behind the MAXLEN trim, or reconnects, cannot know what it
 * missed: it emits `resync`, and the relay repairs its loaded rooms from the store
 * [SCALE3]. Events (commits, awareness, access) are plain pub/sub: losing one is
 * covered by the feed's gap check, the 30 s awareness timeout and the epoch poll.
 *
 * Health [SCALE5]: the reader's XREAD returns at least every `blockMs`; when nothing
 * was heard for `failAfterMs`, `health {up: false}` is emitted, and `health {up:
 * true}` plus `resync` when the reader is back.
 */
export class RedisBus implements Bus {
  readonly relayId: string;
  private readonly prefix: string;
  private readonly keys: string[];
  private readonly maxLen: number;
  private readonly failAfterMs: number;
  private readonly blockMs: number;
  private readonly cmd: Redis;
  private readonly sub: Redis;
  private readonly reader: Redis;
  private readonly listeners = new Set<(event: BusEvent) => void>();
  private ids: string[] | null = null;
  private up = false;
  private lastHeard = Date.now();
  private closed = false;
  private readonly watchdog: NodeJS.Timeout;
  private reading: Promise<void> = Promise.resolve();
  private lastError = 0;

  private constructor(private readonly options: RedisBusOptions) {
    this.relayId = options.relayId ?? randomBytes(6).toString('base64url');
    this.prefix = options.prefix ?? 'relay';
    const partitions = options.partitions ?? 16;
    this.keys = Array.from({ length: partitions }, (_, i) => `${this.prefix}:updates:${i}`);
    this.maxLen = options.maxLen ?? 10_000;
    this.failAfterMs = options.failAfterMs ?? 3_000;
    this.blockMs = options.blockMs ?? 500;
    // Commands fail at once while Redis is away, instead of queueing stale work.
    // RESP2: ioredis 6 speaks RESP3 by default, where XREAD answers a map that it
    // flattens to [key, entries, key, entries]; read() expects RESP2's [[key, entries]]
    // (with RESP3 every XREAD that returned entries threw, and the relays got remote
    // updates only through the repair that followed the reader's reconnect).
    const failFast = (commandTimeout: number) =>
      new Redis(options.url, {
        protocol: 2,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        retryStrategy: () => 200,
        lazyConnect: true,
        commandTimeout,
      });
    this.cmd = failFast(2_000);
    this.reader = failFast(this.blockMs + 2_000);
    // The subscriber re-subscribes by itself after a reconnect.
    this.sub = new Redis(options.url, { lazyConnect: true, retryStrategy: () => 200 });
    for (const connection of [this.cmd, this.reader, this.sub])
      connection.on('error', (error: unknown) => this.logError('redis connection error', error));
    this.sub.on('messageBuffer', (_channel: Buffer, message: Buffer) => this.onMessage(message));
    this.watchdog = setInterval(() => this.checkHealth(), 100);
    this.watchdog.unref();
  }

  /** Connects and starts reading; resolves once the bus is heard (rejects if Redis is unreachable). */
  static async connect(options: RedisBusOptions): Promise<RedisBus> {
    const bus = new RedisBus(options);
    try {
      await Promise.all([bus.cmd.connect(), bus.reader.connect(), bus.sub.connect()]);
      await bus.sub.subscribe(bus.channel);
      bus.ids = await bus.lastIds();
      bus.heard();
    } catch (error) {
      await bus.close();
      throw new Error(`cannot reach Redis at ${options.url}`, { cause: error });
    }
    bus.reading = bus.read();
    return bus;
  }

  private get channel(): string {
    return `${this.prefix}:events`;
  }

  async publishUpdates(updates: readonly BusUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    const pipeline = this.cmd.pipeline();
    for (const { room, seq, update } of updates) {
      pipeline.call(
        'XADD',
        this.keyOf(room),
        'MAXLEN',
        '~',
        this.maxLen,
        '*',
        'r',
        room,
        's',
        seq,
        'o',
        this.relayId,
        'u',
        Buffer.from(update.buffer, update.byteOffset, update.byteLength),
      );
    }
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  publish(publication: Publication): void {
    const message = JSON.stringify({
      ...publication,
      origin: this.relayId,
      ...('update' in publication && {
        update: Buffer.from(publication.update).toString('base64'),
      }),
    });
    this.cmd.publish(this.channel, message).catch((error: unknown) => {
      this.logError('bus publish failed', error);
    });
  }

  subscribe(listener: (event: BusEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  healthy(): boolean {
    return this.up;
  }

  async lease(name: string, ms: number): Promise<Lease | null> {
    const key = `${this.prefix}:lease:${name}`;
    const token = randomBytes(12).toString('base64url');
    try {
      const taken = await this.cmd.call('SET', key, token, 'PX', ms, 'NX');
      if (taken !== 'OK') return null;
    } catch (error) {
      this.logError('lease not taken', error);
      return null;
    }
    return {
      release: async () => {
        try {
          await this.cmd.call('EVAL', RELEASE_SCRIPT, 1, key, token);
        } catch (error) {
          // It expires by itself after `ms`.
          this.logError('lease not released', error);
        }
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    this.reader.disconnect();
    await this.reading;
    this.cmd.disconnect();
    this.sub.disconnect();
  }

  /** FNV-1a of the room name: the same stream for a room on every relay. */
  private keyOf(room: string): string {
    let hash = 0x811c9dc5;
    for (let i = 0; i < room.length; i++) {
      hash ^= room.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    return this.keys[(hash >>> 0) % this.keys.length] as string;
  }

  /** The id of each stream's newest entry: reading starts after what is already there. */
  private async lastIds(): Promise<string[]> {
    const pipeline = this.reader.pipeline();
    for (const key of this.keys) pipeline.call('XREVRANGE', key, '+', '-', 'COUNT', 1);
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, reply]) => {
      if (error) throw error;
      const newest = (reply as [string, string[]][])[0];
      return newest ? newest[0] : '0-0';
    });
  }

  private async read(): Promise<void> {
    let lost = false;
    while (!this.closed) {
      try {
        if (!this.ids) {
          this.ids = await this.lastIds();
          lost = true;
        }
        const ids = this.ids;
        const reply = (await this.reader.callBuffer(
          'XREAD',
          'COUNT',
          BATCH,
          'BLOCK',
          this.blockMs,
          'STREAMS',
          ...this.keys,
          ...ids,
        )) as XreadReply;
        this.heard();
        if (lost) {
          // Whatever was published while the reader was away is read from the store.
          lost = false;
          this.emit({ kind: 'resync' });
        }
        for (const [key, entries] of reply ?? []) {
          const index = this.keys.indexOf(key.toString());
          const before = ids[index] ?? '0-0';
          for (const [id, fields] of entries) {
            ids[index] = id.toString();
            this.deliver(fields);
          }
          if (entries.length === BATCH && (await this.trimmedPast(key.toString(), before)))
            this.emit({ kind: 'resync' });
        }
      } catch (error) {
        if (this.closed) return;
        this.logError('bus reader failed; reconnecting', error);
        this.ids = null;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  /** Whether the stream's trim deleted entries after `id`, which this reader never saw. */
  private async trimmedPast(key: string, id: string): Promise<boolean> {
    const info = (await this.reader.call('XINFO', 'STREAM', key)) as unknown[];
    const at = info.indexOf('max-deleted-entry-id');
    const deleted = at >= 0 ? String(info[at + 1]) : '0-0';
    return compareIds(deleted, id) > 0;
  }

  private deliver(fields: Buffer[]): void {
    const value = (name: string) => {
      for (let i = 0; i + 1 < fields.length; i += 2)
        if (fields[i]?.toString() === name) return fields[i + 1];
      return undefined;
    };
    const origin = value('o')?.toString();
    if (origin === this.relayId) return;
    const room = value('r')?.toString();
    const seq = Number(value('s')?.toString());
    const update = value('u');
    if (!origin || !room || !Number.isSafeInteger(seq) || !update) {
      this.logError('malformed bus entry dropped', null);
      return;
    }
    this.emit({ kind: 'update', origin, room, seq, update: new Uint8Array(update) });
  }

  private onMessage(message: Buffer): void {
    let event: BusEvent;
    try {
      const parsed = JSON.parse(message.toString()) as BusEvent & { update?: string };
      if (parsed.kind === 'awareness') {
        event = { ...parsed, update: new Uint8Array(Buffer.from(String(parsed.update), 'base64')) };
      } else event = parsed;
      if (!('origin' in event) || event.origin === this.relayId) return;
    } catch (error) {
      this.logError('malformed bus event dropped', error);
      return;
    }
    this.emit(event);
  }

  private emit(event: BusEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.options.log.error('bus listener failed', { kind: event.kind, error });
      }
    }
  }

  private heard(): void {
    this.lastHeard = Date.now();
    if (this.up) return;
    this.up = true;
    this.emit({ kind: 'health', up: true });
  }

  private checkHealth(): void {
    if (!this.up || Date.now() - this.lastHeard <= this.failAfterMs) return;
    this.up = false;
    this.options.log.error('bus unreachable; failing closed [SCALE5]', {
      silentMs: Date.now() - this.lastHeard,
    });
    this.emit({ kind: 'health', up: false });
  }

  /** Logs at most one connection error a second: a Redis outage repeats them fast. */
  private logError(message: string, error: unknown): void {
    if (this.closed || Date.now() - this.lastError < 1_000) return;
    this.lastError = Date.now();
    this.options.log.warn(message, { error });
  }
}

function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am !== bm ? am - bm : as - bs;
}

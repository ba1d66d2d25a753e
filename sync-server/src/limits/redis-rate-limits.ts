import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { Bucket, RateLimits, SlidingWindow, Verdict } from './rate-limits.js';

export interface RedisRateLimitsOptions {
  /** redis://host:port/db */
  url: string;
  log: Logger;
  /** Prefix of every key, so that several workspaces may share a Redis (as RedisBus's). */
  prefix?: string;
  /** A command Redis has not answered in this long fails: the caller refuses [LIMIT2]. */
  commandTimeoutMs?: number;
  /** Added to every key's TTL (default TTL_MARGIN_MS); tests lower it to watch keys expire. */
  ttlMarginMs?: number;
}

/**
 * Added to every key's TTL. A key's TTL runs on Redis's clock while the state inside
 * it runs on the relays' clocks (rate-limits.ts): the margin absorbs their skew, so
 * that a key expires only once its state is worth nothing any more.
 */
export const TTL_MARGIN_MS = 60_000;

// Lua numbers reach Redis through tostring, which keeps only 14 digits.
const LUA_HELPERS = `
local function num(x) return string.format('%.17g', x) end
`;

/**
 * KEYS: buckets. ARGV: now, then perMinute and burst of each bucket. Returns 0 when
 * one token was taken from every bucket, else the ms until all hold one again (and
 * takes nothing). A bucket's key lives until it would be full again; an absent key
 * is a full bucket, so expiry loses nothing.
 */
const TAKE = `${LUA_HELPERS}
local now = tonumber(ARGV[1])
local state = {}
local wait = 0
for i, key in ipairs(KEYS) do
  local rate = tonumber(ARGV[2 * i]) / 60000
  local burst = tonumber(ARGV[2 * i + 1])
  local saved = redis.call('HMGET', key, 't', 'u')
  local tokens = tonumber(saved[1]) or burst
  local at = tonumber(saved[2]) or now
  if now > at then
    tokens = math.min(burst, tokens + (now - at) * rate)
    at = now
  end
  state[i] = { tokens, at, rate, burst }
  if tokens < 1 then wait = math.max(wait, math.ceil((1 - tokens) / rate)) end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  local s = state[i]
  local tokens = s[1] - 1
  redis.call('HSET', key, 't', num(tokens), 'u', num(s[2]))
  redis.call('PEXPIRE', key, math.ceil((s[4] - tokens) / s[3]) + tonumber(ARGV[#ARGV]))
end
return 0
`;

/** KEYS and ARGV as TAKE's. Gives one token back to every bucket, never above its burst. */
const GIVE_BACK = `${LUA_HELPERS}
local now = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local rate = tonumber(ARGV[2 * i]) / 60000
  local burst = tonumber(ARGV[2 * i + 1])
  local saved = redis.call('HMGET', key, 't', 'u')
  -- An absent bucket is full: nothing to give back.
  if saved[1] then
    local tokens = tonumber(saved[1])
    local at = tonumber(saved[2]) or now
    if now > at then
      tokens = math.min(burst, tokens + (now - at) * rate)
      at = now
    end
    tokens = math.min(burst, tokens + 1)
    if tokens >= burst then
      redis.call('DEL', key)
    else
      redis.call('HSET', key, 't', num(tokens), 'u', num(at))
      redis.call('PEXPIRE', key, math.ceil((burst - tokens) / rate) + tonumber(ARGV[#ARGV]))
    end
  end
end
return 0
`;

/**
 * KEYS[1]: the window, a sorted set of event times. ARGV: now, windowMs, max, a
 * unique member, the TTL margin. Returns 0 when the event was counted, else the ms
 * until the oldest counted event leaves the window. The key lives as long as its
 * newest event counts.
 */
const ADMIT = `${LUA_HELPERS}
local now = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local max = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', num(now - windowMs))
if redis.call('ZCARD', KEYS[1]) >= max then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, math.ceil(tonumber(oldest[2]) + windowMs - now))
end
redis.call('ZADD', KEYS[1], num(now), ARGV[4])
local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
local ttl = math.max(1, math.ceil(tonumber(newest[2]) + windowMs - now))
redis.call('PEXPIRE', KEYS[1], ttl + tonumber(ARGV[5]))
return 0
`;

/** The scripts, as ioredis custom commands: EVALSHA, with EVAL when Redis lacks the script. */
interface Scripts {
  limitsTake(...args: (string | number)[]): Promise<number>;
  limitsGiveBack(...args: (string | number)[]): Promise<number>;
  limitsAdmit(...args: (string | number)[]): Promise<number>;
}

/**
 * Rate-limit state in Redis, shared by every relay of a workspace [LIMIT1]. Each
 * check-and-charge is one Lua script, which Redis runs atomically, so concurrent
 * attempts through different relays cannot all pass before one is charged. Every
 * key carries a TTL (rate-limits.ts: absent means full, or empty), so Redis holds
 * only budgets in use.
 *
 * Fail closed [LIMIT2]: commands are not queued while Redis is away; they reject at
 * once (or after `commandTimeoutMs`), and the callers refuse sign-ins and DINGs
 * with 503 until Redis answers again. A Redis that restarted empty forgets the
 * budgets, as a relay restart does with MemoryRateLimits.
 *
 * All keys of one script call are in one database; on Redis Cluster they would need
 * one hash slot, which this does not arrange.
 */
export class RedisRateLimits implements RateLimits {
  private readonly prefix: string;
  private readonly ttlMarginMs: number;
  private lastError = 0;

  private constructor(
    private readonly client: Redis,
    private readonly options: RedisRateLimitsOptions,
  ) {
    this.prefix = `${options.prefix ?? 'relay'}:limits`;
    this.ttlMarginMs = options.ttlMarginMs ?? TTL_MARGIN_MS;
    client.defineCommand('limitsTake', { lua: TAKE });
    client.defineCommand('limitsGiveBack', { lua: GIVE_BACK });
    client.defineCommand('limitsAdmit', { lua: ADMIT, numberOfKeys: 1 });
    client.on('error', (error: unknown) => this.logError('rate-limit store unreachable', error));
  }

  /** Connects; rejects when Redis cannot be reached, so a relay does not start without it. */
  static async connect(options: RedisRateLimitsOptions): Promise<RedisRateLimits> {
    const client = new Redis(options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => 200,
      commandTimeout: options.commandTimeoutMs ?? 2_000,
    });
    const limits = new RedisRateLimits(client, options);
    try {
      await client.connect();
      await client.ping();
    } catch (error) {
      client.disconnect();
      throw new Error(`cannot reach Redis at ${options.url}`, { cause: error });
    }
    return limits;
  }

  async take(buckets: readonly Bucket[], now: number): Promise<Verdict> {
    if (buckets.length === 0) return { ok: true };
    const wait = await this.run('take', () =>
      this.scripts.limitsTake(...this.bucketArgs(buckets, now)),
    );
    return wait === 0 ? { ok: true } : { ok: false, retryAfterMs: wait };
  }

  async giveBack(buckets: readonly Bucket[], now: number): Promise<void> {
    if (buckets.length === 0) return;
    await this.run('give back', () =>
      this.scripts.limitsGiveBack(...this.bucketArgs(buckets, now)),
    );
  }

  async admit(key: string, window: SlidingWindow, now: number): Promise<Verdict> {
    if (window.max < 1) return { ok: false, retryAfterMs: window.windowMs };
    const member = `${now}:${randomBytes(6).toString('base64url')}`;
    const wait = await this.run('admit', () =>
      this.scripts.limitsAdmit(
        this.windowKey(key),
        now,
        window.windowMs,
        window.max,
        member,
        this.ttlMarginMs,
      ),
    );
    return wait === 0 ? { ok: true } : { ok: false, retryAfterMs: wait };
  }

  close(): Promise<void> {
    this.client.disconnect();
    return Promise.resolve();
  }

  /** The Redis key of a bucket (for tests that look at TTLs). */
  bucketKey(key: string): string {
    return `${this.prefix}:bucket:${key}`;
  }

  /** The Redis key of a sliding window. */
  windowKey(key: string): string {
    return `${this.prefix}:window:${key}`;
  }

  private get scripts(): Scripts {
    return this.client as unknown as Scripts;
  }

  private bucketArgs(buckets: readonly Bucket[], now: number): (string | number)[] {
    return [
      buckets.length,
      ...buckets.map(({ key }) => this.bucketKey(key)),
      now,
      ...buckets.flatMap(({ shape }) => [shape.perMinute, shape.burst]),
      this.ttlMarginMs,
    ];
  }

  private async run(what: string, call: () => Promise<number>): Promise<number> {
    try {
      return Number(await call());
    } catch (error) {
      this.logError(`rate-limit ${what} failed`, error);
      throw error;
    }
  }

  /** At most one line a second: an outage repeats the same error fast. */
  private logError(message: string, error: unknown): void {
    if (Date.now() - this.lastError < 1_000) return;
    this.lastError = Date.now();
    this.options.log.warn(message, { error });
  }
}

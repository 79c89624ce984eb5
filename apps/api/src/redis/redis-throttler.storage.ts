import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/** INCR the window counter, start its expiry on the first hit, return hits and ms left. */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { hits, redis.call('PTTL', KEYS[1]) }
`;

/** INCRBY ARGV[2] the window counter, start its expiry (ARGV[1] ms) on its first hit. */
const ADD = `
local total = redis.call('INCRBY', KEYS[1], ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { total, ttl }
`;

/**
 * Backoff on one key (e.g. sign-ins on one account). While the wait key lives the attempt is
 * refused and not counted. Otherwise it is counted (the count lives ARGV[1] ms after the last
 * attempt); from the ARGV[2]-th attempt on, the next one must wait ARGV[3] ms, doubling at each
 * further attempt up to ARGV[4] ms. Returns { attempts, ms still to wait (refused), ms armed }.
 */
const BACKOFF = `
local wait = redis.call('PTTL', KEYS[2])
if wait > 0 then return { -1, wait, 0 } end
local attempts = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
local free = tonumber(ARGV[2])
if attempts < free then return { attempts, 0, 0 } end
local delay = math.floor(math.min(tonumber(ARGV[3]) * 2 ^ (attempts - free), tonumber(ARGV[4])))
redis.call('SET', KEYS[2], '1', 'PX', delay)
return { attempts, 0, delay }
`;

export interface BackoffPolicy {
  /** How long the count of attempts lives after the last one. */
  windowMs: number;
  /** Attempts allowed without waiting. */
  freeAttempts: number;
  /** Wait armed by the last free attempt; doubles with each further attempt. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export interface BackoffResult {
  /** False while a wait armed by an earlier attempt runs: this attempt was not counted. */
  allowed: boolean;
  /** Attempts counted so far (0 when refused). */
  attempts: number;
  /** Refused: seconds left to wait. Allowed: seconds the next attempt must wait (0: none). */
  waitSeconds: number;
}

/** Backoff keys one instance remembers while Redis is away; the oldest are dropped beyond. */
export const FALLBACK_MAX_KEYS = 10_000;

export interface WindowCount {
  /** Counted in this window so far, this request included. */
  total: number;
  /** Over the limit: the request is refused. */
  isBlocked: boolean;
  /** Seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

interface FallbackEntry {
  attempts: number;
  lastAt: number;
  waitUntil: number;
}

/**
 * Throttling counters in Redis, so the limit holds across every API instance. If Redis is
 * unreachable, increment() (the per-IP throttler) lets the request through: an outage of Redis
 * must not lock every user out, and the health check already reports it. incrementWithBackoff()
 * (sign-in attempts) instead falls back to counters in this instance's memory, with the same rule:
 * each instance then limits on its own (N instances allow up to N times the attempts), which is
 * far better than no limit. A warning is logged once per outage.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  /** Backoff counters while Redis is away, by key, oldest first (bounded: FALLBACK_MAX_KEYS). */
  private readonly fallback = new Map<string, FallbackEntry>();
  /** Window counters while Redis is away, by key, oldest first (bounded: FALLBACK_MAX_KEYS). */
  private readonly windows = new Map<string, { total: number; endsAt: number }>();
  private redisDown = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const [hits, pttl] = (await this.redis.eval(
        INCREMENT,
        1,
        this.keyOf(throttlerName, key),
        ttl,
      )) as [number, number];
      this.redisUp();
      const seconds = Math.max(Math.ceil(pttl / 1000), 0);
      return {
        totalHits: hits,
        timeToExpire: seconds,
        isBlocked: hits > limit,
        timeToBlockExpire: hits > limit ? seconds : 0,
      };
    } catch (error) {
      this.redisAway(error);
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  /**
   * Adds `amount` (e.g. the cheques of a request) to `key`'s counter for a fixed window of
   * `ttlMs` from its first hit; blocked beyond `limit`. If Redis is away, counts in this
   * instance's memory instead (each instance then limits on its own).
   */
  async add(
    key: string,
    amount: number,
    ttlMs: number,
    limit: number,
    throttlerName: string,
  ): Promise<WindowCount> {
    const counter = this.keyOf(throttlerName, key);
    let total: number;
    let leftMs: number;
    try {
      [total, leftMs] = (await this.redis.eval(ADD, 1, counter, ttlMs, amount)) as [number, number];
      this.redisUp();
    } catch (error) {
      this.redisAway(error);
      const now = this.now();
      const entry = this.windows.get(counter);
      const current =
        entry && entry.endsAt > now
          ? { total: entry.total + amount, endsAt: entry.endsAt }
          : { total: amount, endsAt: now + ttlMs };
      this.windows.delete(counter);
      this.windows.set(counter, current);
      if (this.windows.size > FALLBACK_MAX_KEYS) {
        const stalest = this.windows.keys().next();
        if (!stalest.done) this.windows.delete(stalest.value);
      }
      total = current.total;
      leftMs = current.endsAt - now;
    }
    return {
      total,
      isBlocked: total > limit,
      retryAfterSeconds: Math.max(Math.ceil(leftMs / 1000), 1),
    };
  }

  /**
   * Counts one attempt on `key` with a growing wait between attempts (see BACKOFF); call reset()
   * once an attempt succeeds. If Redis is away, counts in this instance's memory instead.
   */
  async incrementWithBackoff(
    key: string,
    policy: BackoffPolicy,
    throttlerName: string,
  ): Promise<BackoffResult> {
    const counter = this.keyOf(throttlerName, key);
    try {
      const [attempts, waitMs, armedMs] = (await this.redis.eval(
        BACKOFF,
        2,
        counter,
        `${counter}:wait`,
        policy.windowMs,
        policy.freeAttempts,
        policy.firstDelayMs,
        policy.maxDelayMs,
      )) as [number, number, number];
      this.redisUp();
      return backoffResult(attempts, waitMs, armedMs);
    } catch (error) {
      this.redisAway(error);
      return this.backoffInMemory(counter, policy);
    }
  }

  /** Remembers `key` for `ttlMs` (e.g. an address an account signed in from); best effort. */
  async remember(key: string, ttlMs: number, throttlerName: string): Promise<void> {
    try {
      await this.redis.set(this.keyOf(throttlerName, key), '1', 'PX', ttlMs);
    } catch (error) {
      this.redisAway(error);
    }
  }

  /** Whether `key` is remembered; false while Redis is away. */
  async isRemembered(key: string, throttlerName: string): Promise<boolean> {
    try {
      return (await this.redis.exists(this.keyOf(throttlerName, key))) === 1;
    } catch (error) {
      this.redisAway(error);
      return false;
    }
  }

  /** Forgets the attempts and any wait on `key` (after a success). */
  async reset(key: string, throttlerName: string): Promise<void> {
    const counter = this.keyOf(throttlerName, key);
    this.fallback.delete(counter);
    try {
      await this.redis.del(counter, `${counter}:wait`);
    } catch (error) {
      this.redisAway(error);
    }
  }

  /** BACKOFF, in memory: same counting, same growing wait. */
  private backoffInMemory(counter: string, policy: BackoffPolicy): BackoffResult {
    const now = this.now();
    const entry = this.fallback.get(counter);
    if (entry && entry.waitUntil > now) return backoffResult(-1, entry.waitUntil - now, 0);
    const attempts = entry && now - entry.lastAt < policy.windowMs ? entry.attempts + 1 : 1;
    const armedMs =
      attempts < policy.freeAttempts
        ? 0
        : Math.floor(
            Math.min(
              policy.firstDelayMs * 2 ** (attempts - policy.freeAttempts),
              policy.maxDelayMs,
            ),
          );
    // Delete then set: the map stays ordered by last use, so the first key is the stalest.
    this.fallback.delete(counter);
    this.fallback.set(counter, { attempts, lastAt: now, waitUntil: now + armedMs });
    if (this.fallback.size > FALLBACK_MAX_KEYS) {
      const stalest = this.fallback.keys().next();
      if (!stalest.done) this.fallback.delete(stalest.value);
    }
    return backoffResult(attempts, 0, armedMs);
  }

  private redisAway(error: unknown): void {
    if (this.redisDown) return;
    this.redisDown = true;
    this.logger.warn(
      `Redis unavailable (${(error as Error).message}): per-IP throttling is off; sign-in ` +
        `backoff and redemption limits count in this instance's memory until it is back`,
    );
  }

  private redisUp(): void {
    if (!this.redisDown) return;
    this.redisDown = false;
    this.fallback.clear();
    this.windows.clear();
    this.logger.log('Redis is back: throttling counts in Redis again');
  }

  private keyOf(throttlerName: string, key: string): string {
    return `${this.prefix}:throttle:${throttlerName}:${key}`;
  }
}

function backoffResult(attempts: number, waitMs: number, armedMs: number): BackoffResult {
  return attempts < 0
    ? { allowed: false, attempts: 0, waitSeconds: Math.max(Math.ceil(waitMs / 1000), 1) }
    : { allowed: true, attempts, waitSeconds: Math.ceil(armedMs / 1000) };
}

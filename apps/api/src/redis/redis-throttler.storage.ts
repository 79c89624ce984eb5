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
  /** Attempts counted so far (0 when refused or when Redis is away). */
  attempts: number;
  /** Refused: seconds left to wait. Allowed: seconds the next attempt must wait (0: none). */
  waitSeconds: number;
}

/**
 * Throttling counters in Redis, so the limit holds across every API instance. If Redis is
 * unreachable the request is let through (and logged): an outage of Redis must not lock every
 * user out, and the health check already reports it.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
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
      const seconds = Math.max(Math.ceil(pttl / 1000), 0);
      return {
        totalHits: hits,
        timeToExpire: seconds,
        isBlocked: hits > limit,
        timeToBlockExpire: hits > limit ? seconds : 0,
      };
    } catch (error) {
      this.logger.warn(`Throttling skipped, Redis unavailable: ${(error as Error).message}`);
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  /**
   * Counts one attempt on `key` with a growing wait between attempts (see BACKOFF); call reset()
   * once an attempt succeeds. Like increment(), lets the attempt through if Redis is away.
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
      return attempts < 0
        ? { allowed: false, attempts: 0, waitSeconds: Math.max(Math.ceil(waitMs / 1000), 1) }
        : { allowed: true, attempts, waitSeconds: Math.ceil(armedMs / 1000) };
    } catch (error) {
      this.logger.warn(`Throttling skipped, Redis unavailable: ${(error as Error).message}`);
      return { allowed: true, attempts: 0, waitSeconds: 0 };
    }
  }

  /** Forgets the attempts and any wait on `key` (after a success). */
  async reset(key: string, throttlerName: string): Promise<void> {
    const counter = this.keyOf(throttlerName, key);
    try {
      await this.redis.del(counter, `${counter}:wait`);
    } catch (error) {
      this.logger.warn(`Throttling reset skipped, Redis unavailable: ${(error as Error).message}`);
    }
  }

  private keyOf(throttlerName: string, key: string): string {
    return `${this.prefix}:throttle:${throttlerName}:${key}`;
  }
}

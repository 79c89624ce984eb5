import type { Redis } from 'ioredis';
import { FALLBACK_MAX_KEYS, RedisThrottlerStorage } from './redis-throttler.storage.js';

const POLICY = { windowMs: 3600_000, freeAttempts: 3, firstDelayMs: 2000, maxDelayMs: 8000 };

/** A Redis that is down, or back up (every command answers like an empty Redis). */
function fakeRedis(): { redis: Redis; down: boolean } {
  const state = { down: true, redis: undefined as unknown as Redis };
  const answer =
    <T>(value: T) =>
    (): Promise<T> =>
      state.down ? Promise.reject(new Error('connect ECONNREFUSED')) : Promise.resolve(value);
  state.redis = {
    eval: answer([1, 0, 0]),
    del: answer(0),
    set: answer('OK'),
    exists: answer(0),
  } as unknown as Redis;
  return state;
}

/** The storage, on a fake clock, with its warnings collected instead of logged. */
function storageOn(redis: Redis, clock: () => number): RedisThrottlerStorage {
  const storage = new RedisThrottlerStorage(redis, 'test', clock);
  Object.assign(storage, {
    logger: { warn: (message: string) => warnings.push(message), log: () => undefined },
  });
  return storage;
}

let warnings: string[] = [];

describe('RedisThrottlerStorage while Redis is down', () => {
  let now: number;
  const clock = (): number => now;

  beforeEach(() => {
    now = 1_000_000;
    warnings = [];
  });

  it('keeps the sign-in backoff in memory, with the same growing wait', async () => {
    const { redis } = fakeRedis();
    const storage = storageOn(redis, clock);
    const attempt = () => storage.incrementWithBackoff('account', POLICY, 'login');

    expect(await attempt()).toEqual({ allowed: true, attempts: 1, waitSeconds: 0 });
    expect(await attempt()).toEqual({ allowed: true, attempts: 2, waitSeconds: 0 });
    expect(await attempt()).toEqual({ allowed: true, attempts: 3, waitSeconds: 2 });
    expect(await attempt()).toEqual({ allowed: false, attempts: 0, waitSeconds: 2 });
    now += 2000;
    expect(await attempt()).toEqual({ allowed: true, attempts: 4, waitSeconds: 4 });
    now += 4000;
    expect(await attempt()).toEqual({ allowed: true, attempts: 5, waitSeconds: 8 });
    now += 8000;
    expect(await attempt()).toEqual({ allowed: true, attempts: 6, waitSeconds: 8 });

    // Other keys are counted apart; a success forgets the key.
    expect((await storage.incrementWithBackoff('other', POLICY, 'login')).attempts).toBe(1);
    await storage.reset('account', 'login');
    now += 8000;
    expect(await attempt()).toEqual({ allowed: true, attempts: 1, waitSeconds: 0 });

    // One warning for the whole outage, however many calls fail.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Redis unavailable/);
  });

  it('forgets the count after the window, and bounds the keys it remembers', async () => {
    const { redis } = fakeRedis();
    const storage = storageOn(redis, clock);
    for (let i = 0; i < 3; i++) await storage.incrementWithBackoff('account', POLICY, 'login');
    now += POLICY.windowMs + POLICY.maxDelayMs;
    expect((await storage.incrementWithBackoff('account', POLICY, 'login')).attempts).toBe(1);

    for (let i = 0; i < FALLBACK_MAX_KEYS + 10; i++) {
      await storage.incrementWithBackoff(`k${i}`, POLICY, 'login');
    }
    const fallback = (storage as unknown as { fallback: Map<string, unknown> }).fallback;
    expect(fallback.size).toBe(FALLBACK_MAX_KEYS);
    // The stalest keys went first.
    expect((await storage.incrementWithBackoff('k0', POLICY, 'login')).attempts).toBe(1);
    expect(
      (await storage.incrementWithBackoff(`k${FALLBACK_MAX_KEYS}`, POLICY, 'login')).attempts,
    ).toBe(2);
  });

  it('warns again at the next outage, and counts in Redis once it is back', async () => {
    const state = fakeRedis();
    const storage = storageOn(state.redis, clock);
    await storage.incrementWithBackoff('account', POLICY, 'login');
    state.down = false;
    expect(await storage.incrementWithBackoff('account', POLICY, 'login')).toEqual({
      allowed: true,
      attempts: 1,
      waitSeconds: 0,
    });
    state.down = true;
    await storage.incrementWithBackoff('account', POLICY, 'login');
    expect(warnings).toHaveLength(2);
  });

  it('counts redemption windows in memory, by amount, until the window ends', async () => {
    const { redis } = fakeRedis();
    const storage = storageOn(redis, clock);
    const add = (key: string, amount: number) =>
      storage.add(key, amount, 60_000, 10, 'redemption-caller');

    expect(await add('venue', 4)).toEqual({ total: 4, isBlocked: false, retryAfterSeconds: 60 });
    now += 30_000;
    expect(await add('venue', 6)).toEqual({ total: 10, isBlocked: false, retryAfterSeconds: 30 });
    expect(await add('venue', 1)).toEqual({ total: 11, isBlocked: true, retryAfterSeconds: 30 });
    expect((await add('other', 1)).total).toBe(1);
    now += 30_000;
    expect(await add('venue', 1)).toEqual({ total: 1, isBlocked: false, retryAfterSeconds: 60 });
    expect(warnings).toHaveLength(1);
  });

  it('lets per-IP throttling through (fails open)', async () => {
    const { redis } = fakeRedis();
    const storage = storageOn(redis, clock);
    const record = await storage.increment('ip', 60_000, 1, 0, 'default');
    expect(record.isBlocked).toBe(false);
  });
});

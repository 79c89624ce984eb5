import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '#src/config/app-config.js';
import { type BackoffResult, RedisThrottlerStorage } from '#src/redis/redis-throttler.storage.js';
import { REDIS } from '#src/redis/redis.module.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import { sha256Hex } from './secrets.js';

/** Attempts on one account are remembered this long after the last one. */
const WINDOW_MS = 24 * 3600 * 1000;
/** Wait armed by the last free attempt; it doubles with each further attempt. */
const FIRST_DELAY_MS = 2000;
const THROTTLER_NAME = 'login-account';

/**
 * Sign-in attempts per account, from any IP, in Redis (shared by every API instance). The first
 * LOGIN_FREE_ATTEMPTS are free; then each attempt must wait 2 s, 4 s, 8 s… up to
 * LOGIN_LOCK_MAX_SECONDS after the previous one, and attempts made while waiting are refused
 * without being counted (nor checked: they cost no argon2). An attacker thus gets about one guess
 * per LOGIN_LOCK_MAX_SECONDS, but can never lock the owner out for longer than that; a successful
 * sign-in resets the count.
 *
 * Attempts are counted by the lower-cased e-mail whether an account exists or not, so that the
 * answers reveal nothing about which e-mails have accounts. The key is a hash of the e-mail.
 */
@Injectable()
export class LoginAttempts {
  private readonly storage: RedisThrottlerStorage;

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) redis: Redis,
  ) {
    this.storage = new RedisThrottlerStorage(redis, config.QUEUE_PREFIX);
  }

  /**
   * Counts an attempt before the password is checked (so parallel attempts cannot slip past the
   * limit); throws TOO_MANY_LOGIN_ATTEMPTS, with the seconds to wait, while a wait runs.
   */
  async begin(email: string): Promise<BackoffResult> {
    const result = await this.storage.incrementWithBackoff(
      keyOf(email),
      {
        windowMs: WINDOW_MS,
        freeAttempts: this.config.LOGIN_FREE_ATTEMPTS,
        firstDelayMs: FIRST_DELAY_MS,
        maxDelayMs: this.config.LOGIN_LOCK_MAX_SECONDS * 1000,
      },
      THROTTLER_NAME,
    );
    if (!result.allowed) {
      throw new AuthException(
        AuthExceptionCode.TOO_MANY_LOGIN_ATTEMPTS,
        `Too many sign-in attempts on this account: try again in ${result.waitSeconds} s.`,
        { retryAfterSeconds: result.waitSeconds },
      );
    }
    return result;
  }

  /** Forgets the attempts after a successful sign-in. */
  succeeded(email: string): Promise<void> {
    return this.storage.reset(keyOf(email), THROTTLER_NAME);
  }
}

function keyOf(email: string): string {
  return sha256Hex(email.trim().toLowerCase());
}

import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '#src/config/app-config.js';
import {
  type BackoffPolicy,
  type BackoffResult,
  RedisThrottlerStorage,
} from '#src/redis/redis-throttler.storage.js';
import { REDIS } from '#src/redis/redis.module.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import { sha256Hex } from './secrets.js';

/** Attempts from one address on one account are remembered this long after the last one. */
const CLIENT_WINDOW_MS = 24 * 3600 * 1000;
/** The account-wide ceiling counts attempts over this window (after the last one). */
const ACCOUNT_WINDOW_MS = 3600 * 1000;
/** Wait armed by the last free attempt; it doubles with each further attempt. */
const FIRST_DELAY_MS = 2000;
/** An address an account signed in from stays known this long. */
const KNOWN_ADDRESS_MS = 30 * 24 * 3600 * 1000;
const PER_CLIENT = 'login-account-ip';
const PER_ACCOUNT = 'login-account';
const KNOWN = 'login-known-ip';

export interface LoginAttempt extends BackoffResult {
  /** Which limit armed the wait reported in waitSeconds: this address's, or the account's. */
  scope: 'client' | 'account';
}

/**
 * Sign-in attempts, counted in Redis (shared by every API instance), under two limits:
 *
 * - per account and client IP: the first LOGIN_FREE_ATTEMPTS are free; then each attempt from
 *   that address must wait 2 s, 4 s, 8 s… up to LOGIN_LOCK_MAX_SECONDS after the previous one.
 *   A success from that address resets it.
 * - per account, over all addresses it has not signed in from in the last 30 days: after
 *   LOGIN_ACCOUNT_HOURLY_LIMIT attempts within an hour, each further one waits
 *   LOGIN_LOCK_MAX_SECONDS. This caps guessing spread over many addresses at about that many
 *   guesses, then one per LOGIN_LOCK_MAX_SECONDS, for as long as it goes on; successes do not
 *   reset it (else each sign-in of the owner would hand the attacker a fresh allowance).
 *
 * Attempts refused while a wait runs are not counted (nor checked: they cost no argon2).
 *
 * What this does not do: a wait can be kept up for as long as someone keeps making attempts,
 * since each attempt after a wait arms the next one. Keying by address means an attacker keeps
 * only their own addresses (and those sharing them) waiting, and the account-wide ceiling skips
 * the addresses the owner signed in from lately; but an owner signing in from a new address while
 * someone spends LOGIN_ACCOUNT_HOURLY_LIMIT guesses an hour on the account can be held at one
 * attempt per LOGIN_LOCK_MAX_SECONDS indefinitely.
 *
 * Attempts are counted by the lower-cased e-mail whether an account exists or not, so that the
 * answers reveal nothing about which e-mails have accounts. Keys are hashes of e-mail and IP. If
 * Redis is away, the counts fall back to this instance's memory (RedisThrottlerStorage).
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
   * limits); throws TOO_MANY_LOGIN_ATTEMPTS, with the seconds to wait, while a wait runs.
   */
  async begin(email: string, ip: string): Promise<LoginAttempt> {
    const account = accountKey(email);
    const client = allowed(
      await this.storage.incrementWithBackoff(
        clientKey(email, ip),
        this.policy(CLIENT_WINDOW_MS, this.config.LOGIN_FREE_ATTEMPTS, FIRST_DELAY_MS),
        PER_CLIENT,
      ),
    );
    if (await this.storage.isRemembered(clientKey(email, ip), KNOWN)) {
      return { ...client, scope: 'client' };
    }
    const lockMs = this.config.LOGIN_LOCK_MAX_SECONDS * 1000;
    const overall = allowed(
      await this.storage.incrementWithBackoff(
        account,
        this.policy(ACCOUNT_WINDOW_MS, this.config.LOGIN_ACCOUNT_HOURLY_LIMIT, lockMs),
        PER_ACCOUNT,
      ),
    );
    return overall.waitSeconds > client.waitSeconds
      ? { ...overall, scope: 'account' }
      : { ...client, scope: 'client' };
  }

  /** After a successful sign-in: forgets this address's attempts and knows it from now on. */
  async succeeded(email: string, ip: string): Promise<void> {
    await this.storage.reset(clientKey(email, ip), PER_CLIENT);
    await this.storage.remember(clientKey(email, ip), KNOWN_ADDRESS_MS, KNOWN);
  }

  private policy(windowMs: number, freeAttempts: number, firstDelayMs: number): BackoffPolicy {
    return {
      windowMs,
      freeAttempts,
      firstDelayMs,
      maxDelayMs: this.config.LOGIN_LOCK_MAX_SECONDS * 1000,
    };
  }
}

function allowed(result: BackoffResult): BackoffResult {
  if (!result.allowed) {
    throw new AuthException(
      AuthExceptionCode.TOO_MANY_LOGIN_ATTEMPTS,
      `Too many sign-in attempts on this account: try again in ${result.waitSeconds} s.`,
      { retryAfterSeconds: result.waitSeconds },
    );
  }
  return result;
}

function accountKey(email: string): string {
  return sha256Hex(email.trim().toLowerCase());
}

function clientKey(email: string, ip: string): string {
  return sha256Hex(`${email.trim().toLowerCase()}\n${ip}`);
}

import { Injectable } from '@nestjs/common';
import { Algorithm, hash, parseOptions, verify } from '@node-rs/argon2';
import { AppConfig } from '#src/config/app-config.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import { ConcurrencyLimiter, ConcurrencyLimitReached } from './concurrency-limiter.js';

/**
 * argon2id parameters of new hashes: OWASP's first recommendation (19 MiB, 2 passes, 1 lane).
 * Measured on a 2-core build machine: ~15 ms of CPU per verification, against ~100 ms for the
 * former defaults of the `argon2` package (64 MiB, 3 passes, 4 lanes), whose hashes still verify
 * (the parameters are read from each PHC string) and are upgraded at the next sign-in.
 */
export const ARGON2_OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * argon2id for passwords and client secrets, through @node-rs/argon2 (prebuilt N-API binaries:
 * works on Node 20.19+ and 24, where the `argon2` package's binding crashed on Node 20.20).
 *
 * Every hash and verification goes through one limiter: at most PASSWORD_HASH_CONCURRENCY run at
 * once (each holds a libuv thread and a core), PASSWORD_HASH_QUEUE_LIMIT more wait, and the rest
 * are refused with AUTH_BUSY (503, Retry-After). A burst of sign-ins thus costs bounded CPU and
 * memory and cannot starve the other requests of the API.
 */
@Injectable()
export class PasswordHasher {
  private readonly limiter: ConcurrencyLimiter;
  /** A hash of a fixed password: verifying against it costs the same as a real check. */
  private decoy?: Promise<string>;

  constructor(config: AppConfig) {
    this.limiter = new ConcurrencyLimiter(
      config.PASSWORD_HASH_CONCURRENCY,
      config.PASSWORD_HASH_QUEUE_LIMIT,
    );
  }

  hash(secret: string): Promise<string> {
    return this.limited(() => hash(secret, ARGON2_OPTIONS));
  }

  verify(hashed: string, secret: string): Promise<boolean> {
    return this.limited(() => verify(hashed, secret));
  }

  /** Spends the time of a verification when there is no account, so timing reveals nothing. */
  async verifyDecoy(secret: string): Promise<false> {
    this.decoy ??= hash('decoy-password-for-unknown-accounts', ARGON2_OPTIONS);
    const decoy = await this.decoy;
    await this.verify(decoy, secret);
    return false;
  }

  /** True when a stored hash was made with other parameters than ours (rehash it at sign-in). */
  needsRehash(hashed: string): boolean {
    try {
      const current = parseOptions(hashed);
      return (
        current.algorithm !== ARGON2_OPTIONS.algorithm ||
        current.memoryCost !== ARGON2_OPTIONS.memoryCost ||
        current.timeCost !== ARGON2_OPTIONS.timeCost ||
        current.parallelism !== ARGON2_OPTIONS.parallelism
      );
    } catch {
      return true;
    }
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.limiter.run(work);
    } catch (error) {
      if (error instanceof ConcurrencyLimitReached) {
        throw new AuthException(
          AuthExceptionCode.AUTH_BUSY,
          'Too many sign-ins are being checked right now: try again in a moment.',
          { retryAfterSeconds: 1 },
        );
      }
      throw error;
    }
  }
}

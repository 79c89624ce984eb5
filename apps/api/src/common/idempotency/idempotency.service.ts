import { Injectable } from '@nestjs/common';
import { type EntityManager, QueryFailedError } from 'typeorm';
import { AppConfig } from '#src/config/app-config.js';
import { CommonException, CommonExceptionCode } from '../common.exception.js';
import { IdempotencyRepository } from './idempotency.repository.js';

/** A request sent with an Idempotency-Key, as @IdempotencyKeyHeader() reads it. */
export interface IdempotencyRequest {
  /** `user:<uuid>` or `client:<uuid>`. */
  caller: string;
  key: string;
  /** Method and route pattern. */
  operation: string;
  /** SHA-256 of the operation, parameters and canonical body (fingerprint.ts). */
  fingerprint: string;
}

/** What a write answers: its status and body. */
export interface StoredResponse<T> {
  status: number;
  body: T;
}

/** The answer, and whether it is the stored answer of an earlier request with the same key. */
export interface IdempotentResponse<T> extends StoredResponse<T> {
  replayed: boolean;
}

/** Keys deleted per statement by the purge, so that it never holds many rows at once. */
export const IDEMPOTENCY_PURGE_BATCH = 1000;

/**
 * Idempotency keys, one mechanism for every retryable write. The key is recorded in the write's
 * own transaction, with its answer, so "done" and "recorded" commit together: a crash between the
 * two cannot happen, and a retry never does the write twice.
 *
 * - A first request inserts the key, runs the write, stores its answer.
 * - The same key while that request runs: the INSERT waits on the unique key until it commits or
 *   rolls back (at most IDEMPOTENCY_LOCK_TIMEOUT_MS, then 409 IDEMPOTENCY_KEY_IN_USE), then
 *   answers the stored response, or runs the write itself if the first one rolled back.
 * - The same key later, within IDEMPOTENCY_KEY_TTL_HOURS: the stored answer, `replayed`.
 * - The same key with another request (operation, parameters or body): 422
 *   IDEMPOTENCY_KEY_REUSED.
 *
 * A refusal (a domain exception, any error) rolls the transaction back, key included: a retry is
 * decided again on the data as it then is, so a request refused for a reason that has since gone
 * (stock received, a concurrent move finished) can succeed with the same key. Only what `work`
 * returns is stored and replayed: successes, and the refusals a route chooses to keep (redemption
 * keeps a wrong-code refusal, so that its retries do not count the wrong code again).
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * Runs `work` once per (caller, key) in the caller's transaction (`manager`), or answers what it
   * answered the first time. Without a request (no header), just runs `work`.
   */
  async execute<T>(
    manager: EntityManager,
    request: IdempotencyRequest | null,
    work: (manager: EntityManager) => Promise<StoredResponse<T>>,
  ): Promise<IdempotentResponse<T>> {
    if (!request) return { ...(await work(manager)), replayed: false };
    const { caller, key, operation, fingerprint } = request;
    let claimed: boolean;
    try {
      claimed = await this.keys.claim(
        manager,
        { caller, key, operation, fingerprint, ttlHours: this.config.IDEMPOTENCY_KEY_TTL_HOURS },
        this.config.IDEMPOTENCY_LOCK_TIMEOUT_MS,
      );
    } catch (error) {
      if (isLockTimeout(error)) throw keyInUse();
      throw error;
    }
    if (!claimed) {
      const stored = await this.keys.find(manager, caller, key);
      if (stored?.fingerprint !== fingerprint) {
        throw new CommonException(
          CommonExceptionCode.IDEMPOTENCY_KEY_REUSED,
          'This Idempotency-Key was already used for another request; use a new key for a new request.',
          [{ field: 'Idempotency-Key', message: 'already used for another request' }],
        );
      }
      // Committed rows always hold their answer; guard anyway rather than answer null.
      if (stored.responseStatus === null) throw keyInUse();
      return { status: stored.responseStatus, body: stored.responseBody as T, replayed: true };
    }
    const { status, body } = await work(manager);
    const stored = await this.keys.storeResponse(manager, caller, key, status, body);
    // The first answer is the stored one too, so that every answer under a key is the same.
    return { status, body: stored as T, replayed: false };
  }

  /** Deletes the keys expired at `now`, a batch at a time; returns how many. */
  async purgeExpired(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.keys.deleteExpired(now, IDEMPOTENCY_PURGE_BATCH);
      total += deleted;
      if (deleted < IDEMPOTENCY_PURGE_BATCH) return total;
    }
  }
}

function keyInUse(): CommonException {
  return new CommonException(
    CommonExceptionCode.IDEMPOTENCY_KEY_IN_USE,
    'A request with this Idempotency-Key is still running; retry with the same key shortly.',
  );
}

/** lock_not_available: the claim waited longer than lock_timeout for the same key. */
function isLockTimeout(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: unknown } | undefined)?.code === '55P03'
  );
}

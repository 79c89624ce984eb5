import type { DataSource, EntityManager } from 'typeorm';

/** The isolation levels PostgreSQL implements (READ UNCOMMITTED runs as READ COMMITTED). */
export type TransactionIsolation = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export interface TransactionOptions {
  /** The server's default (READ COMMITTED) when absent. */
  isolation?: TransactionIsolation;
  /** Runs again after this many collisions at most, so `work` runs up to retries + 1 times. */
  retries?: number;
}

/**
 * SQLSTATEs for "another transaction won, run yours again": serialization_failure (40001, from
 * REPEATABLE READ or SERIALIZABLE, and from a row changed under an UPDATE at those levels) and
 * deadlock_detected (40P01, PostgreSQL aborted one of the transactions waiting on each other).
 */
const RETRYABLE_CODES: ReadonlySet<string> = new Set(['40001', '40P01']);

/** Backoff before retry n (1-based): "full jitter", a random wait up to 20 ms × 2^(n-1). */
const BACKOFF_BASE_MS = 20;

/**
 * Runs `work` in one transaction and, when PostgreSQL aborted it for a serialization failure or
 * a deadlock, runs it again in a new transaction after a short random wait, up to `retries`
 * times (3 by default). Any other error propagates at once, and so does the last collision (the
 * problem filter answers it 409 CONFLICT).
 *
 * `work` may therefore run more than once: it must do everything through `manager` and have no
 * effect outside the transaction (no job queued, no mail sent) before it returns. And this must
 * be the outermost transaction: a collision aborts the whole transaction, so retrying an inner
 * part cannot work.
 */
export async function runInTransaction<T>(
  dataSource: Pick<DataSource, 'transaction'>,
  work: (manager: EntityManager) => Promise<T>,
  { isolation, retries = 3 }: TransactionOptions = {},
): Promise<T> {
  if (!Number.isInteger(retries) || retries < 0) {
    throw new RangeError(`retries must be a non-negative integer, got ${retries}`);
  }
  for (let attempt = 0; ; attempt++) {
    try {
      return await (isolation
        ? dataSource.transaction(isolation, work)
        : dataSource.transaction(work));
    } catch (error) {
      if (attempt >= retries || !isRetryableTransactionError(error)) throw error;
      await sleep(retryDelayMs(attempt + 1));
    }
  }
}

/**
 * True for a serialization failure or a deadlock, as TypeORM's QueryFailedError (the code on its
 * driverError, copied onto it too) or as the pg driver's own error.
 */
export function isRetryableTransactionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  const sqlState = typeof driverError?.code === 'string' ? driverError.code : code;
  return typeof sqlState === 'string' && RETRYABLE_CODES.has(sqlState);
}

/**
 * The wait before retry `retry` (1, 2, 3…): random in [0, 20 ms × 2^(retry-1)), capped at 1 s.
 * Random so that the transactions that just collided do not collide again in step.
 */
export function retryDelayMs(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_BASE_MS * 2 ** (retry - 1), 1000);
  return Math.floor(random() * ceiling);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

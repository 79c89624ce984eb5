import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { IdempotencyKey } from './idempotency-key.entity.js';

export interface KeyClaim {
  caller: string;
  key: string;
  operation: string;
  fingerprint: string;
  ttlHours: number;
}

/** The only writer of idempotency_key. */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records the key in the caller's transaction; true when this transaction now owns it, false
   * when a live row with that key was already committed. A transaction that inserted the same key
   * and has not finished makes this INSERT wait (the unique index), for at most `lockTimeoutMs`:
   * PostgreSQL then fails it with 55P03 (lock_not_available). An expired row not yet purged is
   * taken over as if it were new. The lock timeout is set back afterwards, so the caller's own
   * statements keep the server's.
   */
  async claim(manager: EntityManager, claim: KeyClaim, lockTimeoutMs: number): Promise<boolean> {
    // One statement sets the timeout and inserts: the INSERT reads its row from `timeout`, so the
    // setting is made before it may wait, and `previous` is read (from `setting`) before it changes.
    const [{ previous, inserted }] = await manager.query<{ previous: string; inserted: number }[]>(
      `WITH setting AS (SELECT current_setting('lock_timeout') AS previous),
       timeout AS (SELECT previous, set_config('lock_timeout', $6, true) AS applied FROM setting),
       claimed AS (
         INSERT INTO idempotency_key (caller, key, operation, fingerprint, expires_at)
         SELECT $1, $2, $3, $4, now() + make_interval(hours => $5) FROM timeout
         ON CONFLICT (caller, key) DO UPDATE
           SET operation = EXCLUDED.operation, fingerprint = EXCLUDED.fingerprint,
               response_status = NULL, response_body = NULL, created_at = now(),
               expires_at = EXCLUDED.expires_at
           WHERE idempotency_key.expires_at <= now()
         RETURNING 1
       )
       SELECT previous, (SELECT count(*)::int FROM claimed) AS inserted FROM timeout`,
      [
        claim.caller,
        claim.key,
        claim.operation,
        claim.fingerprint,
        claim.ttlHours,
        `${lockTimeoutMs}ms`,
      ],
    );
    await manager.query(`SELECT set_config('lock_timeout', $1, true)`, [previous]);
    return inserted === 1;
  }

  find(manager: EntityManager, caller: string, key: string): Promise<IdempotencyKey | null> {
    return manager.findOneBy(IdempotencyKey, { caller, key });
  }

  /** Stores the answer with the key and gives it back as stored (JSON, as every replay sees it). */
  async storeResponse(
    manager: EntityManager,
    caller: string,
    key: string,
    status: number,
    body: unknown,
  ): Promise<unknown> {
    // In a CTE, so that the driver answers rows (an UPDATE alone answers [rows, count]).
    const [row] = await manager.query<{ response_body: unknown }[]>(
      `WITH stored AS (
         UPDATE idempotency_key SET response_status = $3, response_body = $4::jsonb
         WHERE caller = $1 AND key = $2 RETURNING response_body
       )
       SELECT response_body FROM stored`,
      [caller, key, status, JSON.stringify(body ?? null)],
    );
    return row.response_body;
  }

  /**
   * Deletes up to `limit` keys expired at `now`, oldest first, skipping rows a transaction holds
   * (one taking an expired key over); returns how many it deleted.
   */
  async deleteExpired(now: Date, limit: number): Promise<number> {
    const [{ deleted }] = await this.dataSource.query<{ deleted: number }[]>(
      `WITH expired AS (
         SELECT caller, key FROM idempotency_key WHERE expires_at <= $1
         ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED
       ), gone AS (
         DELETE FROM idempotency_key k USING expired e
         WHERE k.caller = e.caller AND k.key = e.key RETURNING 1
       )
       SELECT count(*)::int AS deleted FROM gone`,
      [now, limit],
    );
    return deleted;
  }
}

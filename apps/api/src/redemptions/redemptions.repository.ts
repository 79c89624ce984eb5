import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { Redemption, RedemptionCheque, type RedemptionActorType } from './redemption.entity.js';

export interface NewRedemption {
  venueId: string;
  programmeId: string;
  service: string;
  serviceDate: string;
  durationMinutes: number;
  participants: number;
  actorType: RedemptionActorType;
  actorId: string;
  actorLabel: string;
  cheques: { number: string; faceValueCents: number }[];
}

/** What the database decided for a redemption it recorded. */
export interface InsertedRedemption {
  id: string;
  /** The transaction's `now()`. */
  createdAt: Date;
  /** The month of `createdAt` in France (YYYY-MM): the one it is reimbursed for. */
  period: string;
  amountCents: number;
}

/** The only writer of redemption and redemption_cheque. */
@Injectable()
export class RedemptionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records a redemption and its cheques, in one statement. Its period is computed from the
   * transaction's `now()`, the same instant as its `created_at`, so that a redemption made at
   * midnight on the last day of a month is never filed in one month and dated in the next.
   */
  async insert(manager: EntityManager, row: NewRedemption): Promise<InsertedRedemption> {
    const amount = row.cheques.reduce((sum, c) => sum + c.faceValueCents, 0);
    const [inserted] = await manager.query<InsertedRedemption[]>(
      `WITH r AS (
         INSERT INTO redemption (venue_id, programme_id, service, service_date, duration_minutes,
                                 participants, cheque_count, amount_cents, period, actor_type,
                                 actor_id, actor_label)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
                 to_char(now() AT TIME ZONE 'Europe/Paris', 'YYYY-MM'), $9, $10, $11)
         RETURNING id, created_at, period, amount_cents
       ), c AS (
         INSERT INTO redemption_cheque (redemption_id, cheque_number, position, face_value_cents)
         SELECT r.id, c.number, c.position - 1, c.value
         FROM r, unnest($12::char(12)[], $13::int[]) WITH ORDINALITY AS c(number, value, position)
       )
       SELECT id, created_at AS "createdAt", period, amount_cents AS "amountCents" FROM r`,
      [
        row.venueId,
        row.programmeId,
        row.service,
        row.serviceDate,
        row.durationMinutes,
        row.participants,
        row.cheques.length,
        amount,
        row.actorType,
        row.actorId,
        row.actorLabel,
        row.cheques.map((c) => c.number),
        row.cheques.map((c) => c.faceValueCents),
      ],
    );
    return inserted;
  }

  /** A redemption with its cheques (in the order presented); null when there is none. */
  async find(id: string, manager?: EntityManager): Promise<Redemption | null> {
    const redemption = await (manager ?? this.dataSource.manager).findOne(Redemption, {
      where: { id },
      relations: { venue: true },
    });
    if (!redemption) return null;
    await this.attachCheques([redemption], manager);
    return redemption;
  }

  /** Locks a redemption (its cancellation), without its cheques. */
  lock(manager: EntityManager, id: string): Promise<Redemption | null> {
    return manager.findOne(Redemption, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Marks a redemption CANCELLED (who, when) and its cheques no longer live; returns when (the
   * database's now()), or null when it was no longer ACTIVE outside a batch.
   */
  async markCancelled(
    manager: EntityManager,
    id: string,
    by: { id: string; label: string },
  ): Promise<Date | null> {
    const [row] = await manager.query<{ cancelledAt: Date }[]>(
      `WITH cancelled AS (
         UPDATE redemption SET status = 'CANCELLED', cancelled_at = now(), cancelled_by = $2,
                cancelled_by_label = $3
         WHERE id = $1 AND status = 'ACTIVE' AND reimbursement_batch_id IS NULL
         RETURNING cancelled_at
       ), off AS (
         UPDATE redemption_cheque SET active = false
         WHERE redemption_id = $1 AND EXISTS (SELECT 1 FROM cancelled)
       )
       SELECT cancelled_at AS "cancelledAt" FROM cancelled`,
      [id, by.id, by.label],
    );
    return row?.cancelledAt ?? null;
  }

  /** Redemptions with their venue; the service adds the filters and pages by key. */
  listQuery(): SelectQueryBuilder<Redemption> {
    return this.dataSource.manager
      .getRepository(Redemption)
      .createQueryBuilder('redemption')
      .leftJoinAndSelect('redemption.venue', 'venue');
  }

  /** The cheques of these redemptions, in one query (never one per redemption). */
  async attachCheques(redemptions: Redemption[], manager?: EntityManager): Promise<void> {
    if (redemptions.length === 0) return;
    const cheques = await (manager ?? this.dataSource.manager).find(RedemptionCheque, {
      where: { redemptionId: In(redemptions.map((r) => r.id)) },
      order: { position: 'ASC' },
    });
    const byId = new Map(redemptions.map((r) => [r.id, r]));
    for (const r of redemptions) r.cheques = [];
    for (const c of cheques) byId.get(c.redemptionId)?.cheques?.push(c);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { expiresOn } from '@carnet/domain';
import { DataSource } from 'typeorm';
import { AuditService, type SystemActor } from '#src/audit/audit.service.js';
import { OrganisationScope, type Principal } from '#src/auth/principal.js';
import { AppConfig } from '#src/config/app-config.js';
import { funderParts } from '#src/funders/funder-parts.js';
import { FundingShare } from '#src/funders/funding-share.entity.js';
import { ProgrammesService } from '#src/funders/programmes.service.js';
import { todayInParis } from './cheques.service.js';

const SYSTEM: SystemActor = { type: 'system', name: 'expiry' };
const BATCH = 20_000;

export interface ExpiryRow {
  /** COMMUNE or PRESCRIBER; the programme's own stock is PROGRAMME. */
  level: 'PROGRAMME' | 'COMMUNE' | 'PRESCRIBER';
  inseeCode: string | null;
  communeName: string | null;
  prescriberId: string | null;
  prescriberName: string | null;
  /** Carnets that reached this commune or prescriber and are not cancelled. */
  issued: number;
  handedOut: number;
  notHandedOut: number;
  /** Handed out with at least one cheque used. */
  started: number;
}

export interface ExpiryView {
  programmeId: string;
  validityEndDate: string;
  graceDays: number;
  /** First day unused cheques are expired. */
  expiresOn: string;
  /** Days left until the validity end (negative once past). */
  daysLeft: number;
  /** True from EXPIRY_ALERT_DAYS before the validity end. */
  alert: boolean;
  rows: ExpiryRow[];
  /** Programme-wide: shown to the owner's staff and funders, not to a commune. */
  expired: {
    cheques: number;
    valueCents: number;
    byFunder: { funderId: string; funderName: string; cents: number }[];
  } | null;
}

/** Expiry of unused cheques, and the views of what will expire and of what did. */
@Injectable()
export class ExpiryService {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Moves every unused cheque past its validity end plus its programme's grace period to
   * EXPIRED, in batches (one transaction each, audited per carnet). Safe to run again any day and
   * on several workers at once (SKIP LOCKED).
   */
  async expire(today = todayInParis()): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.dataSource.transaction(async (manager) => {
        const [rows] = await manager.query<[{ number: string; carnet_id: string }[], number]>(
          `WITH due AS (
             SELECT c.number FROM cheque c JOIN programme p ON p.id = c.programme_id
             WHERE c.status IN ('ISSUED', 'DISTRIBUTED') AND c.valid_until + p.grace_days < $1::date
             LIMIT ${BATCH} FOR UPDATE OF c SKIP LOCKED)
           UPDATE cheque SET status = 'EXPIRED', status_changed_at = now()
           FROM due WHERE cheque.number = due.number
           RETURNING cheque.number, cheque.carnet_id`,
          [today],
        );
        const byCarnet = new Map<string, string[]>();
        for (const row of rows)
          byCarnet.set(row.carnet_id, [...(byCarnet.get(row.carnet_id) ?? []), row.number]);
        await this.audit.recordMany(
          manager,
          SYSTEM,
          [...byCarnet].map(([carnetId, numbers]) => ({
            action: 'cheques.expired',
            entityType: 'carnet',
            entityId: carnetId,
            after: { status: 'EXPIRED', cheques: numbers.sort(), on: today },
          })),
        );
        return rows.length;
      });
      total += expired;
      if (expired < BATCH) return total;
    }
  }

  async view(
    principal: Principal,
    programmeId: string,
    today = todayInParis(),
  ): Promise<ExpiryView> {
    const programme = await this.programmes.get(principal, programmeId);
    const rows = await this.dataSource.query<
      {
        level: ExpiryRow['level'];
        insee_code: string | null;
        commune_name: string | null;
        prescriber_id: string | null;
        prescriber_name: string | null;
        issued: number;
        handed_out: number;
        not_handed_out: number;
        started: number;
      }[]
    >(
      `WITH placed AS (
         SELECT c.id,
                CASE h.kind WHEN 'COMMUNE' THEN h.insee_code WHEN 'PRESCRIBER' THEN ph.insee_code
                            WHEN 'BENEFICIARY' THEN hp.insee_code END AS insee_code,
                CASE h.kind WHEN 'PRESCRIBER' THEN h.prescriber_id WHEN 'BENEFICIARY' THEN hp.id END AS prescriber_id,
                h.kind = 'BENEFICIARY' AS handed_out,
                EXISTS (SELECT 1 FROM cheque q WHERE q.carnet_id = c.id AND q.status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED')) AS started
         FROM carnet c
         JOIN custody_holder h ON h.id = c.holder_id
         LEFT JOIN prescriber ph ON ph.id = h.prescriber_id
         LEFT JOIN LATERAL (
           SELECT p.id, p.insee_code FROM custody_movement m
           JOIN custody_holder fh ON fh.id = m.from_holder_id
           JOIN prescriber p ON p.id = fh.prescriber_id
           WHERE m.carnet_id = c.id AND m.kind = 'HAND_OUT' ORDER BY m.id DESC LIMIT 1
         ) hp ON h.kind = 'BENEFICIARY'
         WHERE c.programme_id = $1 AND c.status = 'ACTIVE'
       )
       SELECT CASE WHEN GROUPING(p.prescriber_id) = 0 AND p.prescriber_id IS NOT NULL THEN 'PRESCRIBER'
                   WHEN p.insee_code IS NULL THEN 'PROGRAMME' ELSE 'COMMUNE' END AS level,
              p.insee_code, co.name AS commune_name,
              CASE WHEN GROUPING(p.prescriber_id) = 0 THEN p.prescriber_id END AS prescriber_id,
              CASE WHEN GROUPING(p.prescriber_id) = 0 THEN pr.name END AS prescriber_name,
              count(*)::int AS issued,
              count(*) FILTER (WHERE p.handed_out)::int AS handed_out,
              count(*) FILTER (WHERE NOT p.handed_out)::int AS not_handed_out,
              count(*) FILTER (WHERE p.handed_out AND p.started)::int AS started
       FROM placed p
       LEFT JOIN commune co ON co.insee_code = p.insee_code
       LEFT JOIN prescriber pr ON pr.id = p.prescriber_id
       GROUP BY GROUPING SETS ((p.insee_code, co.name), (p.insee_code, co.name, p.prescriber_id, pr.name))
       HAVING GROUPING(p.prescriber_id) = 1 OR p.prescriber_id IS NOT NULL
       ORDER BY co.name NULLS FIRST, p.insee_code, GROUPING(p.prescriber_id) DESC, pr.name`,
      [programmeId],
    );
    const scope = OrganisationScope.of(principal);
    const programmeWide = scope.all || scope.organisationKind === 'FUNDER';
    const visibleCodes =
      scope.all || scope.organisationKind === 'FUNDER'
        ? null
        : new Set(
            (
              await this.dataSource.query<{ insee_code: string }[]>(
                `SELECT insee_code FROM commune WHERE organisation_id = $1`,
                [scope.organisationId],
              )
            ).map((r) => r.insee_code),
          );
    const [expired] = await this.dataSource.query<{ cheques: number; cents: string }[]>(
      `SELECT count(*)::int AS cheques, COALESCE(sum(face_value_cents), 0)::bigint AS cents
       FROM cheque WHERE programme_id = $1 AND status = 'EXPIRED'`,
      [programmeId],
    );
    const valueCents = Number(expired?.cents ?? 0);
    const shares = await this.dataSource.manager.find(FundingShare, {
      where: { programmeId },
      relations: { funder: true },
    });
    const parts = funderParts(valueCents, shares);
    const daysLeft = Math.round(
      (Date.parse(`${programme.validityEndDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) /
        86_400_000,
    );
    return {
      programmeId,
      validityEndDate: programme.validityEndDate,
      graceDays: programme.graceDays,
      expiresOn: expiresOn(programme.validityEndDate, programme.graceDays),
      daysLeft,
      alert: daysLeft <= this.config.EXPIRY_ALERT_DAYS,
      rows: rows
        .filter((r) => !visibleCodes || (r.insee_code !== null && visibleCodes.has(r.insee_code)))
        .map((r) => ({
          level: r.level,
          inseeCode: r.insee_code,
          communeName: r.commune_name,
          prescriberId: r.prescriber_id,
          prescriberName: r.prescriber_name,
          issued: r.issued,
          handedOut: r.handed_out,
          notHandedOut: r.not_handed_out,
          started: r.started,
        })),
      expired: !programmeWide
        ? null
        : {
            cheques: expired?.cheques ?? 0,
            valueCents,
            byFunder: shares.map((s) => ({
              funderId: s.funderId,
              funderName: s.funder?.name ?? '',
              cents: parts.get(s.funderId) ?? 0,
            })),
          },
    };
  }
}

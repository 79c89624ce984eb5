import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AUDITED_CARNET_IDS,
  expiresOn,
  expiryCutoff,
  serialRanges,
  todayInParis,
} from '@carnet/domain';
import { DataSource } from 'typeorm';
import { AuditService, type SystemActor } from '#src/audit/audit.service.js';
import { OrganisationScope, type Principal } from '#src/access/principal.js';
import { AppConfig } from '#src/config/app-config.js';
import { funderParts } from '#src/funders/funder-parts.js';
import { ProgrammesService } from '#src/funders/programmes.service.js';
import { ExpiryRepository } from './expiry.repository.js';

const SYSTEM: SystemActor = { type: 'system', name: 'expiry' };
/** Cheques expired per transaction, and so at most per audit entry. */
export const EXPIRY_BATCH = 20_000;

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
    private readonly expiry: ExpiryRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Moves every unused cheque past its validity end plus its programme's grace period to
   * EXPIRED, programme by programme, in batches (one transaction and one audit entry each). Safe
   * to run again any day and on several workers at once (SKIP LOCKED).
   */
  async expire(today = todayInParis()): Promise<number> {
    let total = 0;
    for (const programme of await this.expiry.programmesForExpiry()) {
      // valid_until + grace < today  ⇔  valid_until < today − grace: a constant per programme.
      const cutoff = expiryCutoff(today, programme.grace_days);
      for (;;) {
        const expired = await this.dataSource.transaction(async (manager) => {
          const rows = await this.expiry.expireDue(manager, programme.id, cutoff, EXPIRY_BATCH);
          if (rows.length === 0) return 0;
          // One entry per programme and batch (one a night unless more than EXPIRY_BATCH cheques
          // expire): its carnets' serial ranges always, their ids while they stay short. A cheque's
          // history finds it by programme and serial range.
          const carnetIds = [...new Set(rows.map((r) => r.carnet_id))].sort();
          await this.audit.record(manager, SYSTEM, {
            action: 'cheques.expired',
            entityType: 'expiry',
            entityId: programme.id,
            after: {
              status: 'EXPIRED',
              on: today,
              count: rows.length,
              carnets: carnetIds.length,
              serials: serialRanges(await this.expiry.carnetSerials(manager, carnetIds)),
              ...(carnetIds.length <= AUDITED_CARNET_IDS ? { carnetIds } : {}),
            },
          });
          return rows.length;
        });
        total += expired;
        if (expired < EXPIRY_BATCH) break;
      }
    }
    return total;
  }

  async view(
    principal: Principal,
    programmeId: string,
    today = todayInParis(),
  ): Promise<ExpiryView> {
    const programme = await this.programmes.get(principal, programmeId);
    const rows = await this.expiry.placement(programmeId);
    const scope = OrganisationScope.of(principal);
    const programmeWide = scope.all || scope.organisationKind === 'FUNDER';
    const visibleCodes =
      scope.all || scope.organisationKind === 'FUNDER'
        ? null
        : new Set(await this.expiry.communeCodesOf(scope.organisationId));
    const expired = await this.expiry.expiredTotals(programmeId);
    const valueCents = Number(expired?.cents ?? 0);
    const shares = await this.expiry.shares(programmeId);
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

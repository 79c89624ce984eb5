import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AgeBand,
  ageBandOf,
  type ErasureReason,
  retentionEndsOn,
  todayInParis,
} from '@carnet/domain';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/access/principal.js';
import { AuditService, type SystemActor } from '#src/audit/audit.service.js';
import { AppConfig } from '#src/config/app-config.js';
import { BeneficiariesService } from './beneficiaries.service.js';
import { BeneficiaryException, BeneficiaryExceptionCode } from './beneficiary.exception.js';
import { DiagnosticsService } from './diagnostics.service.js';
import { HandOutsService } from './hand-outs.service.js';
import type { BeneficiaryResponseDto } from './dto/beneficiary.dto.js';
import type { BeneficiaryExportDto, RetentionPurgeResult } from './dto/privacy.dto.js';
import { type AnonymisableRow, PrivacyRepository } from './privacy.repository.js';

/** Beneficiaries anonymised per transaction by the retention purge. */
export const RETENTION_PURGE_BATCH = 500;

const SYSTEM: SystemActor = { type: 'system', name: 'retention' };

const HOUSEHOLD_KEY_DESCRIPTION =
  "Clé de foyer : empreinte (HMAC-SHA-256) de l'adresse du foyer, qui ne permet pas de la " +
  "retrouver ; l'adresse elle-même n'est jamais conservée.";

/**
 * A beneficiary's rights over their data and its retention: export (everything held on the
 * person), erasure on request, and the nightly purge once the retention period is over. Erasure
 * and purge remove the same data through the same statement (`PrivacyRepository.anonymise`): the
 * household key (and its copies on hand-outs and household permissions, whose justification goes
 * too), first name, contact, consent, diagnostics' notes, and the birth year, reduced to the age
 * band the person was in when registered (what the counts read). Commune, situation, age
 * band, needs and dates stay, and so do carnets and cheques, whose custody rows keep pointing to
 * the now-anonymous record.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly beneficiaries: BeneficiariesService,
    private readonly diagnostics: DiagnosticsService,
    private readonly handOuts: HandOutsService,
    private readonly repository: PrivacyRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Everything held on the person, for whoever may see them; audited (counts only). */
  async export(principal: Principal, id: string): Promise<BeneficiaryExportDto> {
    const beneficiary = await this.beneficiaries.find(principal, id);
    const [record, diagnostics, handOuts, householdExceptions, held, carnets, movements] =
      await Promise.all([
        this.beneficiaries.get(principal, id),
        this.diagnostics.list(principal, id),
        this.handOuts.list(principal, id),
        // Only the permissions granted through this person: others' justifications are theirs.
        this.handOuts
          .exceptions(principal, id)
          .then((all) => all.filter((e) => e.beneficiaryId === id)),
        this.repository.hasHouseholdKey(id),
        this.repository.exportCarnets(id),
        this.repository.exportMovements(id),
      ]);
    const cheques = await this.repository.exportCheques(carnets.map((c) => c.id));
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, principal, {
        action: 'beneficiary.exported',
        entityType: 'beneficiary',
        entityId: id,
        after: {
          diagnostics: diagnostics.length,
          handOuts: handOuts.length,
          householdExceptions: householdExceptions.length,
          carnets: carnets.length,
          custodyMovements: movements.length,
        },
      }),
    );
    return {
      exportedAt: new Date(),
      beneficiary: record,
      householdKey: { held, description: HOUSEHOLD_KEY_DESCRIPTION },
      consent:
        beneficiary.consentScope && beneficiary.consentAt && beneficiary.consentRecordedBy
          ? {
              scope: beneficiary.consentScope,
              at: beneficiary.consentAt,
              recordedBy: beneficiary.consentRecordedBy,
            }
          : null,
      diagnostics,
      handOuts,
      householdExceptions,
      carnets: carnets.map((carnet) => ({
        ...carnet,
        cheques: cheques
          .filter((c) => c.carnetId === carnet.id)
          .map(({ carnetId: _c, ...cheque }) => cheque),
      })),
      custodyMovements: movements,
    };
  }

  /**
   * Erases the person's identifying data at once (a programme manager, on request), exactly as
   * the retention purge does, and marks the record erased. Twice: 409 BENEFICIARY_ALREADY_ERASED.
   */
  async erase(
    actor: Principal,
    id: string,
    reason: ErasureReason,
  ): Promise<BeneficiaryResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      await this.beneficiaries.find(actor, id, manager);
      const row = await this.repository.lockOne(manager, id);
      if (!row) {
        throw new BeneficiaryException(
          BeneficiaryExceptionCode.BENEFICIARY_NOT_FOUND,
          `No beneficiary ${id}.`,
        );
      }
      if (row.erasedAt) {
        throw new BeneficiaryException(
          BeneficiaryExceptionCode.BENEFICIARY_ALREADY_ERASED,
          'The identifying data of this beneficiary were already erased.',
        );
      }
      const now = new Date();
      const notes = await this.repository.anonymise(manager, [anonymous(row)], now, now);
      await this.audit.record(manager, actor, {
        action: 'beneficiary.erased',
        entityType: 'beneficiary',
        entityId: id,
        after: {
          erasedAt: now,
          alreadyPurged: row.purgedAt !== null,
          diagnosticNotes: notes,
          reason,
        },
      });
    });
    return this.beneficiaries.get(actor, id);
  }

  /**
   * The retention purge: anonymises every beneficiary of the programmes over for
   * BENEFICIARY_RETENTION_MONTHS (`retentionEndsOn`, libs/domain), in batches of
   * RETENTION_PURGE_BATCH (one transaction each, SKIP LOCKED, so workers may overlap), then writes
   * one audit entry with the counts. Running it again finds nothing left to do.
   */
  async purgeExpired(today = todayInParis()): Promise<RetentionPurgeResult> {
    const months = this.config.BENEFICIARY_RETENTION_MONTHS;
    const due = (await this.repository.programmesWithIdentifiableBeneficiaries()).filter(
      (programme) => retentionEndsOn(programme, months) <= today,
    );
    const result: RetentionPurgeResult = { beneficiaries: 0, diagnosticNotes: 0 };
    const programmes: { programmeId: string; retentionEndedOn: string; beneficiaries: number }[] =
      [];
    for (const programme of due) {
      let purged = 0;
      for (;;) {
        const batch = await this.dataSource.transaction(async (manager) => {
          const rows = await this.repository.lockUnpurged(
            manager,
            programme.id,
            RETENTION_PURGE_BATCH,
          );
          const notes = await this.repository.anonymise(
            manager,
            rows.map(anonymous),
            new Date(),
            null,
          );
          return { rows: rows.length, notes };
        });
        purged += batch.rows;
        result.diagnosticNotes += batch.notes;
        if (batch.rows < RETENTION_PURGE_BATCH) break;
      }
      if (purged > 0) {
        const retentionEndedOn = retentionEndsOn(programme, months);
        programmes.push({ programmeId: programme.id, retentionEndedOn, beneficiaries: purged });
      }
      result.beneficiaries += purged;
    }
    if (result.beneficiaries > 0) {
      await this.dataSource.transaction((manager) =>
        this.audit.record(manager, SYSTEM, {
          action: 'beneficiaries.purged',
          entityType: 'retention',
          entityId: today,
          after: { on: today, retentionMonths: months, ...result, programmes },
        }),
      );
    }
    return result;
  }
}

/**
 * What a record keeps of the person's age: its age band, or the band its birth year fell in the
 * year the person was registered (a birth year is too fine-grained to keep; the counts read bands).
 */
function anonymous(row: AnonymisableRow): { id: string; ageBand: AgeBand } {
  const registeredIn = Number(todayInParis(row.createdAt).slice(0, 4));
  return {
    id: row.id,
    ageBand: row.ageBand ?? ageBandOf(row.birthYear ?? registeredIn, registeredIn),
  };
}

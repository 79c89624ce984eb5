import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '#src/access/principal.js';
import { AuditService } from '#src/audit/audit.service.js';
import { BeneficiariesRepository } from './beneficiaries.repository.js';
import { assertNotAnonymised, BeneficiariesService } from './beneficiaries.service.js';
import { BeneficiaryException, BeneficiaryExceptionCode } from './beneficiary.exception.js';
import type { Diagnostic } from './diagnostic.entity.js';
import type { CreateDiagnosticDto, DiagnosticResponseDto } from './dto/diagnostic.dto.js';

/**
 * Diagnostics of a beneficiary, by whoever may see the beneficiary. Needed services are those
 * the programme's cheques pay for (any service of the national list when it names none).
 */
@Injectable()
export class DiagnosticsService {
  constructor(
    private readonly beneficiaries: BeneficiariesService,
    private readonly repository: BeneficiariesRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(principal: Principal, beneficiaryId: string): Promise<DiagnosticResponseDto[]> {
    await this.beneficiaries.find(principal, beneficiaryId);
    return (await this.repository.diagnostics(beneficiaryId)).map(view);
  }

  create(
    actor: Principal,
    beneficiaryId: string,
    input: CreateDiagnosticDto,
  ): Promise<DiagnosticResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const beneficiary = await this.beneficiaries.find(actor, beneficiaryId, manager);
      assertNotAnonymised(beneficiary);
      const payable = (await this.beneficiaries.programmeOf(beneficiary, manager))?.payableServices;
      const refused = payable?.length
        ? input.services.flatMap((s, i) => (payable.includes(s) ? [] : [i]))
        : [];
      if (refused.length > 0) {
        throw new BeneficiaryException(
          BeneficiaryExceptionCode.DIAGNOSTIC_SERVICE_NOT_PAYABLE,
          "A need among the services must be one the programme's cheques pay for.",
          refused.map((i) => ({
            field: `services[${i}]`,
            message: 'not payable by the programme',
          })),
        );
      }
      const saved = await this.repository.insertDiagnostic(manager, {
        ...input,
        notes: input.notes ?? null,
        beneficiaryId,
        createdBy: actor.id,
      });
      await this.audit.record(manager, actor, {
        action: 'diagnostic.created',
        entityType: 'diagnostic',
        entityId: saved.id,
        // The needs are anonymous aggregates; the notes are free text, so only their presence.
        after: {
          beneficiaryId,
          services: saved.services,
          procedures: saved.procedures,
          autonomy: saved.autonomy,
          equipment: saved.equipment,
          hasNotes: saved.notes !== null,
        },
      });
      return view(saved);
    });
  }
}

function view(d: Diagnostic): DiagnosticResponseDto {
  return {
    id: d.id,
    beneficiaryId: d.beneficiaryId,
    services: d.services,
    procedures: d.procedures,
    autonomy: d.autonomy,
    equipment: d.equipment,
    notes: d.notes,
    createdBy: d.createdBy,
    createdAt: d.createdAt,
  };
}

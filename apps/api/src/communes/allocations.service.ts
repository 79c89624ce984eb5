import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AllocationError,
  allocateCarnets,
  carnetValueCents,
  type CommuneAllocation,
  parseCriteriaCsv,
} from '@carnet/domain';
import { parse } from 'csv-parse/sync';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#src/audit/audit.service.js';
import { CustodyService } from '#src/custody/custody.service.js';
import { violatedConstraint } from '#src/database/constraint.js';
import { OrganisationScope, type Principal } from '#src/access/principal.js';
import type { Programme } from '#src/funders/programme.entity.js';
import { ProgrammesRepository } from '#src/funders/programmes.repository.js';
import { ProgrammesService } from '#src/funders/programmes.service.js';
import { FundingException, FundingExceptionCode } from '#src/funders/funding.exception.js';
import type { AllocationVersion } from './allocation.entity.js';
import { AllocationsRepository } from './allocations.repository.js';
import { CommuneException, CommuneExceptionCode } from './commune.exception.js';
import { CommunesRepository } from './communes.repository.js';
import type {
  AllocationLineDto,
  AllocationRequestDto,
  AllocationResponseDto,
  CriteriaResponseDto,
  CriteriaRowDto,
} from './dto/allocation.dto.js';

/** Criteria of the allocation key, allocations (preview, commit, versions) and the budget view. */
@Injectable()
export class AllocationsService {
  constructor(
    private readonly allocations: AllocationsRepository,
    private readonly communes: CommunesRepository,
    private readonly programmes: ProgrammesService,
    private readonly programmeRows: ProgrammesRepository,
    private readonly audit: AuditService,
    private readonly custody: CustodyService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async criteria(principal: Principal, programmeId: string): Promise<CriteriaResponseDto> {
    await this.programmes.get(principal, programmeId);
    const visible = await this.visibleCodes(principal, programmeId);
    const rows = new Map<string, Record<string, number>>();
    for (const c of await this.allocations.criteria(programmeId)) {
      if (!visible.has(c.inseeCode)) continue;
      rows.set(c.inseeCode, { ...rows.get(c.inseeCode), [c.name]: c.value });
    }
    const names = [...new Set([...rows.values()].flatMap((r) => Object.keys(r)))].sort();
    return {
      programmeId,
      criteria: names,
      rows: [...rows].map(([inseeCode, criteria]) => ({ inseeCode, criteria })),
    };
  }

  /** Replaces every criterion of the programme; all rows are checked before anything is saved. */
  async setCriteria(
    actor: Principal,
    programmeId: string,
    rows: CriteriaRowDto[],
  ): Promise<CriteriaResponseDto> {
    const header = ['inseeCode', ...new Set(rows.flatMap((r) => Object.keys(r.criteria)))];
    const table = [
      header,
      ...rows.map((r) => [
        r.inseeCode,
        ...header.slice(1).map((name) => String(r.criteria[name] ?? '')),
      ]),
    ];
    return this.saveCriteria(actor, programmeId, table, 'json');
  }

  /** Same from a CSV file `inseeCode,<criterion>,…` (comma or semicolon, French decimals). */
  importCriteriaCsv(
    actor: Principal,
    programmeId: string,
    csv: unknown,
  ): Promise<CriteriaResponseDto> {
    if (typeof csv !== 'string' || csv.trim() === '') {
      throw new CommuneException(
        CommuneExceptionCode.CRITERIA_INVALID,
        'Send the CSV as text/csv in the request body.',
      );
    }
    const firstLine = csv.split(/\r?\n/, 1)[0] ?? '';
    const delimiter =
      (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    let table: string[][];
    try {
      table = parse(csv.replace(/^\uFEFF/, ''), {
        delimiter,
        relax_column_count: true,
        skip_empty_lines: false,
        trim: true,
      });
    } catch (error) {
      throw new CommuneException(
        CommuneExceptionCode.CRITERIA_INVALID,
        `The CSV cannot be read: ${(error as Error).message}`,
      );
    }
    return this.saveCriteria(actor, programmeId, table, 'csv');
  }

  private saveCriteria(
    actor: Principal,
    programmeId: string,
    table: string[][],
    source: 'json' | 'csv',
  ): Promise<CriteriaResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.openProgramme(actor, manager, programmeId);
      const enrolled = new Set(
        (await this.communes.enrolments(programmeId, OrganisationScope.of(actor), manager)).map(
          (e) => e.inseeCode,
        ),
      );
      const parsed = parseCriteriaCsv(table, enrolled);
      if (!parsed.ok) {
        throw new CommuneException(
          CommuneExceptionCode.CRITERIA_INVALID,
          `${parsed.errors.length} problem(s) in the criteria; nothing was saved.`,
          parsed.errors.map((e) => ({
            field:
              source === 'csv'
                ? `line ${e.line}${e.field ? `: ${e.field}` : ''}`
                : `rows.${e.line - 2}${e.field ? `.${e.field}` : ''}`,
            message: e.message,
          })),
        );
      }
      const before = await this.allocations.criteria(programmeId, manager);
      await this.allocations.replaceCriteria(
        manager,
        programmeId,
        parsed.rows.flatMap((row) =>
          Object.entries(row.criteria).map(([name, value]) => ({
            inseeCode: row.inseeCode,
            name,
            value,
          })),
        ),
      );
      await this.audit.record(manager, actor, {
        action: 'programme.criteria-set',
        entityType: 'programme',
        entityId: programmeId,
        before: { values: before.length },
        after: { source, communes: parsed.rows.length, rows: parsed.rows },
      });
      return { programmeId, criteria: table[0].slice(1), rows: parsed.rows };
    });
  }

  /**
   * Computes the allocation of `totalCarnets` between enrolled communes. With dryRun nothing is
   * stored; otherwise a new version supersedes the current one. Either way each line says how it
   * was computed and how it changes from the current allocation.
   */
  allocate(
    actor: Principal,
    programmeId: string,
    input: AllocationRequestDto,
    dryRun: boolean,
  ): Promise<AllocationResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const programme = await this.openProgramme(actor, manager, programmeId);
      const enrolments = await this.communes.enrolments(
        programmeId,
        OrganisationScope.of(actor),
        manager,
      );
      if (enrolments.length === 0) {
        throw new CommuneException(
          CommuneExceptionCode.ALLOCATION_NO_ENROLLED_COMMUNES,
          'No commune has joined this programme yet.',
        );
      }
      const criteria = await this.allocations.criteria(programmeId, manager);
      const result = this.compute(
        input,
        enrolments.map((e) => ({ id: e.inseeCode, criteria: criteriaOf(criteria, e.inseeCode) })),
      );
      const valueCents =
        result.totals.total *
        carnetValueCents(programme.faceValueCents, programme.chequesPerCarnet);
      if (valueCents > programme.budgetCents) {
        throw new CommuneException(
          CommuneExceptionCode.ALLOCATION_EXCEEDS_BUDGET,
          `${result.totals.total} carnets are worth ${valueCents / 100} €, more than the budget of ${programme.budgetCents / 100} €.`,
        );
      }
      const current = await this.allocations.current(programmeId, manager);
      const names = new Map(enrolments.map((e) => [e.inseeCode, e.commune?.name ?? '']));
      const lines = result.communes.map((c) => lineOf(c, names, current));
      if (dryRun) {
        return {
          ...header(null, programmeId, input, true),
          totals: { ...result.totals, valueCents },
          lines,
        };
      }
      if (current) await this.allocations.supersede(manager, current.id);
      const saved = await this.allocations.insertVersion(
        manager,
        {
          programmeId,
          version: await this.allocations.nextVersion(manager, programmeId),
          totalCarnets: input.totalCarnets,
          fixedPerCommune: input.fixedPerCommune,
          weights: input.weights,
          createdBy: actor.id,
          supersededAt: null,
        },
        result.communes.map((c) => ({
          inseeCode: c.id,
          fixed: c.fixed,
          variable: c.variable,
          total: c.total,
          score: c.score,
          explanation: c.explanation,
        })),
      );
      // The communes' custody limits follow in the same transaction; one that already received
      // more carnets than its new allocation makes the CHECK refuse the whole commit.
      await this.custody.applyAllocation(manager, programmeId, saved.id).catch((error: unknown) => {
        if (violatedConstraint(error) === 'CHK_custody_holder_allocation') {
          throw new CommuneException(
            CommuneExceptionCode.ALLOCATION_BELOW_RECEIVED,
            'A commune would be allocated fewer carnets than it has already received: have it return carnets first.',
          );
        }
        throw error;
      });
      await this.audit.record(manager, actor, {
        action: 'allocation.committed',
        entityType: 'programme',
        entityId: programmeId,
        before: current ? { version: current.version, totalCarnets: current.totalCarnets } : null,
        after: {
          version: saved.version,
          totalCarnets: saved.totalCarnets,
          fixedPerCommune: saved.fixedPerCommune,
          weights: saved.weights,
          changes: lines
            .filter((l) => l.change !== 0)
            .map((l) => ({ inseeCode: l.inseeCode, total: l.total, change: l.change })),
        },
      });
      return {
        ...header(saved, programmeId, input, false),
        totals: { ...result.totals, valueCents },
        lines,
      };
    });
  }

  async current(principal: Principal, programmeId: string): Promise<AllocationResponseDto> {
    const programme = await this.programmes.get(principal, programmeId);
    const current = await this.allocations.current(programmeId);
    if (!current) {
      throw new CommuneException(
        CommuneExceptionCode.ALLOCATION_NOT_FOUND,
        'No allocation has been committed for this programme.',
      );
    }
    // Enrolments come in French name order, limited to what the caller may see.
    const enrolments = await this.communes.enrolments(programmeId, OrganisationScope.of(principal));
    const byCode = new Map((current.lines ?? []).map((l) => [l.inseeCode, l]));
    const lines: AllocationLineDto[] = enrolments.flatMap((e) => {
      const line = byCode.get(e.inseeCode);
      return line ? [{ ...line, communeName: e.commune?.name ?? '', change: null }] : [];
    });
    const totals = {
      fixed: sum(lines, 'fixed'),
      variable: sum(lines, 'variable'),
      total: sum(lines, 'total'),
    };
    const value = carnetValueCents(programme.faceValueCents, programme.chequesPerCarnet);
    return {
      ...header(current, programmeId, current, false),
      totals: { ...totals, valueCents: totals.total * value },
      lines,
    };
  }

  async versions(principal: Principal, programmeId: string): Promise<AllocationVersion[]> {
    await this.programmes.get(principal, programmeId);
    return this.allocations.versions(programmeId);
  }

  private compute(
    input: AllocationRequestDto,
    communes: { id: string; criteria: Record<string, number> }[],
  ) {
    try {
      return allocateCarnets({ ...input, communes });
    } catch (error) {
      if (!(error instanceof AllocationError)) throw error;
      const code =
        error.code === 'TOTAL_BELOW_FIXED_PARTS'
          ? CommuneExceptionCode.ALLOCATION_TOTAL_BELOW_FIXED_PARTS
          : CommuneExceptionCode.ALLOCATION_INVALID;
      throw new CommuneException(code, error.message);
    }
  }

  private async openProgramme(
    actor: Principal,
    manager: EntityManager,
    programmeId: string,
  ): Promise<Programme> {
    await this.programmes.get(actor, programmeId, manager);
    const programme = await this.programmeRows.findForUpdate(manager, programmeId);
    if (!programme || programme.status === 'CLOSED') {
      throw new FundingException(
        FundingExceptionCode.PROGRAMME_CLOSED,
        `Programme ${programmeId} is closed.`,
      );
    }
    return programme;
  }

  private async visibleCodes(principal: Principal, programmeId: string): Promise<Set<string>> {
    const enrolments = await this.communes.enrolments(programmeId, OrganisationScope.of(principal));
    return new Set(enrolments.map((e) => e.inseeCode));
  }
}

function criteriaOf(
  criteria: { inseeCode: string; name: string; value: number }[],
  inseeCode: string,
): Record<string, number> {
  return Object.fromEntries(
    criteria.filter((c) => c.inseeCode === inseeCode).map((c) => [c.name, c.value]),
  );
}

function lineOf(
  c: CommuneAllocation,
  names: Map<string, string>,
  current: AllocationVersion | null,
): AllocationLineDto {
  const previous = current?.lines?.find((l) => l.inseeCode === c.id);
  return {
    inseeCode: c.id,
    communeName: names.get(c.id) ?? '',
    fixed: c.fixed,
    variable: c.variable,
    total: c.total,
    score: c.score,
    exactVariable: c.exactVariable,
    explanation: c.explanation,
    change: previous ? c.total - previous.total : null,
  };
}

function header(
  version: AllocationVersion | null,
  programmeId: string,
  input: { totalCarnets: number; fixedPerCommune: number; weights: Record<string, number> },
  dryRun: boolean,
) {
  return {
    id: version?.id ?? null,
    programmeId,
    version: version?.version ?? null,
    dryRun,
    totalCarnets: input.totalCarnets,
    fixedPerCommune: input.fixedPerCommune,
    weights: input.weights,
    createdAt: version?.createdAt ?? null,
    supersededAt: version?.supersededAt ?? null,
  };
}

function sum(lines: AllocationLineDto[], field: 'fixed' | 'variable' | 'total'): number {
  return lines.reduce((total, line) => total + line[field], 0);
}

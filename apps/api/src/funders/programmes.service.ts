import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  activationProblems,
  canMoveProgramme,
  FULL_SHARE_BASIS_POINTS,
  programmeDateProblems,
  type ProgrammeStatus,
} from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#src/audit/audit.service.js';
import { OrganisationScope, type Principal } from '#src/access/principal.js';
import { paginate, type Page } from '#src/common/pagination.dto.js';
import type { SetFundingSharesDto, FundingSharesResponseDto } from './dto/funding-share.dto.js';
import type {
  CreateProgrammeDto,
  ListProgrammesQueryDto,
  UpdateProgrammeDto,
} from './dto/programme.dto.js';
import { funderParts } from './funder-parts.js';
import { FundersRepository } from './funders.repository.js';
import { FundingException, FundingExceptionCode } from './funding.exception.js';
import type { Programme } from './programme.entity.js';
import { ProgrammesRepository } from './programmes.repository.js';

const SORTABLE = {
  name: 'name',
  startDate: 'startDate',
  status: 'status',
  createdAt: 'createdAt',
} as const;
/** Terms printed on cheques: they cannot change once the programme is active. */
const FROZEN_WHEN_ACTIVE = ['faceValueCents', 'chequesPerCarnet'] as const;

@Injectable()
export class ProgrammesService {
  constructor(
    private readonly programmes: ProgrammesRepository,
    private readonly funders: FundersRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(principal: Principal, query: ListProgrammesQueryDto): Promise<Page<Programme>> {
    return paginate(query, SORTABLE, { startDate: 'DESC' }, (order, skip, take) =>
      this.programmes.findPage(
        OrganisationScope.of(principal),
        query.filter ?? {},
        order,
        skip,
        take,
      ),
    );
  }

  /** A programme the caller may see; NOT_FOUND alike for unknown and not visible. */
  async get(principal: Principal, id: string, manager?: EntityManager): Promise<Programme> {
    const programme = await this.programmes.findVisible(
      OrganisationScope.of(principal),
      id,
      manager,
    );
    if (!programme) throw notFound(id);
    return programme;
  }

  create(actor: Principal, input: CreateProgrammeDto): Promise<Programme> {
    assertDatesConsistent(input);
    return this.dataSource.transaction(async (manager) => {
      const programme = await this.programmes.save(manager, {
        ...input,
        graceDays: input.graceDays ?? 0,
        faceValueCents: input.faceValueCents ?? 1000,
        chequesPerCarnet: input.chequesPerCarnet ?? 10,
        maxCarnetsPerHousehold: input.maxCarnetsPerHousehold ?? 1,
        requireTrainedAgent: input.requireTrainedAgent ?? false,
        eligiblePublics: input.eligiblePublics ?? [],
        eligibleSituations: input.eligibleSituations ?? [],
        eligibleInseeCodes: input.eligibleInseeCodes ?? [],
        payableServices: input.payableServices ?? [],
        sepaFormat: input.sepaFormat ?? 'pain.001.001.09',
        openData: input.openData ?? false,
        helpPhone: input.helpPhone ?? null,
        status: 'DRAFT',
      });
      await this.audit.record(manager, actor, {
        action: 'programme.created',
        entityType: 'programme',
        entityId: programme.id,
        after: auditView(programme),
      });
      return programme;
    });
  }

  update(actor: Principal, id: string, input: UpdateProgrammeDto): Promise<Programme> {
    return this.dataSource.transaction(async (manager) => {
      const programme = await this.lockedOpen(manager, id);
      if (programme.status !== 'DRAFT') {
        const frozen = FROZEN_WHEN_ACTIVE.filter(
          (f) => input[f] !== undefined && input[f] !== programme[f],
        );
        if (frozen.length > 0) {
          throw new FundingException(
            FundingExceptionCode.PROGRAMME_TERMS_FROZEN,
            `${frozen.join(' and ')} cannot change once the programme is active: cheques carry them.`,
          );
        }
      }
      const before = auditView(programme);
      Object.assign(programme, input);
      assertDatesConsistent(programme);
      const saved = await this.programmes.save(manager, programme);
      await this.audit.record(manager, actor, {
        action: 'programme.updated',
        entityType: 'programme',
        entityId: id,
        before,
        after: auditView(saved),
      });
      return saved;
    });
  }

  /** DRAFT → ACTIVE (needs shares summing to 100 %) or ACTIVE → CLOSED. */
  transition(actor: Principal, id: string, to: ProgrammeStatus): Promise<Programme> {
    return this.dataSource.transaction(async (manager) => {
      const programme = await this.programmes.findForUpdate(manager, id);
      if (!programme) throw notFound(id);
      if (!canMoveProgramme(programme.status, to)) {
        throw new FundingException(
          FundingExceptionCode.PROGRAMME_TRANSITION_NOT_ALLOWED,
          `A ${programme.status} programme cannot become ${to}.`,
        );
      }
      if (to === 'ACTIVE') {
        const shares = await this.programmes.shares(id, manager);
        const problems = activationProblems({
          ...programme,
          shareBasisPoints: shares.map((s) => s.basisPoints),
        });
        if (problems.length > 0) {
          throw new FundingException(
            FundingExceptionCode.PROGRAMME_NOT_ACTIVATABLE,
            `The programme cannot be activated: ${problems.join('; ')}.`,
          );
        }
      }
      const from = programme.status;
      programme.status = to;
      const saved = await this.programmes.save(manager, programme);
      await this.audit.record(manager, actor, {
        action: to === 'ACTIVE' ? 'programme.activated' : 'programme.closed',
        entityType: 'programme',
        entityId: id,
        before: { status: from },
        after: { status: to },
      });
      return saved;
    });
  }

  async shares(principal: Principal, id: string): Promise<FundingSharesResponseDto> {
    const programme = await this.get(principal, id);
    return this.describeShares(programme, this.dataSource.manager);
  }

  /** Replaces all shares at once: they must name distinct funders and sum to exactly 100 %. */
  setShares(
    actor: Principal,
    id: string,
    input: SetFundingSharesDto,
  ): Promise<FundingSharesResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const programme = await this.lockedOpen(manager, id);
      const ids = input.shares.map((s) => s.funderId);
      if (new Set(ids).size !== ids.length) {
        throw new FundingException(
          FundingExceptionCode.DUPLICATE_FUNDER_IN_SHARES,
          'A funder appears twice in the shares.',
        );
      }
      const total = input.shares.reduce((sum, s) => sum + s.basisPoints, 0);
      if (total !== FULL_SHARE_BASIS_POINTS) {
        throw new FundingException(
          FundingExceptionCode.SHARES_NOT_100_PERCENT,
          `Shares sum to ${total} basis points (${total / 100} %); they must sum to exactly 10000 (100 %).`,
        );
      }
      const found = await this.funders.findByIds(ids, manager);
      const missing = ids.filter((fid) => !found.some((f) => f.id === fid));
      if (missing.length > 0) {
        throw new FundingException(
          FundingExceptionCode.FUNDER_NOT_FOUND,
          `No funder ${missing.join(', ')}.`,
        );
      }
      const before = (await this.programmes.shares(id, manager)).map((s) => ({
        funderId: s.funderId,
        basisPoints: s.basisPoints,
      }));
      await this.programmes.replaceShares(
        manager,
        id,
        input.shares.map((s) => ({
          programmeId: id,
          funderId: s.funderId,
          basisPoints: s.basisPoints,
        })),
      );
      await this.audit.record(manager, actor, {
        action: 'programme.funding-shares-set',
        entityType: 'programme',
        entityId: id,
        before: { shares: before },
        after: { shares: input.shares },
      });
      return this.describeShares(programme, manager);
    });
  }

  private async describeShares(
    programme: Programme,
    manager: EntityManager,
  ): Promise<FundingSharesResponseDto> {
    const shares = await this.programmes.shares(programme.id, manager);
    const total = shares.reduce((sum, s) => sum + s.basisPoints, 0);
    const parts = funderParts(programme.budgetCents, shares);
    return {
      programmeId: programme.id,
      totalBasisPoints: total,
      shares: shares.map((s) => ({
        funderId: s.funderId,
        funderName: s.funder?.name ?? '',
        basisPoints: s.basisPoints,
        budgetPartCents: parts.get(s.funderId) ?? 0,
      })),
    };
  }

  private async lockedOpen(manager: EntityManager, id: string): Promise<Programme> {
    const programme = await this.programmes.findForUpdate(manager, id);
    if (!programme) throw notFound(id);
    if (programme.status === 'CLOSED') {
      throw new FundingException(
        FundingExceptionCode.PROGRAMME_CLOSED,
        `Programme ${id} is closed.`,
      );
    }
    return programme;
  }
}

function notFound(id: string): FundingException {
  return new FundingException(FundingExceptionCode.PROGRAMME_NOT_FOUND, `No programme ${id}.`);
}

function auditView(programme: Programme): Record<string, unknown> {
  const { shares: _shares, createdAt: _c, updatedAt: _u, version: _v, ...fields } = programme;
  return fields;
}

function assertDatesConsistent(programme: { startDate: string; endDate: string }): void {
  const problems = programmeDateProblems(programme);
  if (problems.length > 0) {
    throw new FundingException(
      FundingExceptionCode.PROGRAMME_DATES_INCONSISTENT,
      'The programme cannot end before it starts.',
      problems,
    );
  }
}

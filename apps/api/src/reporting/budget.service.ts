import { Injectable } from '@nestjs/common';
import { carnetValueCents } from '@carnet/domain';
import type { Principal } from '#src/access/principal.js';
import type { BudgetResponseDto } from '#src/funders/dto/funding-share.dto.js';
import { funderParts } from '#src/funders/funder-parts.js';
import { ProgrammesRepository } from '#src/funders/programmes.repository.js';
import { ProgrammesService } from '#src/funders/programmes.service.js';
import { FiguresRepository } from './figures.repository.js';

/** The budget view of a programme: what it may spend, what is allocated, issued and left. */
@Injectable()
export class BudgetService {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly programmeRows: ProgrammesRepository,
    private readonly figures: FiguresRepository,
  ) {}

  /** Budget, value of the carnets allocated, and what remains, in total and per funder. */
  async budget(principal: Principal, programmeId: string): Promise<BudgetResponseDto> {
    const programme = await this.programmes.get(principal, programmeId);
    const shares = await this.programmeRows.shares(programmeId);
    const allocatedCents =
      (await this.figures.allocatedCarnets(programmeId)) *
      carnetValueCents(programme.faceValueCents, programme.chequesPerCarnet);
    const remainingCents = programme.budgetCents - allocatedCents;
    const issuedCents = await this.figures.issuedValueCents(programmeId);
    // Remaining is budget minus allocated funder by funder, so each row reconciles to the cent.
    const budgets = funderParts(programme.budgetCents, shares);
    const allocated = funderParts(allocatedCents, shares);
    const issued = funderParts(issuedCents, shares);
    return {
      programmeId,
      currency: 'EUR',
      budgetCents: programme.budgetCents,
      allocatedCents,
      remainingCents,
      issuedCents,
      byFunder: shares.map((s) => ({
        funderId: s.funderId,
        funderName: s.funder?.name ?? '',
        basisPoints: s.basisPoints,
        budgetCents: budgets.get(s.funderId) ?? 0,
        allocatedCents: allocated.get(s.funderId) ?? 0,
        remainingCents: (budgets.get(s.funderId) ?? 0) - (allocated.get(s.funderId) ?? 0),
        issuedCents: issued.get(s.funderId) ?? 0,
      })),
    };
  }
}

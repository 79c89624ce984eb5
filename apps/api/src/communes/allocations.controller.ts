import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { PROGRAMME_READERS } from '#src/funders/programme-readers.js';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { BudgetResponseDto } from '#src/funders/dto/funding-share.dto.js';
import { BudgetService } from '#src/reporting/budget.service.js';
import { AllocationsService } from './allocations.service.js';
import {
  AllocationQueryDto,
  AllocationRequestDto,
  AllocationResponseDto,
  AllocationVersionListResponseDto,
  CriteriaResponseDto,
  SetCriteriaDto,
} from './dto/allocation.dto.js';

@ApiTags('allocations')
@ApiBearerAuth()
@Controller('programmes/:programmeId')
export class AllocationsController {
  constructor(
    private readonly allocationsService: AllocationsService,
    private readonly budgetService: BudgetService,
  ) {}

  /** Criteria of the allocation key, per enrolled commune. */
  @Get('criteria')
  @Roles(...PROGRAMME_READERS)
  criteria(
    @CurrentPrincipal() principal: Principal,
    @Param('programmeId', ParseUuid) programmeId: string,
  ): Promise<CriteriaResponseDto> {
    return this.allocationsService.criteria(principal, programmeId);
  }

  /** Replaces all criteria. Every row is checked first; one bad row and nothing is saved. */
  @Put('criteria')
  @Roles('PROGRAMME_MANAGER')
  setCriteria(
    @CurrentPrincipal() principal: Principal,
    @Param('programmeId', ParseUuid) programmeId: string,
    @Body() body: SetCriteriaDto,
  ): Promise<CriteriaResponseDto> {
    return this.allocationsService.setCriteria(principal, programmeId, body.rows);
  }

  /**
   * Replaces all criteria from a CSV (`inseeCode,qpvPopulation,population`, comma or semicolon,
   * French decimals). Errors are listed line by line; one bad line and nothing is saved.
   */
  @Post('criteria/import')
  @Roles('PROGRAMME_MANAGER')
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: { type: 'string', example: 'inseeCode,qpvPopulation,population\n62498,8200,32920\n' },
  })
  importCriteria(
    @CurrentPrincipal() principal: Principal,
    @Param('programmeId', ParseUuid) programmeId: string,
    @Body() body: string,
  ): Promise<CriteriaResponseDto> {
    return this.allocationsService.importCriteriaCsv(principal, programmeId, body);
  }

  /**
   * Allocates carnets to the enrolled communes: fixed part + variable part by weighted criteria,
   * rounded by largest remainder so that the total is exact. `?dryRun=true` previews without
   * storing; otherwise a new version supersedes the current one.
   */
  @Post('allocations')
  @Roles('PROGRAMME_MANAGER')
  allocate(
    @CurrentPrincipal() principal: Principal,
    @Param('programmeId', ParseUuid) programmeId: string,
    @Query() query: AllocationQueryDto,
    @Body() body: AllocationRequestDto,
  ): Promise<AllocationResponseDto> {
    return this.allocationsService.allocate(principal, programmeId, body, query.dryRun === true);
  }

  /** Every committed version, newest first. */
  @Get('allocations')
  @Roles(...PROGRAMME_READERS)
  async versions(
    @CurrentPrincipal() principal: Principal,
    @Param('programmeId', ParseUuid) programmeId: string,
  ): Promise<AllocationVersionListResponseDto> {
    const versions = await this.allocationsService.versions(principal, programmeId);
    return {
      data: versions.map(
        ({ id, version, totalCarnets, fixedPerCommune, weights, createdAt, supersededAt }) => ({
          id,
          version,
          totalCarnets,
          fixedPerCommune,
          weights,
          createdAt,
          supersededAt,
        }),
      ),
    };
  }

  /** The allocation in force, line by line (a commune referent sees its own line). */
  @Get('allocations/current')
  @Roles(...PROGRAMME_READERS)
  current(
    @CurrentPrincipal() principal: Principal,
    @Param('programmeId', ParseUuid) programmeId: string,
  ): Promise<AllocationResponseDto> {
    return this.allocationsService.current(principal, programmeId);
  }

  /** Budget, value allocated and remaining, in total and per funder (split to the cent). */
  @Get('budget')
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'FUNDER_VIEWER')
  budget(
    @CurrentPrincipal() principal: Principal,
    @Param('programmeId', ParseUuid) programmeId: string,
  ): Promise<BudgetResponseDto> {
    return this.budgetService.budget(principal, programmeId);
  }
}

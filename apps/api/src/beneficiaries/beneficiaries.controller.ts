import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { BeneficiariesService } from './beneficiaries.service.js';
import {
  BeneficiaryCountsResponseDto,
  BeneficiaryListResponseDto,
  BeneficiaryResponseDto,
  CountsQueryDto,
  CreateBeneficiaryDto,
  HouseholdSearchResponseDto,
  ListBeneficiariesQueryDto,
  SearchHouseholdDto,
  UpdateBeneficiaryDto,
} from './dto/beneficiary.dto.js';

/**
 * People registered by prescriber structures. An agent sees its structure's only (404 for
 * another's); a programme manager sees all; a commune's référent sees counts, never people.
 */
@ApiTags('beneficiaries')
@ApiBearerAuth()
@Controller('beneficiaries')
export class BeneficiariesController {
  constructor(private readonly beneficiaries: BeneficiariesService) {}

  /** Most recent first. Filters: `programmeId`, `firstName` (prefix). */
  @Get()
  @Roles('PROGRAMME_MANAGER', 'PRESCRIBER_AGENT')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListBeneficiariesQueryDto,
  ): Promise<BeneficiaryListResponseDto> {
    return this.beneficiaries.list(principal, query);
  }

  /** Counts per commune by situation and age band: all communes for a manager, its own for a référent. */
  @Get('counts')
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT')
  counts(
    @CurrentPrincipal() principal: Principal,
    @Query() query: CountsQueryDto,
  ): Promise<BeneficiaryCountsResponseDto> {
    return this.beneficiaries.counts(principal, query.programmeId);
  }

  /** A household's beneficiaries in the caller's scope, found from its address (never stored). */
  @Post('search')
  @HttpCode(200)
  @Roles('PROGRAMME_MANAGER', 'PRESCRIBER_AGENT')
  async search(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SearchHouseholdDto,
  ): Promise<HouseholdSearchResponseDto> {
    return { data: await this.beneficiaries.searchHousehold(principal, body) };
  }

  @Get(':id')
  @Roles('PROGRAMME_MANAGER', 'PRESCRIBER_AGENT')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<BeneficiaryResponseDto> {
    return this.beneficiaries.get(principal, id);
  }

  /**
   * Registers a person for an ACTIVE programme one of the structure's communes is enrolled in:
   * 422 BENEFICIARY_NOT_ELIGIBLE outside the programme's publics, 422 CONTACT_CONSENT_REQUIRED for
   * a contact without consent. The address only computes the household key.
   */
  @Post()
  @Roles('PROGRAMME_MANAGER', 'PRESCRIBER_AGENT')
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateBeneficiaryDto,
  ): Promise<BeneficiaryResponseDto> {
    return this.beneficiaries.create(principal, body);
  }

  @Patch(':id')
  @Roles('PROGRAMME_MANAGER', 'PRESCRIBER_AGENT')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: UpdateBeneficiaryDto,
  ): Promise<BeneficiaryResponseDto> {
    return this.beneficiaries.update(principal, id, body);
  }
}

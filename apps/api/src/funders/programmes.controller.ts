import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { PROGRAMME_READERS } from './programme-readers.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { FundingSharesResponseDto, SetFundingSharesDto } from './dto/funding-share.dto.js';
import {
  CreateProgrammeDto,
  ListProgrammesQueryDto,
  ProgrammeListResponseDto,
  ProgrammeResponseDto,
  UpdateProgrammeDto,
} from './dto/programme.dto.js';
import { ProgrammesService } from './programmes.service.js';

@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmesService: ProgrammesService) {}

  /**
   * Programmes the caller may see: all for the owner's staff, those it funds for a funder,
   * those its commune joined for a commune referent and for a prescriber structure's agents (who
   * register people for them: the counter needs their names, publics and payable services).
   */
  @Get()
  @Roles(...PROGRAMME_READERS, 'PRESCRIBER_AGENT')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListProgrammesQueryDto,
  ): Promise<ProgrammeListResponseDto> {
    const page = await this.programmesService.list(principal, query);
    return { data: page.data.map((p) => ProgrammeResponseDto.from(p)), meta: page.meta };
  }

  @Get(':id')
  @Roles(...PROGRAMME_READERS, 'PRESCRIBER_AGENT')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<ProgrammeResponseDto> {
    return ProgrammeResponseDto.from(await this.programmesService.get(principal, id));
  }

  /** Creates a programme in DRAFT. */
  @Post()
  @Roles('PROGRAMME_MANAGER')
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateProgrammeDto,
  ): Promise<ProgrammeResponseDto> {
    return ProgrammeResponseDto.from(await this.programmesService.create(principal, body));
  }

  /** Changes a programme; face value and cheques per carnet are frozen once it is active. */
  @Patch(':id')
  @Roles('PROGRAMME_MANAGER')
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: UpdateProgrammeDto,
  ): Promise<ProgrammeResponseDto> {
    return ProgrammeResponseDto.from(await this.programmesService.update(principal, id, body));
  }

  /** DRAFT → ACTIVE: needs funders' shares summing to exactly 100 %. */
  @Post(':id/activate')
  @Roles('PROGRAMME_MANAGER')
  @HttpCode(HttpStatus.OK)
  async activate(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<ProgrammeResponseDto> {
    return ProgrammeResponseDto.from(
      await this.programmesService.transition(principal, id, 'ACTIVE'),
    );
  }

  /** ACTIVE → CLOSED: nothing changes any more. */
  @Post(':id/close')
  @Roles('PROGRAMME_MANAGER')
  @HttpCode(HttpStatus.OK)
  async close(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<ProgrammeResponseDto> {
    return ProgrammeResponseDto.from(
      await this.programmesService.transition(principal, id, 'CLOSED'),
    );
  }

  /** Funders' shares with each one's part of the budget, split to the cent. */
  @Get(':id/funding-shares')
  @Roles(...PROGRAMME_READERS)
  shares(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<FundingSharesResponseDto> {
    return this.programmesService.shares(principal, id);
  }

  /** Replaces the shares; they must sum to exactly 10000 basis points. */
  @Put(':id/funding-shares')
  @Roles('PROGRAMME_MANAGER')
  setShares(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: SetFundingSharesDto,
  ): Promise<FundingSharesResponseDto> {
    return this.programmesService.setShares(principal, id, body);
  }
}

import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import {
  CreateFunderDto,
  FunderListResponseDto,
  FunderResponseDto,
  ListFundersQueryDto,
  UpdateFunderDto,
} from './dto/funder.dto.js';
import { FundersService } from './funders.service.js';

@ApiTags('funders')
@ApiBearerAuth()
@Controller('funders')
export class FundersController {
  constructor(private readonly fundersService: FundersService) {}

  /** Funders: all for the programme owner's staff, its own record for a funder's viewer. */
  @Get()
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'FUNDER_VIEWER')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListFundersQueryDto,
  ): Promise<FunderListResponseDto> {
    const page = await this.fundersService.list(principal, query);
    return { data: page.data.map((f) => FunderResponseDto.from(f)), meta: page.meta };
  }

  @Get(':id')
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'FUNDER_VIEWER')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<FunderResponseDto> {
    return FunderResponseDto.from(await this.fundersService.get(principal, id));
  }

  /** Registers a funder (and the organisation its viewers will belong to). */
  @Post()
  @Roles('PROGRAMME_MANAGER')
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateFunderDto,
  ): Promise<FunderResponseDto> {
    return FunderResponseDto.from(await this.fundersService.create(principal, body));
  }

  @Patch(':id')
  @Roles('PROGRAMME_MANAGER')
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: UpdateFunderDto,
  ): Promise<FunderResponseDto> {
    return FunderResponseDto.from(await this.fundersService.update(principal, id, body));
  }
}

import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import {
  CreatePrescriberDto,
  ListPrescribersQueryDto,
  PrescriberListResponseDto,
  PrescriberResponseDto,
  UpdatePrescriberDto,
} from './dto/prescriber.dto.js';
import { PrescribersService } from './prescribers.service.js';

@ApiTags('prescribers')
@ApiBearerAuth()
@Controller('prescribers')
export class PrescribersController {
  constructor(private readonly prescribers: PrescribersService) {}

  /** Prescriber structures: all for the programme owner, a commune's own for its référents, its own for an agent. */
  @Get()
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT', 'PRESCRIBER_AGENT')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListPrescribersQueryDto,
  ): Promise<PrescriberListResponseDto> {
    const page = await this.prescribers.list(principal, query);
    return { data: page.data.map((p) => PrescriberResponseDto.from(p)), meta: page.meta };
  }

  @Get(':id')
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT', 'PRESCRIBER_AGENT')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<PrescriberResponseDto> {
    return PrescriberResponseDto.from(await this.prescribers.get(principal, id));
  }

  /** Registers a structure in a commune (a référent: in their own commune only). */
  @Post()
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT')
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreatePrescriberDto,
  ): Promise<PrescriberResponseDto> {
    return PrescriberResponseDto.from(await this.prescribers.create(principal, body));
  }

  /**
   * Edits a structure. A référent changes its name, type, SIRET and contact details; moving it to
   * another commune (whose stock supplies it) is a programme manager's change: a référent
   * sending a new `inseeCode` gets 403 FIELD_NOT_SELF_SERVICE.
   */
  @Patch(':id')
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT')
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: UpdatePrescriberDto,
  ): Promise<PrescriberResponseDto> {
    return PrescriberResponseDto.from(await this.prescribers.update(principal, id, body));
  }
}

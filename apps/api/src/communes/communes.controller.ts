import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { CommunesService } from './communes.service.js';
import {
  CommuneDirectoryEntryDto,
  CommuneDirectoryResponseDto,
  CommuneListResponseDto,
  CommuneReferentListResponseDto,
  CommuneResponseDto,
  ImportCommunesDto,
  ImportCommunesResponseDto,
  ListCommunesQueryDto,
} from './dto/commune.dto.js';

@ApiTags('communes')
@ApiBearerAuth()
@Controller('communes')
export class CommunesController {
  constructor(private readonly communesService: CommunesService) {}

  /** Communes: all for the owner's staff, its own for a commune referent. */
  @Get()
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'COMMUNE_REFERENT')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListCommunesQueryDto,
  ): Promise<CommuneListResponseDto> {
    const page = await this.communesService.list(principal, query);
    return { data: page.data.map((c) => CommuneResponseDto.from(c)), meta: page.meta };
  }

  /**
   * Every imported commune's name and INSEE code (public data of the official geographic code),
   * to pick the communes a structure serves: a référent's `/communes` holds its own commune only.
   * Filters `q` (name or INSEE code), `departement`, `epciSiren`.
   */
  @Get('directory')
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT')
  async directory(@Query() query: ListCommunesQueryDto): Promise<CommuneDirectoryResponseDto> {
    const page = await this.communesService.directory(query);
    return { data: page.data.map((c) => CommuneDirectoryEntryDto.from(c)), meta: page.meta };
  }

  @Get(':inseeCode')
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'COMMUNE_REFERENT')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('inseeCode') inseeCode: string,
  ): Promise<CommuneResponseDto> {
    return CommuneResponseDto.from(await this.communesService.get(principal, inseeCode));
  }

  /** The commune's referent accounts, to name them on an enrolment. */
  @Get(':inseeCode/referents')
  @Roles('PROGRAMME_MANAGER', 'COMMUNE_REFERENT')
  async referents(
    @CurrentPrincipal() principal: Principal,
    @Param('inseeCode') inseeCode: string,
  ): Promise<CommuneReferentListResponseDto> {
    const users = await this.communesService.referents(principal, inseeCode);
    return { data: users.map(({ id, displayName, email }) => ({ id, displayName, email })) };
  }

  /**
   * Imports the communes of an EPCI (`{ "epciSiren": "246200364" }`) or a département
   * (`{ "departement": "62" }`) from the official geographic code shipped with Carnet.
   * Idempotent: importing again updates populations and names.
   */
  @Post('import')
  @Roles('PROGRAMME_MANAGER')
  @HttpCode(HttpStatus.OK)
  import(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ImportCommunesDto,
  ): Promise<ImportCommunesResponseDto> {
    return this.communesService.import(principal, body);
  }
}

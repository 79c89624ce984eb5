import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import {
  CreateOrganisationDto,
  ListOrganisationsQueryDto,
  OrganisationListResponseDto,
  OrganisationResponseDto,
} from './dto/organisation.dto.js';
import { OrganisationsService } from './organisations.service.js';

@ApiTags('organisations')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisationsService: OrganisationsService) {}

  /** Lists organisations (the owner, funders, communes, prescribers, venues). */
  @Get()
  async list(@Query() query: ListOrganisationsQueryDto): Promise<OrganisationListResponseDto> {
    const page = await this.organisationsService.list(query);
    return { data: page.data.map((o) => OrganisationResponseDto.from(o)), meta: page.meta };
  }

  @Get(':id')
  async get(@Param('id', ParseUuid) id: string): Promise<OrganisationResponseDto> {
    return OrganisationResponseDto.from(await this.organisationsService.get(id));
  }

  /** Creates an organisation; never a second OWNER (409 OWNER_ORGANISATION_EXISTS). */
  @Post()
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateOrganisationDto,
  ): Promise<OrganisationResponseDto> {
    return OrganisationResponseDto.from(await this.organisationsService.create(principal, body));
  }
}

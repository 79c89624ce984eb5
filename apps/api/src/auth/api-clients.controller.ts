import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ApiClientsService } from './api-clients.service.js';
import {
  ApiClientCreatedResponseDto,
  ApiClientListResponseDto,
  ApiClientResponseDto,
  CreateApiClientDto,
  ListApiClientsQueryDto,
} from './dto/api-client.dto.js';

@ApiTags('api-clients')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('api-clients')
export class ApiClientsController {
  constructor(private readonly apiClientsService: ApiClientsService) {}

  @Get()
  async list(@Query() query: ListApiClientsQueryDto): Promise<ApiClientListResponseDto> {
    const page = await this.apiClientsService.list(query);
    return { data: page.data.map((c) => ApiClientResponseDto.from(c)), meta: page.meta };
  }

  @Get(':id')
  async get(@Param('id', ParseUuid) id: string): Promise<ApiClientResponseDto> {
    return ApiClientResponseDto.from(await this.apiClientsService.get(id));
  }

  /** Registers a third-party frontend for a venue. The answer holds its secret, shown only once. */
  @Post()
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateApiClientDto,
  ): Promise<ApiClientCreatedResponseDto> {
    const { client, secret } = await this.apiClientsService.create(principal, body);
    return { ...ApiClientResponseDto.from(client), clientSecret: secret };
  }

  /** Revokes the client: its tokens stop working at once. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<void> {
    await this.apiClientsService.revoke(principal, id);
  }
}

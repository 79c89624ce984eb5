import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import {
  ApiProblems,
  missingRoleExample,
  type ProblemExample,
  UNAUTHENTICATED_EXAMPLE,
} from '#src/common/api-problems.js';
import { CommonExceptionCode } from '#src/common/common.exception.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import {
  CreateFunderDto,
  FunderListResponseDto,
  FunderResponseDto,
  ListFundersQueryDto,
  UpdateFunderDto,
} from './dto/funder.dto.js';
import { FundersService } from './funders.service.js';

const LOGO_ID_INVALID: ProblemExample = {
  code: CommonExceptionCode.VALIDATION_FAILED,
  summary: 'The id in the path is not a UUID.',
  detail: 'The id in the path must be a UUID.',
  errors: [{ field: 'id', message: 'must be a UUID' }],
};

const FUNDER_NOT_FOUND_EXAMPLE: ProblemExample = {
  code: 'FUNDER_NOT_FOUND',
  summary: 'No such funder (or one the caller may not see).',
  detail: 'No funder 3f2a9c1e-5b7d-4e2f-9a1b-0c3d5e7f9a1b.',
};

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

  /**
   * Uploads the funder's logo as the raw body: PNG (Content-Type: image/png) or JPEG
   * (image/jpeg), at most 1 MB. It replaces the previous one and is printed on the cover of the
   * carnets of the programmes it funds. Audited.
   */
  @Put(':id/logo')
  @Roles('PROGRAMME_MANAGER')
  @ApiConsumes('image/png', 'image/jpeg')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiProblems('/api/v1/funders/3f2a9c1e-5b7d-4e2f-9a1b-0c3d5e7f9a1b/logo', [
    {
      code: 'IMAGE_NOT_PNG_OR_JPEG',
      summary: 'Not a PNG or JPEG pdfkit can read',
      detail:
        'Send the image as PNG (Content-Type: image/png) or JPEG (image/jpeg): this file is not a readable image of that type.',
    },
    { code: 'IMAGE_TOO_LARGE', summary: 'Over 1 MB', detail: 'The image is larger than 1 MB.' },
    {
      code: CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE,
      summary: 'Another Content-Type than image/png or image/jpeg (a GIF, say).',
      detail: 'This route accepts image/png or image/jpeg bodies, not image/gif.',
    },
    LOGO_ID_INVALID,
    UNAUTHENTICATED_EXAMPLE,
    missingRoleExample('PROGRAMME_MANAGER'),
    FUNDER_NOT_FOUND_EXAMPLE,
  ])
  async setLogo(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: Buffer,
  ): Promise<FunderResponseDto> {
    return FunderResponseDto.from(
      await this.fundersService.setLogo(principal, id, body, contentType),
    );
  }

  /** Removes the logo; the covers print the funder's name instead. Audited. */
  @Delete(':id/logo')
  @Roles('PROGRAMME_MANAGER')
  async removeLogo(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<FunderResponseDto> {
    return FunderResponseDto.from(await this.fundersService.removeLogo(principal, id));
  }

  /** The funder's logo as uploaded (image/png or image/jpeg). */
  @Get(':id/logo')
  @Roles('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'FUNDER_VIEWER')
  @ApiProduces('image/png', 'image/jpeg')
  @ApiProblems('/api/v1/funders/3f2a9c1e-5b7d-4e2f-9a1b-0c3d5e7f9a1b/logo', [
    {
      code: 'FUNDER_LOGO_NOT_FOUND',
      summary: 'The funder has no logo',
      detail: 'Funder 3f2a9c1e-5b7d-4e2f-9a1b-0c3d5e7f9a1b has no logo.',
    },
    LOGO_ID_INVALID,
    UNAUTHENTICATED_EXAMPLE,
    missingRoleExample('PROGRAMME_MANAGER', 'FINANCE_OFFICER', 'FUNDER_VIEWER'),
    FUNDER_NOT_FOUND_EXAMPLE,
  ])
  async logo(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const document = await this.fundersService.logo(principal, id);
    response
      .type(document.contentType)
      .setHeader('Cache-Control', 'private, no-cache')
      .setHeader('Digest', `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`)
      .send(document.content);
  }
}

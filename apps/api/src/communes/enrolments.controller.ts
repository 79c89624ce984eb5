import { Body, Controller, Get, Headers, Param, Patch, Post, Put, Res } from '@nestjs/common';
import { PROGRAMME_READERS } from '#src/funders/programme-readers.js';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import {
  CreateEnrolmentDto,
  EnrolmentListResponseDto,
  EnrolmentResponseDto,
  UpdateEnrolmentDto,
} from './dto/enrolment.dto.js';
import { EnrolmentsService, readsReferentsOf } from './enrolments.service.js';

@ApiTags('enrolments')
@ApiBearerAuth()
@Controller('programmes/:programmeId/enrolments')
export class EnrolmentsController {
  constructor(private readonly enrolmentsService: EnrolmentsService) {}

  /**
   * Communes that joined the programme (a commune referent sees its own). Funder viewers read
   * communes and dates; référents' names and e-mails are left out for them.
   */
  @Get()
  @Roles(...PROGRAMME_READERS)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('programmeId', ParseUuid) programmeId: string,
  ): Promise<EnrolmentListResponseDto> {
    const enrolments = await this.enrolmentsService.list(principal, programmeId);
    return {
      data: enrolments.map((e) => EnrolmentResponseDto.from(e, readsReferentsOf(principal))),
    };
  }

  /** A commune joins the programme with its délibération and, when signed, its convention. */
  @Post()
  @Roles('PROGRAMME_MANAGER')
  async enrol(
    @CurrentPrincipal() principal: Principal,
    @Param('programmeId', ParseUuid) programmeId: string,
    @Body() body: CreateEnrolmentDto,
  ): Promise<EnrolmentResponseDto> {
    return EnrolmentResponseDto.from(
      await this.enrolmentsService.enrol(principal, programmeId, body),
      readsReferentsOf(principal),
    );
  }

  @Patch(':inseeCode')
  @Roles('PROGRAMME_MANAGER')
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('programmeId', ParseUuid) programmeId: string,
    @Param('inseeCode') inseeCode: string,
    @Body() body: UpdateEnrolmentDto,
  ): Promise<EnrolmentResponseDto> {
    return EnrolmentResponseDto.from(
      await this.enrolmentsService.update(principal, programmeId, inseeCode, body),
      readsReferentsOf(principal),
    );
  }

  /** Uploads the délibération as the raw PDF body (Content-Type: application/pdf, ≤ 10 MB). */
  @Put(':inseeCode/deliberation')
  @Roles('PROGRAMME_MANAGER')
  @ApiConsumes('application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  async attach(
    @CurrentPrincipal() principal: Principal,
    @Param('programmeId', ParseUuid) programmeId: string,
    @Param('inseeCode') inseeCode: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: Buffer,
  ): Promise<EnrolmentResponseDto> {
    return EnrolmentResponseDto.from(
      await this.enrolmentsService.attachDeliberation(
        principal,
        programmeId,
        inseeCode,
        body,
        contentType,
      ),
      readsReferentsOf(principal),
    );
  }

  /**
   * The délibération (a public act of the municipal council) of an enrolled commune, for every
   * reader of the programme, a commune's référents for their own commune only.
   */
  @Get(':inseeCode/deliberation')
  @Roles(...PROGRAMME_READERS)
  @ApiProduces('application/pdf')
  async deliberation(
    @CurrentPrincipal() principal: Principal,
    @Param('programmeId', ParseUuid) programmeId: string,
    @Param('inseeCode') inseeCode: string,
    @Res() response: Response,
  ): Promise<void> {
    const document = await this.enrolmentsService.deliberation(principal, programmeId, inseeCode);
    response
      .type(document.contentType)
      .setHeader(
        'Content-Disposition',
        `inline; filename="${document.filename.replace(/[^\w.-]/g, '_')}"`,
      )
      .setHeader('Digest', `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`)
      .send(document.content);
  }
}

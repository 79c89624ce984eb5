import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseEnumPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { IssuanceService } from './issuance.service.js';
import {
  IssuanceListResponseDto,
  IssuanceResponseDto,
  IssueCarnetsDto,
  ListIssuancesQueryDto,
  ReprintDto,
} from './dto/issuance.dto.js';

enum PrintFormat {
  csv = 'csv',
  pdf = 'pdf',
}

@ApiTags('carnets')
@ApiBearerAuth()
@Controller()
export class IssuancesController {
  constructor(private readonly issuance: IssuanceService) {}

  /**
   * Issues N carnets of an ACTIVE programme, within its budget. Answers 202 at once with the
   * issuance run; the worker writes the carnets (progress in `carnetsDone`) and then the print
   * files. Poll `GET /issuances/{id}` until `status` is DONE.
   */
  @Post('programmes/:programmeId/carnets')
  @Roles('PROGRAMME_MANAGER')
  @HttpCode(HttpStatus.ACCEPTED)
  async issue(
    @CurrentPrincipal() principal: Principal,
    @Param('programmeId', ParseUuid) programmeId: string,
    @Body() body: IssueCarnetsDto,
  ): Promise<IssuanceResponseDto> {
    return IssuanceResponseDto.from(
      await this.issuance.request(principal, programmeId, body.count, body.cropMarks ?? false),
    );
  }

  @Get('issuances')
  @Roles('PROGRAMME_MANAGER')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListIssuancesQueryDto,
  ): Promise<IssuanceListResponseDto> {
    const page = await this.issuance.list(principal, query);
    return {
      data: page.data.map(({ issuance, files }) => IssuanceResponseDto.from(issuance, files)),
      meta: page.meta,
    };
  }

  @Get('issuances/:id')
  @Roles('PROGRAMME_MANAGER')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<IssuanceResponseDto> {
    const issuance = await this.issuance.get(principal, id);
    return IssuanceResponseDto.from(issuance, await this.issuance.files(issuance));
  }

  /** Puts a FAILED run back in the queue; it resumes after its last committed chunk. */
  @Post('issuances/:id/resume')
  @Roles('PROGRAMME_MANAGER')
  @HttpCode(HttpStatus.ACCEPTED)
  async resume(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
  ): Promise<IssuanceResponseDto> {
    return IssuanceResponseDto.from(await this.issuance.resume(principal, id));
  }

  /**
   * Produces the print output again with NEW security codes for the run's carnets still in the
   * programme stock; the previous files and codes stop working. Audited. Answers 202; the worker
   * writes the files. The body may ask for crop marks on the new PDF (`cropMarks`).
   */
  @Post('issuances/:id/print')
  @Roles('PROGRAMME_MANAGER')
  @HttpCode(HttpStatus.ACCEPTED)
  async reprint(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: ReprintDto,
  ): Promise<IssuanceResponseDto> {
    return IssuanceResponseDto.from(await this.issuance.regenerate(principal, id, body.cropMarks));
  }

  /**
   * Downloads a print file of the current generation: `csv` (for an outside printer: columns
   * carnetSerial, chequeNumber, securityCode, faceValueCents, validUntil, qrPayload, …) or `pdf`
   * (printable carnets, for runs up to PRINT_PDF_MAX_CARNETS: per carnet a cover page for the
   * beneficiary, then its cheques; fonts embedded; crop marks if asked). Each download is audited.
   */
  @Get('issuances/:id/files/:format')
  @Roles('PROGRAMME_MANAGER')
  @ApiParam({ name: 'format', enum: PrintFormat })
  @ApiProduces('text/csv', 'application/pdf')
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Param('format', new ParseEnumPipe(PrintFormat)) format: PrintFormat,
    @Res() response: Response,
  ): Promise<void> {
    const kind = format === PrintFormat.csv ? 'CSV' : 'PDF';
    const { file, filename, chunks } = await this.issuance.download(principal, id, kind);
    response
      .status(200)
      .type(kind === 'CSV' ? 'text/csv; charset=utf-8' : 'application/pdf')
      .setHeader('Content-Disposition', `attachment; filename="${filename}"`)
      .setHeader('Content-Length', String(file.sizeBytes))
      .setHeader('Cache-Control', 'no-store');
    for await (const chunk of chunks) {
      if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve));
    }
    response.end();
  }
}

import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ClientScopes, CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ApiProblems } from '#src/common/api-problems.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { BatchExportService } from './batch-export.service.js';
import { BatchFilesService } from './batch-files.service.js';
import {
  BATCH_EXAMPLE,
  DOWNLOAD_PROBLEMS,
  EXPORTED_BATCH_EXAMPLE,
  EXPORTING_BATCH_EXAMPLE,
  EXPORT_PROBLEMS,
} from './dto/batch-examples.js';
import { ExportBatchDto, ReimbursementBatchDto } from './dto/batch.dto.js';
import { MEDIA_TYPES } from './files/names.js';

const BASE = '/api/v1/reimbursement-batches';

/**
 * An approved batch's files: the export that writes them (SEPA transfer file, état liquidatif,
 * cheques, summary, each venue's statement, manifest) and their downloads.
 */
@ApiTags('reimbursements')
@ApiBearerAuth()
@Controller('reimbursement-batches')
export class BatchFilesController {
  constructor(
    private readonly exports: BatchExportService,
    private readonly files: BatchFilesService,
  ) {}

  /**
   * Asks for an APPROVED batch's files, the bank to execute the transfers on
   * `requestedExecutionDate` (today in Paris to 90 days ahead). Answers 202: the worker writes
   * `sepa.xml` (in the programme's SEPA format), `etat-liquidatif.xlsx` and `.csv`,
   * `cheques.csv`, `synthese.pdf`, one `releve-<SIRET>.pdf` per paid venue and `manifest.json`
   * (the SHA-256 of every other file), then the batch is EXPORTED; poll its `progress` (files
   * written) meanwhile. Asking again for the same day, while it runs or once done, answers the
   * batch as it is; for another day, 409 EXPORT_ALREADY_REQUESTED.
   */
  @Post(':id/export')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles('FINANCE_OFFICER')
  @ApiAcceptedResponse({
    type: ReimbursementBatchDto,
    examples: {
      asked: { summary: 'Export asked, files being written', value: EXPORTING_BATCH_EXAMPLE },
      exported: { summary: 'Asked again once done', value: EXPORTED_BATCH_EXAMPLE },
    },
  })
  @ApiProblems(`${BASE}/${BATCH_EXAMPLE.id}/export`, EXPORT_PROBLEMS)
  export(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Body() body: ExportBatchDto,
  ): Promise<ReimbursementBatchDto> {
    return this.exports.request(principal, id, body.requestedExecutionDate);
  }

  /**
   * Downloads a file of an exported batch, streamed, with its SHA-256 in `X-Content-SHA256`
   * (the manifest lists the same). Finance officers read every file; a venue (its staff, its
   * software with `redemptions:read`) only its own statement `releve-<SIRET>.pdf`, any other
   * name being 404 FILE_NOT_FOUND. 409 FILE_NOT_READY until the batch is exported. Audited.
   */
  @Get(':id/files/:name')
  @Roles('FINANCE_OFFICER', 'VENUE_STAFF')
  @ClientScopes('redemptions:read')
  @ApiParam({
    name: 'name',
    description:
      'sepa.xml, etat-liquidatif.xlsx, etat-liquidatif.csv, cheques.csv, synthese.pdf, ' +
      'manifest.json, or releve-<SIRET or RNA, lower case>.pdf',
    example: 'sepa.xml',
  })
  @ApiProduces(
    MEDIA_TYPES.xml,
    MEDIA_TYPES.xlsx,
    MEDIA_TYPES.csv,
    MEDIA_TYPES.pdf,
    MEDIA_TYPES.json,
  )
  @ApiOkResponse({
    description: 'The bytes of the file, as an attachment.',
    headers: {
      'X-Content-SHA256': {
        description: 'Hex SHA-256 of the bytes, as the manifest lists it.',
        schema: { type: 'string' },
      },
      'Content-Disposition': {
        description: 'attachment; filename="<name>"',
        schema: { type: 'string' },
      },
    },
  })
  @ApiProblems(`${BASE}/${BATCH_EXAMPLE.id}/files/sepa.xml`, DOWNLOAD_PROBLEMS)
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Param('name') name: string,
    @Res() response: Response,
  ): Promise<void> {
    const { file, chunks } = await this.files.download(principal, id, name);
    response
      .status(200)
      .type(file.mediaType)
      .setHeader('Content-Disposition', `attachment; filename="${file.name}"`)
      .setHeader('Content-Length', String(file.sizeBytes))
      .setHeader('X-Content-SHA256', file.sha256)
      .setHeader('Cache-Control', 'no-store');
    for await (const chunk of chunks) {
      if (response.destroyed) break;
      if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve));
    }
    response.end();
  }
}

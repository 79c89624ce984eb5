import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#src/access/auth.decorators.js';
import { ApiProblems, type ProblemExample } from '#src/common/api-problems.js';
import { CommonExceptionCode } from '#src/common/common.exception.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import { FundingExceptionCode } from '#src/funders/funding.exception.js';
import { ProgrammeUsageDto } from './dto/open-usage.dto.js';
import { OpenUsageService } from './open-usage.service.js';

/**
 * Public data: caches and proxies may keep it five minutes (the store refreshes about as often).
 * Only a success: a 404 kept by a cache would hide a programme published meanwhile.
 */
const CACHE = 'public, max-age=300';

/** Cache headers of a success; `Last-Modified`: the store's refresh the figures come from. */
function cacheable(response: Response, asOf: Date | null): void {
  response.setHeader('Cache-Control', CACHE);
  if (asOf) response.setHeader('Last-Modified', asOf.toUTCString());
}

const PROGRAMME_ID = 'be9f676a-0335-4740-9f59-c97cb984280e';
const problems = (file: string): readonly ProblemExample[] => [
  {
    code: CommonExceptionCode.VALIDATION_FAILED,
    summary: 'The id in the path is not a UUID.',
    detail: 'The id in the path must be a UUID.',
    errors: [{ field: 'id', message: 'must be a UUID' }],
    instance: `/api/v1/public/programmes/lens-2026/${file}`,
  },
  {
    code: FundingExceptionCode.PROGRAMME_NOT_FOUND,
    summary: 'No such programme, or its manager does not publish its usage (the same answer).',
    detail: `No programme ${PROGRAMME_ID}.`,
  },
];

/**
 * Open usage data of a programme, no login: sessions paid with cheques, cheques and amounts per
 * commune of the venues, month and service, small counts withheld (README « Open usage data »).
 * Only for a programme its manager publishes (`openData`); any other id is a 404.
 */
@ApiTags('open data')
@Public()
@Controller('public/programmes')
export class PublicUsageController {
  constructor(private readonly openUsage: OpenUsageService) {}

  /**
   * The table as JSON, withheld figures null and flagged `suppressed`; `asOf`: the instant the
   * figures reflect (also the `Last-Modified` header).
   */
  @Get(':id/usage.json')
  @ApiProblems(`/api/v1/public/programmes/${PROGRAMME_ID}/usage.json`, problems('usage.json'))
  async json(
    @Param('id', ParseUuid) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProgrammeUsageDto> {
    const usage = await this.openUsage.usage(id);
    cacheable(response, usage.asOf);
    return usage;
  }

  /**
   * The table as CSV (UTF-8 with BOM, `;`, CRLF), columns `code_insee`, `commune`, `mois`,
   * `service`, `seances`, `cheques`, `montant_euros` (a decimal comma); withheld figures empty;
   * each commune and month's total on a row whose service is « Tous services ». Named
   * `usage-<programme>-<day of asOf>.csv`; `Last-Modified`: asOf.
   */
  @Get(':id/usage.csv')
  @ApiProduces('text/csv')
  @ApiProblems(`/api/v1/public/programmes/${PROGRAMME_ID}/usage.csv`, problems('usage.csv'))
  async csv(
    @Param('id', ParseUuid) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const { filename, asOf, body } = await this.openUsage.csv(id);
    cacheable(response, asOf);
    response
      .setHeader('Content-Type', 'text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return body;
  }
}

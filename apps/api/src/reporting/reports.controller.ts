import {
  applyDecorators,
  Controller,
  Get,
  Param,
  Req,
  Res,
  type StreamableFile,
  type Type,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Roles } from '#src/access/auth.decorators.js';
import type { Principal } from '#src/access/principal.js';
import { ApiProblems } from '#src/common/api-problems.js';
import { ParseUuid } from '#src/common/parse-uuid.js';
import {
  CommuneReportDto,
  ExpiryOutlookReportDto,
  FunderReportDto,
  NeedReportDto,
  PrescriberReportDto,
  ServiceReportDto,
  SummaryReportDto,
  TimeseriesReportDto,
  VenueReportDto,
} from './dto/report.dto.js';
import { REPORT_PROBLEMS, REPORT_PROGRAMME_ID, REPORT_READERS } from './dto/report-examples.js';
import { CSV_MEDIA_TYPE, reportFormat, reportResponse, XLSX_MEDIA_TYPE } from './export/output.js';
import { REPORT_TABLES } from './export/report-tables.js';
import { ReportsService } from './reports.service.js';

const BASE = '/api/v1/reports/programmes';

/** A report in JSON (its schema), CSV or XLSX (one table, French headers), by Accept. */
function ApiReport(name: string, type: Type): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      description:
        'The report in JSON; with `Accept: text/csv` its table as CSV (UTF-8 with BOM, `;`, ' +
        'CRLF, French headers, decimal comma, euros with two decimals), with the XLSX media type ' +
        'as one sheet (bold header row, numbers as numbers); both as an attachment.',
      headers: {
        'Content-Disposition': {
          description: `CSV and XLSX: attachment; filename="${name}-<programme>-<asOf day>.csv|xlsx"`,
          schema: { type: 'string' },
        },
      },
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        [CSV_MEDIA_TYPE]: { schema: { type: 'string' } },
        [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
      },
    }),
    ApiProblems(`${BASE}/${REPORT_PROGRAMME_ID}/${name}`, REPORT_PROBLEMS),
  );
}

/**
 * The programme reports (issue 14): figures from the reporting store, refreshed every few minutes
 * (`asOf`), and small live tables, never the cheques themselves, so each answers in a few
 * milliseconds whatever the number of cheques. Each is read within the caller's scope: the
 * programme owner's staff and its funders the whole programme; a commune's référents their commune;
 * a venue's staff their venue (by-venue, by-service and timeseries only). Any other programme, or
 * a report the scope does not read, is 404 PROGRAMME_NOT_FOUND.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/programmes')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /**
   * The programme at a glance: carnets (issued, allocated, where they are, handed out, started,
   * completed), cheques by status and the redemption rate, households reached by situation and age
   * band, amounts (budget, committed, redeemed, paid, remaining) and each funder's part, time from
   * hand-out to first use, and what expires in the next 30, 60, 90 days. A commune's référents
   * read their residents' carnets and their commune's stock, without amounts. As CSV or XLSX: two
   * columns, « Indicateur » and « Valeur ».
   */
  @Get(':id/summary')
  @Roles(...REPORT_READERS)
  @ApiReport('summary', SummaryReportDto)
  async summary(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SummaryReportDto | StreamableFile> {
    const format = reportFormat(request);
    const report = await this.reports.summary(principal, id);
    return reportResponse(format, 'summary', report, REPORT_TABLES.summary, response);
  }

  /**
   * One row per commune taking part: allocation, carnets received and in stock (the commune's and
   * its structures'), carnets handed out to its residents, households, use, rates per 1,000
   * inhabitants, redemption rate, median days to first use. A référent reads its commune's row.
   */
  @Get(':id/by-commune')
  @Roles(...REPORT_READERS)
  @ApiReport('by-commune', CommuneReportDto)
  async byCommune(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommuneReportDto | StreamableFile> {
    const format = reportFormat(request);
    const report = await this.reports.byCommune(principal, id);
    return reportResponse(format, 'by-commune', report, REPORT_TABLES['by-commune'], response);
  }

  /**
   * One row per prescriber structure: stock, carnets handed out, households, use, redemption rate,
   * days to first use (median, p90). A référent reads the hand-outs to its residents: the
   * structures it sees by name, the others summed in one row « Autres structures ».
   */
  @Get(':id/by-prescriber')
  @Roles(...REPORT_READERS)
  @ApiReport('by-prescriber', PrescriberReportDto)
  async byPrescriber(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PrescriberReportDto | StreamableFile> {
    const format = reportFormat(request);
    const report = await this.reports.byPrescriber(principal, id);
    return reportResponse(
      format,
      'by-prescriber',
      report,
      REPORT_TABLES['by-prescriber'],
      response,
    );
  }

  /**
   * One row per venue serving the programme or paid by it: redemptions, cheques, amount,
   * participants, services redeemed, amount paid. A référent reads the venues located in its
   * commune; a venue's staff their own row.
   */
  @Get(':id/by-venue')
  @Roles(...REPORT_READERS)
  @ApiReport('by-venue', VenueReportDto)
  async byVenue(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<VenueReportDto | StreamableFile> {
    const format = reportFormat(request);
    const report = await this.reports.byVenue(principal, id);
    return reportResponse(format, 'by-venue', report, REPORT_TABLES['by-venue'], response);
  }

  /**
   * What the cheques paid for, one row per service: redemptions, cheques, amount, venues. A venue's
   * staff read their venue's; a référent its residents' cheques (by their carnet's origin).
   */
  @Get(':id/by-service')
  @Roles(...REPORT_READERS)
  @ApiReport('by-service', ServiceReportDto)
  async byService(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ServiceReportDto | StreamableFile> {
    const format = reportFormat(request);
    const report = await this.reports.byService(principal, id);
    return reportResponse(format, 'by-service', report, REPORT_TABLES['by-service'], response);
  }

  /**
   * Handed-out carnets by the need their diagnostic named (an online procedure, or none), with
   * their used cheques: a carnet counts under each of its needs.
   */
  @Get(':id/by-need')
  @Roles(...REPORT_READERS)
  @ApiReport('by-need', NeedReportDto)
  async byNeed(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<NeedReportDto | StreamableFile> {
    const format = reportFormat(request);
    const report = await this.reports.byNeed(principal, id);
    return reportResponse(format, 'by-need', report, REPORT_TABLES['by-need'], response);
  }

  /**
   * Each funder's share, part of the budget, of what is committed and redeemed (by its share,
   * largest remainder: the rows add up to the summary's amounts to the cent) and what the PAID
   * reimbursement lines charged it. The programme's staff and its funders only.
   */
  @Get(':id/by-funder')
  @Roles(...REPORT_READERS)
  @ApiReport('by-funder', FunderReportDto)
  async byFunder(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<FunderReportDto | StreamableFile> {
    const format = reportFormat(request);
    const report = await this.reports.byFunder(principal, id);
    return reportResponse(format, 'by-funder', report, REPORT_TABLES['by-funder'], response);
  }

  /**
   * Month by month (France), from the programme's start to the current month, zeros included:
   * carnets handed out, cheques used, redemptions, amount, payments (by the day they were paid).
   */
  @Get(':id/timeseries')
  @Roles(...REPORT_READERS)
  @ApiReport('timeseries', TimeseriesReportDto)
  async timeseries(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TimeseriesReportDto | StreamableFile> {
    const format = reportFormat(request);
    const report = await this.reports.timeseries(principal, id);
    return reportResponse(format, 'timeseries', report, REPORT_TABLES.timeseries, response);
  }

  /**
   * Unused cheques of active carnets whose validity ends in 0–30, 31–60 or 61–90 days, by where
   * they sit: the programme stock, a commune, a structure, or a beneficiary (with the commune and
   * the structure that handed the carnet out).
   */
  @Get(':id/expiry-outlook')
  @Roles(...REPORT_READERS)
  @ApiReport('expiry-outlook', ExpiryOutlookReportDto)
  async expiryOutlook(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUuid) id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ExpiryOutlookReportDto | StreamableFile> {
    const format = reportFormat(request);
    const report = await this.reports.expiryOutlook(principal, id);
    return reportResponse(
      format,
      'expiry-outlook',
      report,
      REPORT_TABLES['expiry-outlook'],
      response,
    );
  }
}

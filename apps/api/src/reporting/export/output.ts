import { StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ReportHeaderDto } from '../dto/report.dto.js';
import { ReportException, ReportExceptionCode } from '../report.exception.js';
import { renderCsv, renderXlsx, reportFileName } from './render.js';
import type { Table } from './table.js';

export const CSV_MEDIA_TYPE = 'text/csv';
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What a report is written in, the first being the default (no Accept, or any). */
export const REPORT_MEDIA_TYPES = ['application/json', CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE] as const;

export type ReportFormat = 'json' | 'csv' | 'xlsx';

/**
 * The format the caller's Accept asks for (its q-values weighed by Express): JSON without one or
 * for any type; 406 REPORT_FORMAT_NOT_ACCEPTABLE when it names none of the three. Decided before
 * the report is read: a refused format costs nothing.
 */
export function reportFormat(request: Request): ReportFormat {
  if (!request.headers.accept) return 'json';
  switch (request.accepts([...REPORT_MEDIA_TYPES])) {
    case 'application/json':
      return 'json';
    case CSV_MEDIA_TYPE:
      return 'csv';
    case XLSX_MEDIA_TYPE:
      return 'xlsx';
    default:
      throw new ReportException(
        ReportExceptionCode.REPORT_FORMAT_NOT_ACCEPTABLE,
        `Reports are written as ${REPORT_MEDIA_TYPES.join(', ')}; Accept named none of them.`,
      );
  }
}

/**
 * The report as asked: JSON as is, or its table as a CSV or XLSX attachment named
 * `<report>-<programme>-<day of its figures>`.
 */
export async function reportResponse<R extends ReportHeaderDto>(
  format: ReportFormat,
  name: string,
  report: R,
  table: (report: R) => Table,
  response: Response,
): Promise<R | StreamableFile> {
  if (format === 'json') return report;
  const bytes =
    format === 'csv'
      ? renderCsv(table(report))
      : await renderXlsx(table(report), report.asOf ?? new Date());
  response.setHeader(
    'Content-Disposition',
    `attachment; filename="${reportFileName(name, report.programmeName, report.asOf, format)}"`,
  );
  return new StreamableFile(bytes, {
    type: format === 'csv' ? `${CSV_MEDIA_TYPE}; charset=utf-8` : XLSX_MEDIA_TYPE,
    length: bytes.length,
  });
}

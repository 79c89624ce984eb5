import { DomainException } from '#src/common/domain.exception.js';

export enum ReportExceptionCode {
  /** The Accept header names no format a report is written in (JSON, CSV, XLSX). */
  REPORT_FORMAT_NOT_ACCEPTABLE = 'REPORT_FORMAT_NOT_ACCEPTABLE',
}

export class ReportException extends DomainException<ReportExceptionCode> {
  constructor(code: ReportExceptionCode, message: string) {
    super(code, message);
  }
}

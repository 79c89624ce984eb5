import {
  missingRoleExample,
  type ProblemExample,
  UNAUTHENTICATED_EXAMPLE,
} from '#src/common/api-problems.js';
import { CommonExceptionCode } from '#src/common/common.exception.js';
import { FundingExceptionCode } from '#src/funders/funding.exception.js';
import { ReportExceptionCode } from '../report.exception.js';

// The OpenAPI examples of the report routes, worded as the services word them, with the demo's
// programme.

export const REPORT_PROGRAMME_ID = 'be9f676a-0335-4740-9f59-c97cb984280e';

/** Who reads the reports, each within its scope (reports.service.ts). */
export const REPORT_READERS = [
  'PROGRAMME_MANAGER',
  'FINANCE_OFFICER',
  'FUNDER_VIEWER',
  'COMMUNE_REFERENT',
  'VENUE_STAFF',
] as const;

/** Every refusal of a report route. */
export const REPORT_PROBLEMS: readonly ProblemExample[] = [
  {
    code: CommonExceptionCode.VALIDATION_FAILED,
    summary: 'The id in the path is not a UUID.',
    detail: 'The id in the path must be a UUID.',
    errors: [{ field: 'id', message: 'must be a UUID' }],
  },
  UNAUTHENTICATED_EXAMPLE,
  missingRoleExample(...REPORT_READERS),
  {
    code: FundingExceptionCode.PROGRAMME_NOT_FOUND,
    summary:
      'No such programme, or not in your scope: a programme you do not fund, one your commune ' +
      'has not joined, one your venue does not serve, or a report your scope does not read.',
    detail: `No programme ${REPORT_PROGRAMME_ID}.`,
  },
  {
    code: ReportExceptionCode.REPORT_FORMAT_NOT_ACCEPTABLE,
    summary: 'Accept names neither JSON, CSV (text/csv) nor XLSX.',
    detail:
      'Reports are written as application/json, text/csv, ' +
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; Accept named none of them.',
  },
];

import {
  IDEMPOTENCY_EXAMPLES,
  missingRoleExample,
  missingScopesExample,
  UNAUTHENTICATED_EXAMPLE,
  type ProblemExample,
} from '#src/common/api-problems.js';
import { CommonExceptionCode } from '#src/common/common.exception.js';
import { FundingExceptionCode } from '#src/funders/funding.exception.js';
import { VenueExceptionCode } from '#src/venues/venue.exception.js';
import { ReimbursementExceptionCode as Code } from '../reimbursement.exception.js';
import type { BatchLineDto, ReimbursementBatchDto } from './batch.dto.js';

// The OpenAPI examples of the batch routes, worded as batches.service.ts words them, with the
// demo's programme and venue.

const BATCH_ID = '0f3c8e52-6a4b-4f1e-9d77-2b5c1a9e8d40';
const PROGRAMME_ID = 'be9f676a-0335-4740-9f59-c97cb984280e';

export const BATCH_EXAMPLE: ReimbursementBatchDto = {
  id: BATCH_ID,
  programmeId: PROGRAMME_ID,
  programmeName: 'Pass numérique Lens-Liévin 2026-2027',
  period: '2026-11',
  cutoff: new Date('2026-11-30T23:00:00.000Z'),
  status: 'DRAFT',
  createdBy: { id: '5d0e7f43-3f7c-4f0e-8a51-5c8f3b2f6a11', name: 'Sophie Lefebvre' },
  generatedAt: new Date('2026-12-01T05:00:04.118Z'),
  approvedBy: null,
  approvedAt: null,
  exportRequestedAt: null,
  requestedExecutionDate: null,
  exportedAt: null,
  closedAt: null,
  sepaFormat: null,
  lineCount: 3,
  redemptionCount: 41,
  chequeCount: 96,
  payableCents: 84000,
  onHoldCents: 12000,
  paidCents: 0,
  rejectedCents: 0,
  nothingToPay: false,
  currency: 'EUR',
  progress: null,
  job: null,
  approval: { allowed: false, refusal: 'FOUR_EYES_REQUIRED' },
  funders: [
    {
      funderId: '2a7d9c4e-1b3f-4e5a-8c6d-7f8e9a0b1c2d',
      funderName: 'État — Préfecture du Pas-de-Calais',
      basisPoints: 6000,
      cents: 50400,
    },
    {
      funderId: '3b8e0d5f-2c4a-4f6b-9d7e-8a9f0b1c2d3e',
      funderName: "Communauté d'agglomération de Lens-Liévin",
      basisPoints: 4000,
      cents: 33600,
    },
  ],
  files: [],
};

export const GENERATING_BATCH_EXAMPLE: ReimbursementBatchDto = {
  ...BATCH_EXAMPLE,
  status: 'GENERATING',
  generatedAt: null,
  lineCount: 0,
  redemptionCount: 0,
  chequeCount: 0,
  payableCents: 0,
  onHoldCents: 0,
  progress: { done: 0, total: 4 },
  job: { state: 'active', failedReason: null },
  approval: { allowed: false, refusal: 'NOT_DRAFT' },
  funders: [],
};

/** A generation whose every attempt failed: it waits for POST …/retry. */
export const FAILED_GENERATION_EXAMPLE: ReimbursementBatchDto = {
  ...GENERATING_BATCH_EXAMPLE,
  progress: { done: 1, total: 4 },
  job: { state: 'failed', failedReason: 'Connection terminated unexpectedly' },
};

export const APPROVED_BATCH_EXAMPLE: ReimbursementBatchDto = {
  ...BATCH_EXAMPLE,
  status: 'APPROVED',
  approvedBy: { id: '9e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b', name: 'Thomas Morel' },
  approvedAt: new Date('2026-12-02T09:12:45.301Z'),
  approval: { allowed: false, refusal: 'NOT_DRAFT' },
};

export const LINE_EXAMPLE: BatchLineDto = {
  id: '6c2d4e8f-0a1b-4c3d-8e5f-7a9b1c3d5e7f',
  venueId: '852c8cf5-a2a0-475e-a103-bcbade5a112a',
  venueName: 'Espace public numérique de Liévin',
  venuePivot: '21620510400017',
  status: 'PAYABLE',
  holdReasons: [],
  redemptionCount: 17,
  chequeCount: 40,
  amountCents: 40000,
  currency: 'EUR',
  holderName: 'COMMUNE DE LIEVIN EPN',
  ibanMasked: 'FR76 **** … 0189',
  bic: 'AGRIFRPP',
  endToEndId: '0f3c8e526a4b-852c8cf5a2a0475ea103bc',
  paidOn: null,
  rejectionReason: null,
  funders: [
    {
      funderId: '2a7d9c4e-1b3f-4e5a-8c6d-7f8e9a0b1c2d',
      funderName: 'État — Préfecture du Pas-de-Calais',
      cents: 24000,
    },
    {
      funderId: '3b8e0d5f-2c4a-4f6b-9d7e-8a9f0b1c2d3e',
      funderName: "Communauté d'agglomération de Lens-Liévin",
      cents: 16000,
    },
  ],
};

const NOT_FOUND: ProblemExample = {
  code: Code.BATCH_NOT_FOUND,
  summary: 'No such batch, or none with a line of your venue.',
  detail: `No reimbursement batch ${BATCH_ID} for you.`,
};

const ID_NOT_UUID: ProblemExample = {
  code: CommonExceptionCode.VALIDATION_FAILED,
  summary: 'The id in the path is not a UUID.',
  detail: 'The id in the path must be a UUID.',
  errors: [{ field: 'id', message: 'must be a UUID' }],
};

/** Every refusal of POST /reimbursement-batches. */
export const CREATE_PROBLEMS: readonly ProblemExample[] = [
  {
    code: CommonExceptionCode.VALIDATION_FAILED,
    summary:
      'programmeId is not a UUID, period is not YYYY-MM, or the Idempotency-Key header is ' +
      'missing or malformed (it is required).',
    detail: 'The request is invalid: period.',
    errors: [{ field: 'period', message: 'period must be YYYY-MM' }],
  },
  {
    code: CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE,
    summary: 'The body is not sent as application/json.',
    detail: 'This route accepts application/json bodies, not text/plain.',
  },
  UNAUTHENTICATED_EXAMPLE,
  missingRoleExample('FINANCE_OFFICER'),
  {
    code: FundingExceptionCode.PROGRAMME_NOT_FOUND,
    summary: 'No such programme.',
    detail: `No programme ${PROGRAMME_ID}.`,
  },
  {
    code: Code.PROGRAMME_NOT_REIMBURSABLE,
    summary: 'The programme is a DRAFT: nothing was redeemed for it.',
    detail:
      'Programme Pass numérique Lens-Liévin 2026-2027 is a DRAFT: it has no redemptions to reimburse.',
    errors: [{ field: 'programmeId', message: 'programme DRAFT' }],
  },
  {
    code: Code.PERIOD_NOT_OVER,
    summary: 'The month is not over in Paris: its redemptions are still coming.',
    detail:
      '2026-12 is not over: its batch can be made from 2026-12-31T23:00:00.000Z (midnight in Paris).',
    errors: [{ field: 'period', message: 'not over yet' }],
  },
  {
    code: Code.BATCH_ALREADY_EXISTS,
    summary:
      'The programme has a batch for this month already (made by the monthly job or another ' +
      'request): its id is in the detail.',
    detail: `Programme Pass numérique Lens-Liévin 2026-2027 has a batch for 2026-11 already: ${BATCH_ID}.`,
    errors: [{ field: 'period', message: `batch ${BATCH_ID} exists` }],
  },
  NOT_FOUND,
  ...IDEMPOTENCY_EXAMPLES,
];

/** Every refusal of POST /reimbursement-batches/{id}/approve. */
export const APPROVE_PROBLEMS: readonly ProblemExample[] = [
  ID_NOT_UUID,
  UNAUTHENTICATED_EXAMPLE,
  missingRoleExample('FINANCE_OFFICER'),
  NOT_FOUND,
  {
    code: Code.BATCH_NOT_DRAFT,
    summary: 'Still GENERATING, or approved already.',
    detail: `Batch ${BATCH_ID} is APPROVED: only a DRAFT batch is approved.`,
  },
  {
    code: VenueExceptionCode.FOUR_EYES_REQUIRED,
    summary: 'You created (or generated) this batch: another finance officer approves it.',
    detail: 'You created or generated this batch: another finance officer must approve it.',
  },
];

/** Refusals of a retry. */
export const RETRY_PROBLEMS: readonly ProblemExample[] = [
  ID_NOT_UUID,
  UNAUTHENTICATED_EXAMPLE,
  missingRoleExample('FINANCE_OFFICER'),
  NOT_FOUND,
  {
    code: Code.BATCH_NOTHING_TO_RETRY,
    summary: 'Neither GENERATING nor APPROVED with its export asked: no job to run again.',
    detail: `Batch ${BATCH_ID} is DRAFT: no job of it to run again.`,
  },
];

/** Refusals of the reads of one batch (GET one, GET lines). */
export const READ_PROBLEMS: readonly ProblemExample[] = [ID_NOT_UUID, NOT_FOUND];

export const EXPORTING_BATCH_EXAMPLE: ReimbursementBatchDto = {
  ...APPROVED_BATCH_EXAMPLE,
  exportRequestedAt: new Date('2026-12-02T10:03:11.512Z'),
  requestedExecutionDate: '2026-12-07',
  sepaFormat: 'pain.001.001.09',
  progress: { done: 0, total: 9 },
  job: { state: 'active', failedReason: null },
};

export const EXPORTED_BATCH_EXAMPLE: ReimbursementBatchDto = {
  ...EXPORTING_BATCH_EXAMPLE,
  status: 'EXPORTED',
  exportedAt: new Date('2026-12-02T10:03:14.870Z'),
  progress: null,
  job: null,
  files: [
    {
      name: 'sepa.xml',
      mediaType: 'application/xml',
      sizeBytes: 3912,
      sha256: '9f2c1e7a5b3d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f',
      venueId: null,
    },
    {
      name: 'releve-21620510400017.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 41230,
      sha256: '0a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f9f2c1e7a5b3d4c6e8f',
      venueId: '852c8cf5-a2a0-475e-a103-bcbade5a112a',
    },
  ],
};

export const PARTIALLY_PAID_BATCH_EXAMPLE: ReimbursementBatchDto = {
  ...EXPORTED_BATCH_EXAMPLE,
  status: 'PARTIALLY_PAID',
  closedAt: new Date('2026-12-08T08:41:02.004Z'),
  paidCents: 72000,
  rejectedCents: 12000,
  nothingToPay: false,
};

const EXPORTED_ALREADY_OR_NOT_APPROVED: ProblemExample = {
  code: Code.BATCH_NOT_APPROVED,
  summary: 'The batch is not APPROVED (still to approve, or being generated).',
  detail: `Batch ${BATCH_ID} is DRAFT: only an APPROVED batch is exported.`,
};

/** Every refusal of POST /reimbursement-batches/{id}/export. */
export const EXPORT_PROBLEMS: readonly ProblemExample[] = [
  {
    code: CommonExceptionCode.VALIDATION_FAILED,
    summary: 'The id is not a UUID, or requestedExecutionDate is not a day written YYYY-MM-DD.',
    detail: 'The request is invalid: requestedExecutionDate.',
    errors: [
      {
        field: 'requestedExecutionDate',
        message: 'requestedExecutionDate must be a day written YYYY-MM-DD, between 2000 and 2199',
      },
    ],
  },
  {
    code: CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE,
    summary: 'The body is not sent as application/json.',
    detail: 'This route accepts application/json bodies, not text/plain.',
  },
  UNAUTHENTICATED_EXAMPLE,
  missingRoleExample('FINANCE_OFFICER'),
  NOT_FOUND,
  EXPORTED_ALREADY_OR_NOT_APPROVED,
  {
    code: Code.EXPORT_ALREADY_REQUESTED,
    summary:
      'The export was asked already for another day: the files are (being) written with that one.',
    detail: `The export of batch ${BATCH_ID} was asked already, for execution on 2026-12-07.`,
    errors: [{ field: 'requestedExecutionDate', message: 'asked for 2026-12-07' }],
  },
  {
    code: Code.EXECUTION_DATE_OUT_OF_RANGE,
    summary: 'The execution day is before today (Paris) or more than 90 days ahead.',
    detail: 'The execution date must be from 2026-12-02 to 2027-03-02, not 2026-11-30.',
    errors: [{ field: 'requestedExecutionDate', message: 'from 2026-12-02 to 2027-03-02' }],
  },
];

/** Every refusal of GET /reimbursement-batches/{id}/files/{name}. */
export const DOWNLOAD_PROBLEMS: readonly ProblemExample[] = [
  ID_NOT_UUID,
  UNAUTHENTICATED_EXAMPLE,
  missingScopesExample('redemptions:read'),
  NOT_FOUND,
  {
    code: Code.FILE_NOT_FOUND,
    summary:
      'No file of that name in the batch, or not one you may read (a venue reads only its own ' +
      'statement).',
    detail: `Batch ${BATCH_ID} has no file "releve-21620510400017.pdf" for you.`,
  },
  {
    code: Code.FILE_NOT_READY,
    summary: 'The batch is not exported yet: its files are not written (or being written).',
    detail: `Batch ${BATCH_ID} is APPROVED, its files being written: sepa.xml is not there yet.`,
  },
];

const NOT_EXPORTED: ProblemExample = {
  code: Code.BATCH_NOT_EXPORTED,
  summary: 'The batch is not EXPORTED: not sent to the bank yet, or closed already.',
  detail: `Batch ${BATCH_ID} is APPROVED: outcomes are recorded on an EXPORTED batch only.`,
};

/** Every refusal of POST /reimbursement-batches/{id}/payments. */
export const PAYMENTS_PROBLEMS: readonly ProblemExample[] = [
  {
    code: CommonExceptionCode.VALIDATION_FAILED,
    summary:
      'No outcome, a line twice, a PAID outcome without paidOn or a REJECTED one without ' +
      'reason, or a malformed Idempotency-Key.',
    detail: `Line ${LINE_EXAMPLE.id} has two outcomes in this request.`,
    errors: [{ field: 'outcomes', message: `line ${LINE_EXAMPLE.id} twice` }],
  },
  {
    code: CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE,
    summary: 'The body is not sent as application/json.',
    detail: 'This route accepts application/json bodies, not text/plain.',
  },
  UNAUTHENTICATED_EXAMPLE,
  missingRoleExample('FINANCE_OFFICER'),
  NOT_FOUND,
  NOT_EXPORTED,
  {
    code: Code.LINE_NOT_IN_BATCH,
    summary: 'An outcome names a line of another batch (or none).',
    detail: `Batch ${BATCH_ID} has no line 7d3e5f90-1b2c-4d4e-9f60-8b0c2d4e6f80.`,
    errors: [
      {
        field: 'outcomes.lineId',
        message: '7d3e5f90-1b2c-4d4e-9f60-8b0c2d4e6f80 not in this batch',
      },
    ],
  },
  {
    code: Code.LINE_NOT_PAYABLE,
    summary: 'A line is on hold, or its outcome is recorded already: nothing was recorded.',
    detail: `Lines ${LINE_EXAMPLE.id} (PAID) wait for no outcome.`,
    errors: [{ field: 'outcomes.lineId', message: `${LINE_EXAMPLE.id} is PAID` }],
  },
  {
    code: Code.PAID_ON_OUT_OF_RANGE,
    summary: 'A payment day in the future, or before the files were exported.',
    detail: `Line ${LINE_EXAMPLE.id}: paid on 2026-11-30, but the files were exported on 2026-12-02 and today is 2026-12-08.`,
    errors: [{ field: 'outcomes.paidOn', message: 'from 2026-12-02 to 2026-12-08' }],
  },
  ...IDEMPOTENCY_EXAMPLES,
];

/** Every refusal of POST /reimbursement-batches/{id}/payments/status-report. */
export const STATUS_REPORT_PROBLEMS: readonly ProblemExample[] = [
  {
    code: CommonExceptionCode.VALIDATION_FAILED,
    summary: 'The id is not a UUID, or no file was sent in the `file` field.',
    detail: 'Send the status report as the `file` field of a multipart/form-data body.',
    errors: [{ field: 'file', message: 'required' }],
  },
  {
    code: CommonExceptionCode.BAD_REQUEST,
    summary: 'The multipart body is malformed, or has another file field.',
    detail: 'Multipart: Boundary not found',
  },
  {
    code: CommonExceptionCode.PAYLOAD_TOO_LARGE,
    summary: 'The file is larger than 5 MB.',
    detail: 'File too large',
  },
  {
    code: CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE,
    summary: 'The body is not multipart/form-data.',
    detail: 'This route accepts multipart/form-data bodies, not application/json.',
  },
  UNAUTHENTICATED_EXAMPLE,
  missingRoleExample('FINANCE_OFFICER'),
  NOT_FOUND,
  NOT_EXPORTED,
  {
    code: Code.STATUS_REPORT_INVALID,
    summary: 'The file is not a pain.002 payment status report (or not well-formed XML).',
    detail: 'Not a payment status report we can read: not well-formed XML.',
    errors: [{ field: 'file', message: 'not a pain.002 status report' }],
  },
  {
    code: Code.STATUS_REPORT_NOT_FOR_THIS_BATCH,
    summary: "The report answers another transfer file: its OrgnlMsgId is not this batch's.",
    detail: `This report answers the transfer file PN-2026-10-1a2b3c4d5e6f708192a3b4c5; batch ${BATCH_ID} sent PN-2026-11-0f3c8e526a4b4f1e9d772b5c.`,
    errors: [{ field: 'file', message: 'OrgnlMsgId PN-2026-10-1a2b3c4d5e6f708192a3b4c5' }],
  },
];

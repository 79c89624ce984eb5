import {
  IDEMPOTENCY_EXAMPLES,
  missingRoleExample,
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
  currency: 'EUR',
  progress: null,
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
  approval: { allowed: false, refusal: 'NOT_DRAFT' },
  funders: [],
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

/** Refusals of the reads of one batch (GET one, GET lines). */
export const READ_PROBLEMS: readonly ProblemExample[] = [ID_NOT_UUID, NOT_FOUND];

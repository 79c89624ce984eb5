import type { Schemas } from '@carnet/api-client';

import type { BatchStatus, LineStatus } from '../choices';
import { api, download, multipartFile, unwrap } from '../http';

export type Batch = Schemas['ReimbursementBatchDto'];
export type BatchLine = Schemas['BatchLineDto'];
export type BatchFile = Schemas['BatchFileDto'];
export type PaymentOutcome = Schemas['PaymentOutcomeDto'];
export type StatusReportResult = Schemas['StatusReportResultDto'];

/** Largest page the API serves. */
const MAX_PAGE_SIZE = 200;

/** The calls of the reimbursement screens that are not react-admin CRUD. */
export const batchActions = {
  /**
   * Creates the batch of a programme's month; the worker then gathers its redemptions (poll the
   * batch). `idempotencyKey` names the attempt (see batchRules.creationKey).
   */
  createBatch: (body: Schemas['CreateBatchDto'], idempotencyKey: string) =>
    unwrap(
      api.POST('/api/v1/reimbursement-batches', {
        params: { header: { 'Idempotency-Key': idempotencyKey } },
        body,
      }),
    ),

  /** The batches, newest month first (a venue's staff: those paying its venue, its line only). */
  batches: (filter: { programmeId?: string; status?: BatchStatus } = {}, pageSize = 100) =>
    unwrap(
      api.GET('/api/v1/reimbursement-batches', {
        params: { query: { page: 1, pageSize, sort: '-period', filter } },
      }),
    ),

  /** One page of the batch's lines (one per venue, by name; a venue's staff: its own). */
  lines: (id: string, page: number, pageSize: number, status?: LineStatus) =>
    unwrap(
      api.GET('/api/v1/reimbursement-batches/{id}/lines', {
        params: {
          path: { id },
          query: { page, pageSize, filter: status ? { status } : undefined },
        },
      }),
    ),

  /** Every line of the batch with `status`, page after page. */
  allLines: async (id: string, status?: LineStatus): Promise<BatchLine[]> => {
    const all: BatchLine[] = [];
    for (let page = 1; ; page++) {
      const answer = await batchActions.lines(id, page, MAX_PAGE_SIZE, status);
      all.push(...answer.data);
      if (answer.data.length < MAX_PAGE_SIZE || all.length >= answer.meta.total) return all;
    }
  },

  /** Approves a DRAFT (a finance officer other than the one who created or generated it). */
  approveBatch: (id: string) =>
    unwrap(api.POST('/api/v1/reimbursement-batches/{id}/approve', { params: { path: { id } } })),

  /**
   * Asks the worker for the files, the bank to execute on `requestedExecutionDate` (202: the batch
   * stays APPROVED, its `progress` counting the files written, until EXPORTED).
   */
  exportBatch: (id: string, requestedExecutionDate: string) =>
    unwrap(
      api.POST('/api/v1/reimbursement-batches/{id}/export', {
        params: { path: { id } },
        body: { requestedExecutionDate },
      }),
    ),

  /**
   * Runs again the batch's job whose every attempt failed (its generation, or its asked export):
   * 202, the batch back to waiting for the worker.
   */
  retryBatch: (id: string) =>
    unwrap(api.POST('/api/v1/reimbursement-batches/{id}/retry', { params: { path: { id } } })),

  /** The bank's outcome for some lines: paid on a day, or rejected with the bank's reason. */
  recordPayments: (id: string, outcomes: PaymentOutcome[]) =>
    unwrap(
      api.POST('/api/v1/reimbursement-batches/{id}/payments', {
        params: { path: { id } },
        body: { outcomes },
      }),
    ),

  /**
   * Sends the bank's payment status report (pain.002): the API records what it settles or
   * rejects and lists back what it left (pending at the bank, decided already, unknown).
   */
  uploadStatusReport: (id: string, file: File) =>
    unwrap(
      api.POST('/api/v1/reimbursement-batches/{id}/payments/status-report', {
        params: { path: { id } },
        ...multipartFile(file),
      }),
    ),

  /** A file of the exported batch, through fetch: the API wants the bearer token. */
  downloadFile: (id: string, name: string) =>
    download(
      api.GET('/api/v1/reimbursement-batches/{id}/files/{name}', {
        params: { path: { id, name } },
        parseAs: 'blob',
      }),
    ),
};

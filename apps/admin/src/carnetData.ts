import type { Schemas } from '@carnet/api-client';

import { apiDownload, apiPath, apiRequest } from './http';

/**
 * The calls on carnets and cheques that are not CRUD: issuance runs and their print files,
 * custody transfers, cancellations and replacements, the cheque check and its audit trail.
 */

type Issuance = Schemas['IssuanceResponseDto'];
type Transfer = Schemas['TransferResponseDto'];
type CancelDto = Schemas['CancelDto'];

/** The print files of a run: `csv` for an outside printer, `pdf` for small runs. */
export type PrintFormat = 'csv' | 'pdf';

/**
 * GET /cheques/{number}/events. The generated ChequeEventListResponseDto has no properties (the
 * API's class lacks its decorator); its `data` are the audit log's events.
 */
export interface ChequeEvents {
  data: Schemas['AuditEventResponseDto'][];
}

/** Calls that are not CRUD, added to the data provider: `useDataProvider<CarnetDataProvider>()`. */
export const carnetActions = {
  /** Starts a run; the worker writes the carnets and then the print files (poll the run). */
  issueCarnets: (programmeId: string, count: number) =>
    apiRequest<Issuance>(apiPath('/api/v1/programmes/{programmeId}/carnets', { programmeId }), {
      method: 'POST',
      body: { count } satisfies Schemas['IssueCarnetsDto'],
    }),

  /** New print files with NEW security codes: the codes printed before stop working. */
  reprintIssuance: (id: string) =>
    apiRequest<Issuance>(apiPath('/api/v1/issuances/{id}/print', { id }), { method: 'POST' }),

  /** Puts a run that failed (or whose job was lost) back in the queue; it resumes where it stopped. */
  resumeIssuance: (id: string) =>
    apiRequest<Issuance>(apiPath('/api/v1/issuances/{id}/resume', { id }), { method: 'POST' }),

  downloadPrintFile: (id: string, format: PrintFormat) =>
    apiDownload(apiPath('/api/v1/issuances/{id}/files/{format}', { id, format })),

  transferCarnet: (id: string, { to, note }: Schemas['CreateTransferDto']) =>
    apiRequest<Transfer>(apiPath('/api/v1/carnets/{id}/transfers', { id }), {
      method: 'POST',
      body: { to, note } satisfies Schemas['CreateTransferDto'],
    }),

  /** Moves several carnets at once (by ids or by a serial range): all or nothing. */
  transferCarnets: (body: Schemas['BulkTransferDto']) =>
    apiRequest<Transfer>(apiPath('/api/v1/carnets/transfers', {}), { method: 'POST', body }),

  cancelCarnet: (id: string, { reason, comment }: CancelDto) =>
    apiRequest<Schemas['CarnetResponseDto']>(apiPath('/api/v1/carnets/{id}/cancel', { id }), {
      method: 'POST',
      body: { reason, comment } satisfies CancelDto,
    }),

  /** Issues a replacement of a cancelled carnet; the answer is the new carnet. */
  replaceCarnet: (id: string) =>
    apiRequest<Schemas['CarnetDetailResponseDto']>(
      apiPath('/api/v1/carnets/{id}/replacement', { id }),
      { method: 'POST' },
    ),

  /** A venue sends the security code printed on the cheque; the programme owner need not. */
  checkCheque: (number: string, securityCode?: string) =>
    apiRequest<Schemas['ChequeCheckResponseDto']>(apiPath('/api/v1/cheques/{number}', { number }), {
      headers: securityCode ? { 'X-Security-Code': securityCode } : undefined,
    }),

  chequeEvents: (number: string) =>
    apiRequest<ChequeEvents>(apiPath('/api/v1/cheques/{number}/events', { number })),

  cancelCheque: (number: string, { reason, comment }: CancelDto) =>
    apiRequest<Schemas['ChequeSummaryDto']>(
      apiPath('/api/v1/cheques/{number}/cancel', { number }),
      { method: 'POST', body: { reason, comment } satisfies CancelDto },
    ),
};

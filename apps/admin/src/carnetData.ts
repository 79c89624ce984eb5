import type { paths, Schemas } from '@carnet/api-client';

import { api, download, unwrap } from './http';

/**
 * The calls on carnets and cheques that are not CRUD: issuance runs and their print files,
 * custody transfers, cancellations and replacements, the cheque check and its audit trail.
 */

type CancelDto = Schemas['CancelDto'];

/** The print files of a run: `csv` for an outside printer, `pdf` for small runs. */
export type PrintFormat =
  paths['/api/v1/issuances/{id}/files/{format}']['get']['parameters']['path']['format'];

/** Calls that are not CRUD, added to the data provider: `useDataProvider<CarnetDataProvider>()`. */
export const carnetActions = {
  /** Starts a run; the worker writes the carnets and then the print files (poll the run). */
  issueCarnets: (programmeId: string, count: number, cropMarks = false) =>
    unwrap(
      api.POST('/api/v1/programmes/{programmeId}/carnets', {
        params: { path: { programmeId } },
        body: { count, cropMarks },
      }),
    ),

  /** New print files with NEW security codes: the codes printed before stop working. */
  reprintIssuance: (id: string) =>
    unwrap(api.POST('/api/v1/issuances/{id}/print', { params: { path: { id } }, body: {} })),

  /** Puts a run that failed (or whose job was lost) back in the queue; it resumes where it stopped. */
  resumeIssuance: (id: string) =>
    unwrap(api.POST('/api/v1/issuances/{id}/resume', { params: { path: { id } } })),

  downloadPrintFile: (id: string, format: PrintFormat) =>
    download(
      api.GET('/api/v1/issuances/{id}/files/{format}', {
        params: { path: { id, format } },
        parseAs: 'blob',
      }),
    ),

  transferCarnet: (id: string, { to, note }: Schemas['CreateTransferDto']) =>
    unwrap(
      api.POST('/api/v1/carnets/{id}/transfers', {
        params: { path: { id } },
        body: { to, note },
      }),
    ),

  /** Moves several carnets at once (by ids or by a serial range): all or nothing. */
  transferCarnets: (body: Schemas['BulkTransferDto']) =>
    unwrap(api.POST('/api/v1/carnets/transfers', { body })),

  cancelCarnet: (id: string, { reason, comment }: CancelDto) =>
    unwrap(
      api.POST('/api/v1/carnets/{id}/cancel', {
        params: { path: { id } },
        body: { reason, comment },
      }),
    ),

  /** Issues a replacement of a cancelled carnet; the answer is the new carnet. */
  replaceCarnet: (id: string) =>
    unwrap(api.POST('/api/v1/carnets/{id}/replacement', { params: { path: { id } } })),

  /** A venue sends the security code printed on the cheque; the programme owner need not. */
  checkCheque: (number: string, securityCode?: string) =>
    unwrap(
      api.GET('/api/v1/cheques/{number}', {
        params: {
          path: { number },
          header: securityCode ? { 'x-security-code': securityCode } : undefined,
        },
      }),
    ),

  chequeEvents: (number: string) =>
    unwrap(api.GET('/api/v1/cheques/{number}/events', { params: { path: { number } } })),

  unlockCheque: (number: string) =>
    unwrap(api.POST('/api/v1/cheques/{number}/unlock', { params: { path: { number } } })),

  cancelCheque: (number: string, { reason, comment }: CancelDto) =>
    unwrap(
      api.POST('/api/v1/cheques/{number}/cancel', {
        params: { path: { number } },
        body: { reason, comment },
      }),
    ),
};

import type { Schemas } from '@carnet/api-client';
import type { Identifier } from 'react-admin';

import { api, download, fileBody, unwrap } from './http';

/**
 * The parts of a venue that are not top-level collections (its qualification, its bank account),
 * exposed to react-admin as resources so that useGetOne caches them and refresh() reloads them,
 * the finance officers' queue of bank accounts to verify, and the calls that are not CRUD.
 */

type Qualification = Schemas['QualificationResponseDto'];
type BankAccounts = Schemas['BankAccountHistoryResponseDto'];
type PendingBankAccount = Schemas['PendingBankAccountDto'];

/** One record per venue, whose id is the venue's id: `useGetOne('venue-qualifications', { id })`. */
export interface VenueParts {
  'venue-qualifications': Qualification & { id: string };
  'venue-bank-accounts': BankAccounts & { id: string };
}
export type VenuePart = keyof VenueParts;

const parts: Record<VenuePart, true> = {
  'venue-qualifications': true,
  'venue-bank-accounts': true,
};

export const isVenuePart = (resource: string): resource is VenuePart =>
  Object.hasOwn(parts, resource);

export async function getVenuePart(
  resource: VenuePart,
  id: Identifier,
): Promise<VenueParts[VenuePart]> {
  const venueId = String(id);
  const path = { params: { path: { id: venueId } } };
  switch (resource) {
    case 'venue-qualifications':
      return {
        ...(await unwrap(api.GET('/api/v1/venues/{id}/qualification', path))),
        id: venueId,
      };
    case 'venue-bank-accounts':
      return {
        ...(await unwrap(api.GET('/api/v1/venues/{id}/bank-account', path))),
        id: venueId,
      };
  }
}

/** The bank accounts waiting for a finance officer's decision, oldest first (not paged). */
export const PENDING_BANK_ACCOUNTS = 'pending-bank-accounts';

export async function getPendingBankAccounts(): Promise<PendingBankAccount[]> {
  return (await unwrap(api.GET('/api/v1/bank-accounts/pending'))).data;
}

/** Calls that are not CRUD, added to the data provider: `useDataProvider<CarnetDataProvider>()`. */
export const venueActions = {
  decideQualification: (id: string, body: Schemas['QualificationDecisionDto']) =>
    unwrap(api.POST('/api/v1/venues/{id}/qualification', { params: { path: { id } }, body })),

  /** Enters new bank details: a new PENDING version, in force once a finance officer verifies it. */
  setBankAccount: (id: string, { holderName, iban, bic }: Schemas['SetBankAccountDto']) =>
    unwrap(
      api.PUT('/api/v1/venues/{id}/bank-account', {
        params: { path: { id } },
        body: { holderName, iban, bic },
      }),
    ),

  attachRib: (id: string, file: Blob) =>
    unwrap(
      api.PUT('/api/v1/venues/{id}/bank-account/document', {
        params: { path: { id } },
        ...fileBody(file, 'application/pdf'),
      }),
    ),

  /** The RIB of the current bank details, shown beside them to the officer who verifies them. */
  bankAccountDocument: (id: string) =>
    download(
      api.GET('/api/v1/venues/{id}/bank-account/document', {
        params: { path: { id } },
        parseAs: 'blob',
      }),
    ),

  decideBankAccount: (id: string, body: Schemas['BankAccountDecisionDto']) =>
    unwrap(
      api.POST('/api/v1/venues/{id}/bank-account/decision', { params: { path: { id } }, body }),
    ),

  /** Imports venues from a CSV in the national schema; all lines valid or nothing imported. */
  importVenues: async (file: Blob): Promise<number> => {
    const answer = await unwrap(
      api.POST('/api/v1/venues/import', { ...fileBody(file, 'text/csv') }),
    );
    return answer.created;
  },
};

import type { Schemas } from '@carnet/api-client';
import type { Identifier } from 'react-admin';

import { apiPath, apiRequest } from './http';

/**
 * The parts of a venue that are not top-level collections (its qualification, its bank account),
 * exposed to react-admin as resources so that useGetOne caches them and refresh() reloads them,
 * the finance officers' queue of bank accounts to verify, and the calls that are not CRUD.
 */

type Qualification = Schemas['QualificationResponseDto'];
type BankAccounts = Schemas['BankAccountHistoryResponseDto'];
type BankAccount = Schemas['BankAccountResponseDto'];
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
  switch (resource) {
    case 'venue-qualifications':
      return {
        ...(await apiRequest<Qualification>(
          apiPath('/api/v1/venues/{id}/qualification', { id: venueId }),
        )),
        id: venueId,
      };
    case 'venue-bank-accounts':
      return {
        ...(await apiRequest<BankAccounts>(
          apiPath('/api/v1/venues/{id}/bank-account', { id: venueId }),
        )),
        id: venueId,
      };
  }
}

/** The bank accounts waiting for a finance officer's decision, oldest first (not paged). */
export const PENDING_BANK_ACCOUNTS = 'pending-bank-accounts';

export async function getPendingBankAccounts(): Promise<PendingBankAccount[]> {
  return (
    await apiRequest<Schemas['PendingBankAccountListResponseDto']>(
      apiPath('/api/v1/bank-accounts/pending', {}),
    )
  ).data;
}

/** Calls that are not CRUD, added to the data provider: `useDataProvider<CarnetDataProvider>()`. */
export const venueActions = {
  decideQualification: (id: string, body: Schemas['QualificationDecisionDto']) =>
    apiRequest<Schemas['QualificationDecisionResponseDto']>(
      apiPath('/api/v1/venues/{id}/qualification', { id }),
      { method: 'POST', body },
    ),

  /** Enters new bank details: a new PENDING version, in force once a finance officer verifies it. */
  setBankAccount: (id: string, { holderName, iban, bic }: Schemas['SetBankAccountDto']) =>
    apiRequest<BankAccount>(apiPath('/api/v1/venues/{id}/bank-account', { id }), {
      method: 'PUT',
      body: { holderName, iban, bic } satisfies Schemas['SetBankAccountDto'],
    }),

  attachRib: (id: string, file: Blob) =>
    apiRequest<BankAccount>(apiPath('/api/v1/venues/{id}/bank-account/document', { id }), {
      method: 'PUT',
      body: file,
      contentType: 'application/pdf',
    }),

  decideBankAccount: (id: string, body: Schemas['BankAccountDecisionDto']) =>
    apiRequest<BankAccount>(apiPath('/api/v1/venues/{id}/bank-account/decision', { id }), {
      method: 'POST',
      body,
    }),

  /** Imports venues from a CSV in the national schema; all lines valid or nothing imported. */
  importVenues: async (file: Blob): Promise<number> => {
    const answer = await apiRequest<Schemas['ImportVenuesResponseDto']>(
      apiPath('/api/v1/venues/import', {}),
      { method: 'POST', body: file, contentType: 'text/csv' },
    );
    return answer.created;
  },
};

import type { Schemas } from '@carnet/api-client';

import { api, unwrap } from './http';

export type Beneficiary = Schemas['BeneficiaryResponseDto'];
export type NewBeneficiary = Schemas['CreateBeneficiaryDto'];
export type Diagnostic = Schemas['DiagnosticResponseDto'];
export type NewDiagnostic = Schemas['CreateDiagnosticDto'];
export type Programme = Schemas['ProgrammeResponseDto'];
export type Structure = Schemas['PrescriberResponseDto'];

/** The calls of the counter (beneficiaries, their diagnostics) that are not react-admin CRUD. */
export const beneficiaryActions = {
  /**
   * A household's people, found from its address. The address travels in the body (never in
   * the URL, so never in a log) and the API keeps only a keyed hash of it.
   */
  searchHousehold: async (body: Schemas['SearchHouseholdDto']): Promise<Beneficiary[]> =>
    (await unwrap(api.POST('/api/v1/beneficiaries/search', { body }))).data,

  listDiagnostics: async (beneficiaryId: string): Promise<Diagnostic[]> =>
    (
      await unwrap(
        api.GET('/api/v1/beneficiaries/{id}/diagnostics', {
          params: { path: { id: beneficiaryId } },
        }),
      )
    ).data,

  createDiagnostic: (beneficiaryId: string, body: NewDiagnostic) =>
    unwrap(
      api.POST('/api/v1/beneficiaries/{id}/diagnostics', {
        params: { path: { id: beneficiaryId } },
        body,
      }),
    ),

  /**
   * The ACTIVE programmes the caller registers people for: for an agent, those its structure's
   * commune joined (the API filters them).
   */
  activeProgrammes: async (): Promise<Programme[]> =>
    (
      await unwrap(
        api.GET('/api/v1/programmes', {
          params: { query: { pageSize: 50, sort: '-startDate', filter: { status: 'ACTIVE' } } },
        }),
      )
    ).data,

  programme: (id: string): Promise<Programme> =>
    unwrap(api.GET('/api/v1/programmes/{id}', { params: { path: { id } } })),

  /** An agent's own structure: the API lists it alone to its agents. */
  ownStructure: async (): Promise<Structure | undefined> =>
    (
      await unwrap(
        api.GET('/api/v1/prescribers', {
          params: { query: { pageSize: 1 } },
        }),
      )
    ).data[0],

  structure: (id: string): Promise<Structure> =>
    unwrap(api.GET('/api/v1/prescribers/{id}', { params: { path: { id } } })),
};

import type { Schemas } from '@carnet/api-client';

import { api, unwrap } from './http';

export type Beneficiary = Schemas['BeneficiaryResponseDto'];
export type NewBeneficiary = Schemas['CreateBeneficiaryDto'];
export type Diagnostic = Schemas['DiagnosticResponseDto'];
export type NewDiagnostic = Schemas['CreateDiagnosticDto'];
export type Programme = Schemas['ProgrammeResponseDto'];
export type Structure = Schemas['PrescriberResponseDto'];
export type HandOut = Schemas['HandOutResponseDto'];
export type NewHandOut = Schemas['CreateHandOutDto'];
export type HouseholdException = Schemas['HouseholdExceptionResponseDto'];
export type Orientation = Schemas['OrientationResponseDto'];
export type OrientationVenue = Schemas['OrientationVenueDto'];

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

  /** A commune's name (the programme team reads every commune). */
  commune: (inseeCode: string): Promise<Schemas['CommuneResponseDto']> =>
    unwrap(api.GET('/api/v1/communes/{inseeCode}', { params: { path: { inseeCode } } })),

  structure: (id: string): Promise<Structure> =>
    unwrap(api.GET('/api/v1/prescribers/{id}', { params: { path: { id } } })),

  /** Newest first, undone ones included. */
  listHandOuts: async (beneficiaryId: string): Promise<HandOut[]> =>
    (
      await unwrap(
        api.GET('/api/v1/beneficiaries/{id}/carnets', { params: { path: { id: beneficiaryId } } }),
      )
    ).data,

  /**
   * Hands a carnet of the structure's stock to the person. `idempotencyKey` names the intent:
   * the same key sent again (a retry after a lost answer) never hands out twice.
   */
  handOut: (beneficiaryId: string, body: NewHandOut, idempotencyKey: string): Promise<HandOut> =>
    unwrap(
      api.POST('/api/v1/beneficiaries/{id}/carnets', {
        params: { path: { id: beneficiaryId }, header: { 'Idempotency-Key': idempotencyKey } },
        body,
      }),
    ),

  undoHandOut: (beneficiaryId: string, carnetId: string): Promise<HandOut> =>
    unwrap(
      api.POST('/api/v1/beneficiaries/{id}/carnets/{carnetId}/undo', {
        params: { path: { id: beneficiaryId, carnetId } },
      }),
    ),

  listHouseholdExceptions: async (beneficiaryId: string): Promise<HouseholdException[]> =>
    (
      await unwrap(
        api.GET('/api/v1/beneficiaries/{id}/household-exceptions', {
          params: { path: { id: beneficiaryId } },
        }),
      )
    ).data,

  grantHouseholdException: (
    beneficiaryId: string,
    body: Schemas['CreateHouseholdExceptionDto'],
  ): Promise<HouseholdException> =>
    unwrap(
      api.POST('/api/v1/beneficiaries/{id}/household-exceptions', {
        params: { path: { id: beneficiaryId } },
        body,
      }),
    ),

  /** The venues where the person can get the help a diagnostic asks for, nearest first. */
  orientation: (beneficiaryId: string, diagnosticId: string): Promise<Orientation> =>
    unwrap(
      api.GET('/api/v1/beneficiaries/{id}/orientation', {
        params: { path: { id: beneficiaryId }, query: { diagnosticId } },
      }),
    ),
};

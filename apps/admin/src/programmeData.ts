import type { Schemas } from '@carnet/api-client';
import type { Identifier } from 'react-admin';

import { apiDownload, apiPath, apiRequest } from './http';

/**
 * The parts of a programme that are not top-level collections, exposed to react-admin as
 * resources so that its hooks (useGetOne, useGetList, useUpdate, useCreate) cache them and
 * refresh() reloads them, plus the actions that are not CRUD (activate, allocate, imports).
 */

type FundingShares = Schemas['FundingSharesResponseDto'];
type Budget = Schemas['BudgetResponseDto'];
type Criteria = Schemas['CriteriaResponseDto'];
type Allocation = Schemas['AllocationResponseDto'];
type Enrolment = Schemas['EnrolmentResponseDto'];
type AllocationVersion = Schemas['AllocationVersionDto'];
type Expiry = Schemas['ExpiryResponseDto'];
type Stock = Schemas['StockDto'];

/** One record per programme, whose id is the programme's id: `useGetOne('budgets', { id })`. */
export interface ProgrammeParts {
  'funding-shares': FundingShares & { id: string };
  budgets: Budget & { id: string };
  criteria: Criteria & { id: string };
  /** The allocation in force; read it only when the programme has one (else 404). */
  'current-allocations': Allocation & { id: string };
  /** Validity end, carnets not handed out and expired value: `useGetOne('expiries', { id })`. */
  expiries: Expiry & { id: string };
}
export type ProgrammePart = keyof ProgrammeParts;

/** Lists under a programme, read whole: `useGetList('enrolments', { filter: { programmeId } })`. */
export interface ProgrammeLists {
  enrolments: Enrolment;
  allocations: AllocationVersion;
  /** Each holder's stock of carnets (programme, communes, prescribers…). */
  stocks: Stock;
}
export type ProgrammeList = keyof ProgrammeLists;

const parts: Record<ProgrammePart, true> = {
  'funding-shares': true,
  budgets: true,
  criteria: true,
  'current-allocations': true,
  expiries: true,
};
const lists: Record<ProgrammeList, true> = { enrolments: true, allocations: true, stocks: true };

export const isProgrammePart = (resource: string): resource is ProgrammePart =>
  Object.hasOwn(parts, resource);
export const isProgrammeList = (resource: string): resource is ProgrammeList =>
  Object.hasOwn(lists, resource);

export async function getProgrammePart(
  resource: ProgrammePart,
  id: Identifier,
): Promise<ProgrammeParts[ProgrammePart]> {
  const programmeId = String(id);
  switch (resource) {
    case 'funding-shares':
      return {
        ...(await apiRequest<FundingShares>(
          apiPath('/api/v1/programmes/{id}/funding-shares', { id: programmeId }),
        )),
        id: programmeId,
      };
    case 'budgets':
      return {
        ...(await apiRequest<Budget>(
          apiPath('/api/v1/programmes/{programmeId}/budget', { programmeId }),
        )),
        id: programmeId,
      };
    case 'criteria':
      return {
        ...(await apiRequest<Criteria>(
          apiPath('/api/v1/programmes/{programmeId}/criteria', { programmeId }),
        )),
        id: programmeId,
      };
    case 'current-allocations':
      return {
        ...(await apiRequest<Allocation>(
          apiPath('/api/v1/programmes/{programmeId}/allocations/current', { programmeId }),
        )),
        id: programmeId,
      };
    case 'expiries':
      return {
        ...(await apiRequest<Expiry>(
          apiPath('/api/v1/programmes/{programmeId}/expiry', { programmeId }),
        )),
        id: programmeId,
      };
  }
}

/** Only the funding shares are written as a whole (PUT); criteria come from a CSV import. */
export async function updateProgrammePart(
  resource: ProgrammePart,
  id: Identifier,
  data: unknown,
): Promise<ProgrammeParts[ProgrammePart]> {
  if (resource !== 'funding-shares') throw new Error(`${resource} cannot be updated`);
  const programmeId = String(id);
  const body: Schemas['SetFundingSharesDto'] = {
    shares: (data as Schemas['SetFundingSharesDto']).shares.map(({ funderId, basisPoints }) => ({
      funderId,
      basisPoints,
    })),
  };
  const shares = await apiRequest<FundingShares>(
    apiPath('/api/v1/programmes/{id}/funding-shares', { id: programmeId }),
    { method: 'PUT', body },
  );
  return { ...shares, id: programmeId };
}

function programmeIdOf(filter: unknown): string {
  const programmeId = (filter as { programmeId?: unknown } | undefined)?.programmeId;
  if (typeof programmeId !== 'string') throw new Error('filter.programmeId is required');
  return programmeId;
}

/** The whole list (these endpoints do not page); pages and sorts in the browser with useList. */
export async function getProgrammeList(
  resource: ProgrammeList,
  filter: unknown,
): Promise<ProgrammeLists[ProgrammeList][]> {
  const programmeId = programmeIdOf(filter);
  switch (resource) {
    case 'enrolments':
      return (
        await apiRequest<Schemas['EnrolmentListResponseDto']>(
          apiPath('/api/v1/programmes/{programmeId}/enrolments', { programmeId }),
        )
      ).data;
    case 'allocations':
      return (
        await apiRequest<Schemas['AllocationVersionListResponseDto']>(
          apiPath('/api/v1/programmes/{programmeId}/allocations', { programmeId }),
        )
      ).data;
    case 'stocks':
      return (
        await apiRequest<Schemas['StockListResponseDto']>(
          apiPath('/api/v1/programmes/{programmeId}/stocks', { programmeId }),
        )
      ).data;
  }
}

export type NewEnrolment = Schemas['CreateEnrolmentDto'] & { programmeId: string };

export function createEnrolment({ programmeId, ...data }: NewEnrolment): Promise<Enrolment> {
  const body: Schemas['CreateEnrolmentDto'] = {
    inseeCode: data.inseeCode,
    deliberationDate: data.deliberationDate,
    deliberationReference: data.deliberationReference,
    ...(data.conventionSignedOn ? { conventionSignedOn: data.conventionSignedOn } : {}),
    ...(data.referentUserIds ? { referentUserIds: data.referentUserIds } : {}),
  };
  return apiRequest<Enrolment>(
    apiPath('/api/v1/programmes/{programmeId}/enrolments', { programmeId }),
    { method: 'POST', body },
  );
}

export function updateEnrolment(
  enrolment: Enrolment,
  data: Schemas['UpdateEnrolmentDto'],
): Promise<Enrolment> {
  const body: Schemas['UpdateEnrolmentDto'] = {
    deliberationDate: data.deliberationDate,
    deliberationReference: data.deliberationReference,
    conventionSignedOn: data.conventionSignedOn,
    referentUserIds: data.referentUserIds,
  };
  return apiRequest<Enrolment>(
    apiPath('/api/v1/programmes/{programmeId}/enrolments/{inseeCode}', {
      programmeId: enrolment.programmeId,
      inseeCode: enrolment.inseeCode,
    }),
    { method: 'PATCH', body },
  );
}

/** Calls that are not CRUD, added to the data provider: `useDataProvider<CarnetDataProvider>()`. */
export const programmeActions = {
  activateProgramme: (id: string) =>
    apiRequest<Schemas['ProgrammeResponseDto']>(
      apiPath('/api/v1/programmes/{id}/activate', { id }),
      { method: 'POST' },
    ),

  closeProgramme: (id: string) =>
    apiRequest<Schemas['ProgrammeResponseDto']>(apiPath('/api/v1/programmes/{id}/close', { id }), {
      method: 'POST',
    }),

  /** A preview (`dryRun`) stores nothing; otherwise the answer is the new version in force. */
  allocate: (programmeId: string, body: Schemas['AllocationRequestDto'], dryRun: boolean) =>
    apiRequest<Allocation>(
      apiPath('/api/v1/programmes/{programmeId}/allocations', { programmeId }),
      {
        method: 'POST',
        body,
        query: dryRun ? new URLSearchParams({ dryRun: 'true' }) : undefined,
      },
    ),

  importCommunes: (body: Schemas['ImportCommunesDto']) =>
    apiRequest<Schemas['ImportCommunesResponseDto']>(apiPath('/api/v1/communes/import', {}), {
      method: 'POST',
      body,
    }),

  importCriteria: (programmeId: string, file: Blob) =>
    apiRequest<Criteria>(
      apiPath('/api/v1/programmes/{programmeId}/criteria/import', { programmeId }),
      { method: 'POST', body: file, contentType: 'text/csv' },
    ),

  attachDeliberation: (programmeId: string, inseeCode: string, file: Blob) =>
    apiRequest<Enrolment>(
      apiPath('/api/v1/programmes/{programmeId}/enrolments/{inseeCode}/deliberation', {
        programmeId,
        inseeCode,
      }),
      { method: 'PUT', body: file, contentType: 'application/pdf' },
    ),

  downloadDeliberation: (programmeId: string, inseeCode: string) =>
    apiDownload(
      apiPath('/api/v1/programmes/{programmeId}/enrolments/{inseeCode}/deliberation', {
        programmeId,
        inseeCode,
      }),
    ),
};

import type { Schemas } from '@carnet/api-client';
import type { GetListParams, Identifier } from 'react-admin';

import { api, download, fileBody, unwrap } from './http';

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
}
export type ProgrammeList = keyof ProgrammeLists;

const parts: Record<ProgrammePart, true> = {
  'funding-shares': true,
  budgets: true,
  criteria: true,
  'current-allocations': true,
  expiries: true,
};
const lists: Record<ProgrammeList, true> = { enrolments: true, allocations: true };

export const isProgrammePart = (resource: string): resource is ProgrammePart =>
  Object.hasOwn(parts, resource);
export const isProgrammeList = (resource: string): resource is ProgrammeList =>
  Object.hasOwn(lists, resource);

export async function getProgrammePart(
  resource: ProgrammePart,
  id: Identifier,
): Promise<ProgrammeParts[ProgrammePart]> {
  const programmeId = String(id);
  const path = { params: { path: { programmeId } } };
  switch (resource) {
    case 'funding-shares':
      return {
        ...(await unwrap(
          api.GET('/api/v1/programmes/{id}/funding-shares', {
            params: { path: { id: programmeId } },
          }),
        )),
        id: programmeId,
      };
    case 'budgets':
      return {
        ...(await unwrap(api.GET('/api/v1/programmes/{programmeId}/budget', path))),
        id: programmeId,
      };
    case 'criteria':
      return {
        ...(await unwrap(api.GET('/api/v1/programmes/{programmeId}/criteria', path))),
        id: programmeId,
      };
    case 'current-allocations':
      return {
        ...(await unwrap(api.GET('/api/v1/programmes/{programmeId}/allocations/current', path))),
        id: programmeId,
      };
    case 'expiries':
      return {
        ...(await unwrap(api.GET('/api/v1/programmes/{programmeId}/expiry', path))),
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
  const shares = await unwrap(
    api.PUT('/api/v1/programmes/{id}/funding-shares', {
      params: { path: { id: programmeId } },
      body,
    }),
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
  const path = { params: { path: { programmeId } } };
  switch (resource) {
    case 'enrolments':
      return (await unwrap(api.GET('/api/v1/programmes/{programmeId}/enrolments', path))).data;
    case 'allocations':
      return (await unwrap(api.GET('/api/v1/programmes/{programmeId}/allocations', path))).data;
  }
}

/** Each holder's stock of carnets (programme, communes, prescribers), a page at a time. */
export const STOCKS = 'stocks';

export async function getStocks(params: Partial<GetListParams>): Promise<{
  data: Stock[];
  total: number;
  meta: Schemas['StockPageMetaDto'];
}> {
  const { page = 1, perPage = 50 } = params.pagination ?? {};
  const { data, meta } = await unwrap(
    api.GET('/api/v1/programmes/{programmeId}/stocks', {
      params: {
        path: { programmeId: programmeIdOf(params.filter) },
        query: { page, pageSize: perPage },
      },
    }),
  );
  return { data, total: meta.total, meta };
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
  return unwrap(
    api.POST('/api/v1/programmes/{programmeId}/enrolments', {
      params: { path: { programmeId } },
      body,
    }),
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
  return unwrap(
    api.PATCH('/api/v1/programmes/{programmeId}/enrolments/{inseeCode}', {
      params: { path: { programmeId: enrolment.programmeId, inseeCode: enrolment.inseeCode } },
      body,
    }),
  );
}

/** Calls that are not CRUD, added to the data provider: `useDataProvider<CarnetDataProvider>()`. */
export const programmeActions = {
  activateProgramme: (id: string) =>
    unwrap(api.POST('/api/v1/programmes/{id}/activate', { params: { path: { id } } })),

  closeProgramme: (id: string) =>
    unwrap(api.POST('/api/v1/programmes/{id}/close', { params: { path: { id } } })),

  /** A preview (`dryRun`) stores nothing; otherwise the answer is the new version in force. */
  allocate: (programmeId: string, body: Schemas['AllocationRequestDto'], dryRun: boolean) =>
    unwrap(
      api.POST('/api/v1/programmes/{programmeId}/allocations', {
        params: { path: { programmeId }, query: dryRun ? { dryRun: true } : undefined },
        body,
      }),
    ),

  importCommunes: (body: Schemas['ImportCommunesDto']) =>
    unwrap(api.POST('/api/v1/communes/import', { body })),

  importCriteria: (programmeId: string, file: Blob) =>
    unwrap(
      api.POST('/api/v1/programmes/{programmeId}/criteria/import', {
        params: { path: { programmeId } },
        ...fileBody(file, 'text/csv'),
      }),
    ),

  attachDeliberation: (programmeId: string, inseeCode: string, file: Blob) =>
    unwrap(
      api.PUT('/api/v1/programmes/{programmeId}/enrolments/{inseeCode}/deliberation', {
        params: { path: { programmeId, inseeCode } },
        ...fileBody(file, 'application/pdf'),
      }),
    ),

  /** A funder's logo (PNG or JPEG, ≤ 1 MB), printed on the covers of the carnets. */
  setFunderLogo: (id: string, file: Blob, contentType: 'image/png' | 'image/jpeg') =>
    unwrap(
      api.PUT('/api/v1/funders/{id}/logo', {
        params: { path: { id } },
        ...fileBody(file, contentType),
      }),
    ),

  removeFunderLogo: (id: string) =>
    unwrap(api.DELETE('/api/v1/funders/{id}/logo', { params: { path: { id } } })),

  funderLogo: (id: string) =>
    download(api.GET('/api/v1/funders/{id}/logo', { params: { path: { id } }, parseAs: 'blob' })),

  downloadDeliberation: (programmeId: string, inseeCode: string) =>
    download(
      api.GET('/api/v1/programmes/{programmeId}/enrolments/{inseeCode}/deliberation', {
        params: { path: { programmeId, inseeCode } },
        parseAs: 'blob',
      }),
    ),
};

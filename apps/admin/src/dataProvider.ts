import type { paths, Schemas } from '@carnet/api-client';
import type {
  CreateParams,
  DataProvider,
  DeleteParams,
  GetListParams,
  GetListResult,
  GetManyParams,
  Identifier,
  RaRecord,
  UpdateParams,
} from 'react-admin';

import { carnetActions } from './carnetData';
import { cursorKey, cursors, rememberCursor } from './cursors';
import { crudApi, unwrap } from './http';
import {
  createEnrolment,
  getProgrammeList,
  getProgrammePart,
  getStocks,
  isProgrammeList,
  isProgrammePart,
  type NewEnrolment,
  programmeActions,
  STOCKS,
  updateEnrolment,
  updateProgrammePart,
} from './programmeData';
import {
  getPendingBankAccounts,
  getVenuePart,
  isVenuePart,
  PENDING_BANK_ACCOUNTS,
  venueActions,
} from './venueData';

/**
 * react-admin resource name → collection path of the API. `satisfies` checks each path against
 * the generated OpenAPI paths, so a renamed endpoint breaks the build instead of the page.
 * Items live at `${path}/{id}`.
 */
const resourcePaths = {
  users: '/api/v1/users',
  organisations: '/api/v1/organisations',
  'api-clients': '/api/v1/api-clients',
  funders: '/api/v1/funders',
  programmes: '/api/v1/programmes',
  communes: '/api/v1/communes',
  // Every imported commune's name, for pickers (a référent's `communes` is its own only).
  'commune-directory': '/api/v1/communes/directory',
  venues: '/api/v1/venues',
  prescribers: '/api/v1/prescribers',
  beneficiaries: '/api/v1/beneficiaries',
  carnets: '/api/v1/carnets',
  issuances: '/api/v1/issuances',
  trainings: '/api/v1/trainings',
  'reimbursement-batches': '/api/v1/reimbursement-batches',
} as const satisfies Record<string, keyof paths>;

/** Resources whose key is not called `id`: react-admin needs an `id` on every record. */
const idFields: Partial<Record<keyof typeof resourcePaths, string>> = {
  communes: 'inseeCode',
  'commune-directory': 'inseeCode',
};

const idFieldOf = (resource: string): string | undefined =>
  idFields[resource as keyof typeof resourcePaths];

function withId<R>(resource: string, record: R): R {
  const idField = idFieldOf(resource);
  if (!idField) return record;
  return { ...record, id: (record as Record<string, unknown>)[idField] };
}

/** Every list endpoint answers `{ data, meta }`; only the item type differs. */
interface ListResponse<R> {
  data: R[];
  meta: Schemas['PageMetaDto'] & Partial<Schemas['KeysetPageMetaDto']>;
}

function collectionPath(resource: string): string {
  if (!Object.hasOwn(resourcePaths, resource)) {
    throw new Error(`Unknown resource "${resource}": add it to resourcePaths in dataProvider.ts`);
  }
  return resourcePaths[resource as keyof typeof resourcePaths];
}

const itemPath = (resource: string, id: Identifier): string =>
  `${collectionPath(resource)}/${encodeURIComponent(String(id))}`;

/** `?page=1&pageSize=25&sort=-createdAt&filter[role]=ADMIN`, the API's list convention. */
function listQuery(
  resource: string,
  { pagination, sort, filter }: Partial<GetListParams>,
): URLSearchParams {
  const query = new URLSearchParams();
  if (pagination) {
    query.set('page', String(pagination.page));
    query.set('pageSize', String(pagination.perPage));
  }
  const field = sort?.field === 'id' ? (idFieldOf(resource) ?? 'id') : sort?.field;
  if (field) query.set('sort', sort?.order === 'DESC' ? `-${field}` : field);
  for (const [name, value] of Object.entries((filter ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      query.append(`filter[${name}]`, String(item));
    }
  }
  return query;
}

/** Fields whose value differs from the record as loaded, so PATCH carries only real changes. */
function changedFields(data: object, previous: object | undefined): Record<string, unknown> {
  if (!previous) return { ...data };
  const before = previous as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(data).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key]),
    ),
  );
}

async function getList<R extends RaRecord>(resource: string, params: Partial<GetListParams>) {
  if (isProgrammeList(resource)) {
    const data = (await getProgrammeList(resource, params.filter)) as unknown as R[];
    return { data, total: data.length };
  }
  if (resource === PENDING_BANK_ACCOUNTS) {
    const data = (await getPendingBankAccounts()) as unknown as R[];
    return { data, total: data.length };
  }
  if (resource === STOCKS) return (await getStocks(params)) as unknown as GetListResult<R>;
  const query = listQuery(resource, params);
  const page = params.pagination?.page ?? 1;
  const cursor = cursors.get(cursorKey(resource, params, page));
  if (cursor) query.set('cursor', cursor);
  const { data, meta } = (await unwrap(
    crudApi.GET(collectionPath(resource), { querySerializer: () => query.toString() }),
  )) as ListResponse<R>;
  rememberCursor(cursorKey(resource, params, page + 1), meta.nextCursor);
  return { data: data.map((record) => withId(resource, record)), total: meta.total, meta };
}

async function getOne<R extends RaRecord>(resource: string, id: Identifier): Promise<R> {
  if (isProgrammePart(resource)) return (await getProgrammePart(resource, id)) as unknown as R;
  if (resource === 'commune-directory') {
    // The directory has no item route: its search matches an INSEE code exactly.
    const { data } = await getList<R>(resource, { filter: { q: String(id) } });
    const found = data.find((c) => c.id === id);
    if (!found) throw new Error(`No commune ${String(id)}`);
    return found;
  }
  if (isVenuePart(resource)) return (await getVenuePart(resource, id)) as unknown as R;
  return withId(resource, (await unwrap(crudApi.GET(itemPath(resource, id)))) as R);
}

/**
 * The data provider, plus the calls that are not CRUD (see programmeData.ts, venueData.ts,
 * carnetData.ts).
 */
export type CarnetDataProvider = DataProvider &
  typeof programmeActions &
  typeof venueActions &
  typeof carnetActions;

export const dataProvider: CarnetDataProvider = {
  ...programmeActions,
  ...venueActions,
  ...carnetActions,

  getList: (resource, params) => getList(resource, params),

  getOne: async (resource, { id }) => ({ data: await getOne(resource, id) }),

  // The API has no batch read: fetch the few referenced records one by one.
  getMany: async <R extends RaRecord>(resource: string, { ids }: GetManyParams<R>) => ({
    data: await Promise.all(ids.map((id) => getOne<R>(resource, id))),
  }),

  getManyReference: (resource, { target, id, filter, ...params }) =>
    getList(resource, { ...params, filter: { ...(filter as object), [target]: id } }),

  create: async <R extends RaRecord>(resource: string, { data }: CreateParams<R>) => {
    if (resource === 'enrolments') {
      return { data: (await createEnrolment(data as unknown as NewEnrolment)) as unknown as R };
    }
    return {
      data: withId(
        resource,
        (await unwrap(crudApi.POST(collectionPath(resource), { body: data }))) as R,
      ),
    };
  },

  update: async <R extends RaRecord>(
    resource: string,
    { id, data, previousData }: UpdateParams<R>,
  ) => {
    if (isProgrammePart(resource)) {
      return { data: (await updateProgrammePart(resource, id, data)) as unknown as R };
    }
    if (resource === 'enrolments') {
      const enrolment = previousData as unknown as Parameters<typeof updateEnrolment>[0];
      return {
        data: (await updateEnrolment(
          enrolment,
          data as Parameters<typeof updateEnrolment>[1],
        )) as unknown as R,
      };
    }
    const record = (await unwrap(
      crudApi.PATCH(itemPath(resource, id), { body: changedFields(data, previousData) }),
    )) as R;
    return { data: withId(resource, record) };
  },

  updateMany: async (resource, { ids, data }) => {
    await Promise.all(
      ids.map((id) => unwrap(crudApi.PATCH(itemPath(resource, id), { body: data }))),
    );
    return { data: ids };
  },

  // DELETE answers 204: hand react-admin back the record it already had (its callers always
  // pass it; the bare id is a fallback).
  delete: async <R extends RaRecord>(resource: string, { id, previousData }: DeleteParams<R>) => {
    await unwrap(crudApi.DELETE(itemPath(resource, id)));
    return { data: previousData ?? ({ id } as R) };
  },

  deleteMany: async (resource, { ids }) => {
    await Promise.all(ids.map((id) => unwrap(crudApi.DELETE(itemPath(resource, id)))));
    return { data: ids };
  },
};

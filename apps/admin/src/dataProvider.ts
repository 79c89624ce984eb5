import type { paths, Schemas } from '@carnet/api-client';
import type {
  CreateParams,
  DataProvider,
  DeleteParams,
  GetListParams,
  GetManyParams,
  Identifier,
  RaRecord,
  UpdateParams,
} from 'react-admin';

import { apiRequest } from './http';

/**
 * react-admin resource name → collection path of the API. `satisfies` checks each path against
 * the generated OpenAPI paths, so a renamed endpoint breaks the build instead of the page.
 * Items live at `${path}/{id}`.
 */
const resourcePaths = {
  users: '/api/v1/users',
  organisations: '/api/v1/organisations',
  'api-clients': '/api/v1/api-clients',
} as const satisfies Record<string, keyof paths>;

/** Every list endpoint answers `{ data, meta }`; only the item type differs. */
interface ListResponse<R> {
  data: R[];
  meta: Schemas['PageMetaDto'];
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
function listQuery({ pagination, sort, filter }: Partial<GetListParams>): URLSearchParams {
  const query = new URLSearchParams();
  if (pagination) {
    query.set('page', String(pagination.page));
    query.set('pageSize', String(pagination.perPage));
  }
  if (sort?.field) query.set('sort', sort.order === 'DESC' ? `-${sort.field}` : sort.field);
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
  const { data, meta } = await apiRequest<ListResponse<R>>(collectionPath(resource), {
    query: listQuery(params),
  });
  return { data, total: meta.total };
}

const getOne = async <R extends RaRecord>(resource: string, id: Identifier) => ({
  data: await apiRequest<R>(itemPath(resource, id)),
});

export const dataProvider: DataProvider = {
  getList: (resource, params) => getList(resource, params),

  getOne: (resource, { id }) => getOne(resource, id),

  // The API has no batch read: fetch the few referenced records one by one.
  getMany: async <R extends RaRecord>(resource: string, { ids }: GetManyParams<R>) => ({
    data: await Promise.all(ids.map((id) => apiRequest<R>(itemPath(resource, id)))),
  }),

  getManyReference: (resource, { target, id, filter, ...params }) =>
    getList(resource, { ...params, filter: { ...(filter as object), [target]: id } }),

  create: async <R extends RaRecord>(resource: string, { data }: CreateParams<R>) => ({
    data: await apiRequest<R>(collectionPath(resource), { method: 'POST', body: data }),
  }),

  update: async <R extends RaRecord>(
    resource: string,
    { id, data, previousData }: UpdateParams<R>,
  ) => ({
    data: await apiRequest<R>(itemPath(resource, id), {
      method: 'PATCH',
      body: changedFields(data, previousData),
    }),
  }),

  updateMany: async (resource, { ids, data }) => {
    await Promise.all(
      ids.map((id) => apiRequest(itemPath(resource, id), { method: 'PATCH', body: data })),
    );
    return { data: ids };
  },

  // DELETE answers 204: hand react-admin back the record it already had (its callers always
  // pass it; the bare id is a fallback).
  delete: async <R extends RaRecord>(resource: string, { id, previousData }: DeleteParams<R>) => {
    await apiRequest(itemPath(resource, id), { method: 'DELETE' });
    return { data: previousData ?? ({ id } as R) };
  },

  deleteMany: async (resource, { ids }) => {
    await Promise.all(ids.map((id) => apiRequest(itemPath(resource, id), { method: 'DELETE' })));
    return { data: ids };
  },
};

import { createCarnetClient, type paths } from '@carnet/api-client';
import createClient from 'openapi-fetch';

import { toHttpError } from './problem';
import { getAccessToken, refreshSession } from './session';

const withBearer = (request: Request, token: string | undefined): Request => {
  if (!token) return request;
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return new Request(request, { headers });
};

/**
 * fetch() for authenticated API calls: adds the access token and, when the API answers 401
 * (expired token), refreshes the session once and retries the request once.
 */
async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  // The first attempt consumes the body: keep an untouched copy for the retry.
  const retry = request.clone();
  const response = await fetch(withBearer(request, getAccessToken()));
  if (response.status !== 401) return response;
  try {
    await refreshSession();
  } catch {
    return response;
  }
  return fetch(withBearer(retry, getAccessToken()));
}

/**
 * The typed client of the API for every signed-in call: tsc checks each path, parameter and body
 * against the contract (libs/api-client). Pass its answer to `unwrap` (or `download`).
 */
export const api = createCarnetClient({ baseUrl: window.location.origin, fetch: authFetch });

/** A generic operation: JSON in, JSON out, whatever the path. */
interface AnyOperation {
  parameters: { query?: Record<string, unknown>; path?: Record<string, unknown> };
  requestBody?: { content: { 'application/json': unknown } };
  responses: {
    200: { content: { 'application/json': unknown } };
    default: { content: { 'application/problem+json': unknown } };
  };
}
type AnyPaths = Record<string, Record<'get' | 'post' | 'patch' | 'delete', AnyOperation>>;

/**
 * The same authenticated client, for the data provider's generic CRUD only: its paths are built at
 * run time from `resourcePaths` (each checked against the contract there), and react-admin's
 * callers name the record type. Everything else uses `api`.
 */
export const crudApi = createClient<AnyPaths>({
  baseUrl: window.location.origin,
  fetch: authFetch,
});

/** What an openapi-fetch call resolves to, whatever the operation. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or react-admin's HttpError built from the problem document (problem.ts). */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toHttpError(error, response);
  // openapi-fetch leaves `data` undefined only for an empty success (204), typed as such.
  return data as T;
}

/**
 * A downloaded document (a PDF…) with its file name from Content-Disposition; the call passes
 * `parseAs: 'blob'`.
 */
export async function download(
  call: Promise<Answer<Blob>>,
): Promise<{ blob: Blob; filename?: string }> {
  const { data, error, response } = await call;
  if (!response.ok || !data) throw toHttpError(error, response);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1];
  return { blob: data, filename };
}

/**
 * Options that send a file as the raw request body (`text/csv`, `application/pdf`, an image),
 * untouched:
 * the contract types such a body as a string, which openapi-fetch would encode as JSON. The
 * Content-Type is explicit because a browser's File.type varies by system.
 */
export const fileBody = (
  file: Blob,
  contentType: 'text/csv' | 'application/pdf' | 'image/png' | 'image/jpeg',
) => ({
  body: '',
  bodySerializer: () => file,
  headers: { 'Content-Type': contentType },
});

/**
 * Options that send a file as the `file` field of a multipart/form-data body (the browser writes
 * the boundary): the contract types that field as a string, which openapi-fetch would encode as
 * JSON.
 */
export const multipartFile = (file: File) => ({
  body: { file: '' },
  bodySerializer: () => {
    const form = new FormData();
    form.append('file', file, file.name);
    return form;
  },
});

/** The names between braces in an OpenAPI path template: `'/a/{id}/b/{code}'` → `'id' | 'code'`. */
type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParams<Rest>
  : never;

/**
 * Fills an OpenAPI path template, for a plain link (a public download):
 * `apiPath('/api/v1/public/venues.csv', {})`. Calls go through `api` instead.
 */
export function apiPath<P extends keyof paths>(template: P, params: Record<PathParams<P>, string>) {
  const values = params as Record<string, string>;
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? ''),
  );
}

/** Saves a Blob under a file name, as a link with `download` would (no pop-up to block). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // Give the browser time to start the download before releasing the memory.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

import type { paths } from '@carnet/api-client';

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

/** The names between braces in an OpenAPI path template: `'/a/{id}/b/{code}'` → `'id' | 'code'`. */
type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParams<Rest>
  : never;

/**
 * Fills an OpenAPI path template, checked against the generated paths at build time:
 * `apiPath('/api/v1/programmes/{id}/activate', { id })`.
 */
export function apiPath<P extends keyof paths>(template: P, params: Record<PathParams<P>, string>) {
  const values = params as Record<string, string>;
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? ''),
  );
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: URLSearchParams;
  /** Sent as JSON, except a file (Blob), sent as is with `contentType`. */
  body?: unknown;
  /** Content-Type of a file body, e.g. `text/csv` (a browser's File.type varies by system). */
  contentType?: string;
  /** Extra headers, e.g. the `X-Security-Code` of a cheque check. */
  headers?: Record<string, string>;
}

async function send(path: string, request: ApiRequest, accept: string): Promise<Response> {
  const search = request.query?.toString();
  const url = `${path}${search ? `?${search}` : ''}`;
  const headers = new Headers({ ...request.headers, Accept: accept });
  let body: BodyInit | undefined;
  if (request.body instanceof Blob) {
    headers.set('Content-Type', request.contentType ?? request.body.type);
    body = request.body;
  } else if (request.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(request.body);
  }
  return authFetch(url, { method: request.method ?? 'GET', headers, body });
}

/**
 * Untyped JSON call for the data provider: the caller names the answer's type from the generated
 * schemas. Throws react-admin's HttpError built from the problem document on failure.
 */
export async function apiRequest<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const response = await send(path, request, 'application/json');
  const body = parseBody(await response.text());
  if (!response.ok) throw toHttpError(body, response);
  return body as T;
}

/** Downloads a document (a PDF…) with its file name from Content-Disposition. */
export async function apiDownload(path: string): Promise<{ blob: Blob; filename?: string }> {
  const response = await send(path, {}, '*/*');
  if (!response.ok) throw toHttpError(parseBody(await response.text()), response);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1];
  return { blob: await response.blob(), filename };
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

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A proxy error page, for instance: keep the text so the error still says something.
    return text;
  }
}

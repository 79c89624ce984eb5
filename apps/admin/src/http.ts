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

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: URLSearchParams;
  body?: unknown;
}

/**
 * Untyped JSON call for the generic data provider, whose resource and path are only known at run
 * time. Throws react-admin's HttpError built from the problem document on failure.
 */
export async function apiRequest<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const search = request.query?.toString();
  const url = `${path}${search ? `?${search}` : ''}`;
  const headers = new Headers({ Accept: 'application/json' });
  if (request.body !== undefined) headers.set('Content-Type', 'application/json');
  const response = await authFetch(url, {
    method: request.method ?? 'GET',
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  const body = parseBody(await response.text());
  if (!response.ok) throw toHttpError(body, response);
  return body as T;
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

import { createCarnetClient, type Schemas } from '@carnet/api-client';

import { problemMessage } from './problem';

export type Identity = Schemas['MeResponseDto'];
type Tokens = Schemas['TokenResponseDto'];

const REFRESH_TOKEN_KEY = 'carnet.refreshToken';
const REFRESH_LOCK = 'carnet.refresh';
/** Refresh this many seconds before the access token expires. */
const REFRESH_MARGIN_SECONDS = 30;

// The auth endpoints either take no bearer token or get it explicitly, so they use a plain client:
// routing them through the retrying fetch of http.ts would loop on a failed refresh.
const authClient = createCarnetClient({ baseUrl: window.location.origin });

// The access token lives in memory only; the refresh token survives a reload in localStorage.
let accessToken: string | undefined;
let identity: Identity | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let pendingRefresh: Promise<Identity> | undefined;

export class SessionError extends Error {
  override name = 'SessionError';
}

export const getAccessToken = (): string | undefined => accessToken;

const readRefreshToken = (): string | undefined =>
  window.localStorage.getItem(REFRESH_TOKEN_KEY) ?? undefined;

function clearSession(): void {
  clearTimeout(refreshTimer);
  refreshTimer = undefined;
  accessToken = undefined;
  identity = undefined;
  window.localStorage.removeItem(REFRESH_TOKEN_KEY);
}

function storeTokens(tokens: Tokens): void {
  accessToken = tokens.accessToken;
  window.localStorage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
  clearTimeout(refreshTimer);
  const delaySeconds = Math.max(tokens.expiresIn - REFRESH_MARGIN_SECONDS, tokens.expiresIn / 2);
  // A failed silent refresh is not fatal: the next API call gets a 401 and tries again.
  refreshTimer = setTimeout(
    () => void refreshSession().catch(() => undefined),
    delaySeconds * 1000,
  );
}

async function loadIdentity(token: string): Promise<Identity> {
  const { data, error, response } = await authClient.GET('/api/v1/auth/me', {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!data) throw new SessionError(problemMessage(error, response));
  identity = data;
  return data;
}

export async function login(email: string, password: string): Promise<Identity> {
  const { data, error, response } = await authClient.POST('/api/v1/auth/login', {
    body: { email, password },
  });
  if (!data) throw new SessionError(problemMessage(error, response));
  storeTokens(data);
  return loadIdentity(data.accessToken);
}

/**
 * Trades the stored refresh token for a new token pair. Refresh tokens rotate and reusing one
 * revokes the whole family, so concurrent refreshes must never send the same token twice: calls
 * are shared within the tab, and serialised across tabs with a Web Lock (each tab then reads the
 * token the previous one stored).
 */
export function refreshSession(): Promise<Identity> {
  pendingRefresh ??= withRefreshLock(async () => {
    const refreshToken = readRefreshToken();
    if (!refreshToken) throw new SessionError('No refresh token');
    const { data, error, response } = await authClient.POST('/api/v1/auth/refresh', {
      body: { refreshToken },
    });
    if (!data) {
      // Only drop the session when the server refused the token, not on a network failure.
      if (response.status === 401 || response.status === 400) clearSession();
      throw new SessionError(problemMessage(error, response));
    }
    storeTokens(data);
    return identity ?? loadIdentity(data.accessToken);
  }).finally(() => {
    pendingRefresh = undefined;
  });
  return pendingRefresh;
}

function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  if (!('locks' in navigator)) return task();
  return navigator.locks.request(REFRESH_LOCK, task);
}

/** Returns the current identity, renewing the access token from the refresh token if needed. */
export function restoreSession(): Promise<Identity> {
  if (accessToken && identity) return Promise.resolve(identity);
  return refreshSession();
}

export const hasStoredSession = (): boolean => readRefreshToken() !== undefined;

export async function logout(): Promise<void> {
  const refreshToken = readRefreshToken();
  clearSession();
  if (!refreshToken) return;
  // Logging out locally must succeed even when the API is unreachable.
  await authClient.POST('/api/v1/auth/logout', { body: { refreshToken } }).catch(() => undefined);
}

// Logging out in another tab removes the refresh token: forget the access token here too.
window.addEventListener('storage', (event) => {
  if (event.key === REFRESH_TOKEN_KEY && event.newValue === null) {
    clearTimeout(refreshTimer);
    accessToken = undefined;
    identity = undefined;
  }
});

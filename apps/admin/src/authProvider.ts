import type { AuthProvider, UserIdentity } from 'react-admin';

import { roleCanAccess } from './access';
import { forgetCursors } from './cursors';
import type { Role } from './choices';
import {
  type Identity,
  hasStoredSession,
  login,
  logout,
  restoreSession,
  SessionError,
} from './session';

/** What useGetIdentity() returns: the API's /auth/me plus react-admin's fullName. */
export type CarnetIdentity = UserIdentity & Identity;

const isHttpStatus = (error: unknown, status: number): boolean =>
  typeof error === 'object' && error !== null && 'status' in error && error.status === status;

export const authProvider: AuthProvider = {
  // react-admin's login form names its first field "username"; our users sign in by e-mail.
  login: async ({ username, password }: { username: string; password: string }) => {
    forgetCursors();
    await login(username, password);
  },

  logout: async () => {
    forgetCursors();
    await logout();
  },

  checkAuth: async () => {
    if (!hasStoredSession()) throw new SessionError('Not signed in');
    await restoreSession();
  },

  // http.ts has already tried one refresh, so a 401 here means the session is over: rejecting
  // makes react-admin log out. A 403 is a missing permission, reported by the page itself.
  checkError: (error: unknown) =>
    isHttpStatus(error, 401)
      ? Promise.reject(new SessionError('carnet.auth.sessionExpired'))
      : Promise.resolve(),

  getPermissions: async (): Promise<Role | undefined> => {
    if (!hasStoredSession()) return undefined;
    return (await restoreSession()).role;
  },

  // `action` is react-admin's (list, show, create, edit…) or one of ours (see access.ts).
  canAccess: async ({ resource, action }: { resource: string; action: string }) =>
    hasStoredSession() && roleCanAccess((await restoreSession()).role, resource, action),

  getIdentity: async (): Promise<CarnetIdentity> => {
    const identity = await restoreSession();
    return { ...identity, fullName: identity.displayName };
  },
};

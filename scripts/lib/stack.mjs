// Shared steps of `npm start` and `npm test`: install, build, migrate, seed, start processes.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { log, waitForPort } from './services.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function run(command, args, options = {}) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit', ...options });
}

/**
 * `run` without blocking this process: for a long command (Jest) while this process serves
 * something the command needs (the mail catcher's SMTP and inbox live in this process). Rejects as
 * `execFileSync` throws: `status` or `signal`, and « Command failed: … » in the message.
 */
export function runAsync(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.once('error', reject);
    child.once('exit', (status, signal) => {
      if (status === 0) return resolve();
      const error = new Error(`Command failed: ${[command, ...args].join(' ')}`);
      Object.assign(error, { status, signal });
      reject(error);
    });
  });
}

/** `npm install` on a fresh clone (the lockfile keeps versions fixed; see ENVIRONMENT notes). */
export function ensureInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(marker) && existsSync(join(root, 'node_modules', '@nestjs', 'core'))) return;
  log('Installing dependencies (npm install)…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

export function buildApi() {
  log('Building libs/domain and the API…');
  run('npx', ['tsc', '-p', 'libs/domain/tsconfig.build.json']);
  run('npx', ['nest', 'build', 'api']);
}

export function buildAdmin() {
  log('Building the admin SPA…');
  run('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: join(root, 'apps/admin') });
}

export function cli(args, env) {
  run('node', ['apps/api/dist/cli.js', ...args], { env: { ...process.env, ...env } });
}

const children = new Set();
/** Signals the child's whole process group: `npx vite` runs the server as a grandchild. */
function signal(child, name) {
  try {
    process.kill(-child.pid, name);
  } catch {
    child.kill(name);
  }
}
process.on('exit', () => {
  for (const child of children) signal(child, 'SIGKILL');
});

/**
 * Starts a long-running child in its own process group, so that Ctrl-C reaches only this script,
 * which then stops the children in order (the worker before Redis, say). `stop()` ends it by its
 * own process group: SIGTERM, then SIGKILL after 10 s.
 */
export function startProcess(name, command, args, { env = {}, cwd = root, quiet = false } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    detached: true,
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  child.on('exit', (code, signal) => {
    if (!child.stopping) log(`${name} exited (${signal ?? code})`);
  });
  return {
    name,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.stopping = true;
        const killer = setTimeout(() => signal(child, 'SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        signal(child, 'SIGTERM');
      }),
  };
}

/** Waits until `started` listens on `port`; fails at once, in one line, if it exits before. */
export async function untilListening(started, port, timeoutMs = 60_000) {
  const { child, name } = started;
  let onExit;
  const exited = new Promise((_, reject) => {
    onExit = (code, signal) =>
      reject(new Error(`${name} exited (${signal ?? code}) before listening on port ${port}`));
    child.once('exit', onExit);
  });
  try {
    await Promise.race([waitForPort(port, timeoutMs), exited]);
  } finally {
    child.off('exit', onExit);
    exited.catch(() => undefined);
  }
}

export async function startApi({ env, port, quiet = false }) {
  const api = startProcess('API', 'node', ['apps/api/dist/main.js'], {
    env: { ...env, PORT: String(port) },
    quiet,
  });
  await untilListening(api, port);
  return api;
}

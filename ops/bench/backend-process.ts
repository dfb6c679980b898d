/** The backend as `npm start` runs it, for the benchmarks: its own process, pinned to one core. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpOk } from '@sluice/services';
import { REPO_ROOT } from '../src/repo-root';

export interface BackendStores {
  port: number;
  /** The backend's data folder and sites file go here. */
  dir: string;
  /** A ClickHouse of the benchmark's own (a ClickHouseHarness or the reports' seeded server). */
  clickhouse: {
    url: string;
    database: string;
    credentials: Record<'admin' | 'reader', { username: string; password: string }>;
  };
  /** The owner the first start creates. */
  owner: { email: string; password: string };
}

/** The environment of a backend on loopback over these stores, logging warnings only. */
export function backendEnvironment({ port, dir, clickhouse, owner }: BackendStores) {
  const { admin, reader } = clickhouse.credentials;
  return {
    BACKEND_HOST: '127.0.0.1',
    BACKEND_PORT: String(port),
    BACKEND_DATA_DIR: join(dir, 'backend'),
    SLUICE_SITES_FILE: join(dir, 'sites.json'),
    CLICKHOUSE_URL: clickhouse.url,
    CLICKHOUSE_DATABASE: clickhouse.database,
    CLICKHOUSE_ADMIN_USER: admin.username,
    CLICKHOUSE_ADMIN_PASSWORD: admin.password,
    CLICKHOUSE_READER_USER: reader.username,
    CLICKHOUSE_READER_PASSWORD: reader.password,
    ADMIN_EMAIL: owner.email,
    ADMIN_PASSWORD: owner.password,
    LOG_LEVEL: 'warn',
  };
}

/** Spawns the backend pinned to `core`; resolves once /api/health answers, with the time it took. */
export async function startBackend(
  env: Record<string, string>,
  core: number,
): Promise<{ child: ChildProcess; startMs: number }> {
  const started = performance.now();
  const child = spawn(
    'taskset',
    ['-c', String(core), process.execPath, join(REPO_ROOT, 'backend', 'dist', 'src', 'main.js')],
    {
      env: { PATH: process.env.PATH, ...env },
      stdio: 'ignore',
    },
  );
  // Polled every 10 ms (waitUntil's 100 ms would blur the start time).
  while (!(await httpOk(`http://127.0.0.1:${env.BACKEND_PORT}/api/health`).catch(() => false))) {
    if (child.exitCode !== null || performance.now() - started > 60_000)
      throw new Error('the backend did not start');
    await sleep(10);
  }
  return { child, startMs: performance.now() - started };
}

export async function stopBackend(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** A JSON call to the backend's API: a POST with `body`, a GET without. */
export async function apiCall<T>(
  baseUrl: string,
  path: string,
  init: { token?: string; body?: unknown },
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.token && { authorization: `Bearer ${init.token}` }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** A fresh access token of `user`. */
export const signInAs = async (baseUrl: string, user: { email: string; password: string }) =>
  (await apiCall<{ accessToken: string }>(baseUrl, '/api/auth/login', { body: user })).accessToken;

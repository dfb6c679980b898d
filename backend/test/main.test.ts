import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { freePort } from '@sluice/services';
import { startTestStores, type TestStores } from './harness.js';

const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));

interface Started {
  output(): string;
  /** The exit code, or the signal that ended the process. */
  exited: Promise<number | NodeJS.Signals | null>;
  pid: number;
  kill(signal: NodeJS.Signals): void;
}

/** Every backend this file started: killed at the end, so a failed test never leaves one holding the file open. */
const children = new Set<ReturnType<typeof spawn>>();

function startBackend(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [MAIN], {
    // At info: this file reads what the process says (the harness's quieter level is for in-process apps).
    env: { PATH: process.env.PATH, NO_COLOR: '1', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return {
    output: () => output,
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal))),
    pid: child.pid!,
    kill: (signal) => child.kill(signal),
  };
}

/** A bound on waiting, not a timing: a first start applies every ClickHouse migration, slow on a loaded machine. */
async function waitFor(started: Started, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(started.output())) {
    if (Date.now() > deadline) assert.fail(`no ${pattern} within ${timeoutMs} ms:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let stores: TestStores;

before(async () => {
  stores = await startTestStores();
});

after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await stores?.stop();
});

describe('the backend process', () => {
  test('migrates, listens, answers and stops cleanly on SIGTERM', async (t) => {
    const port = await freePort();
    const startedAt = performance.now();
    const backend = startBackend({
      ...stores.env,
      BACKEND_HOST: '127.0.0.1',
      BACKEND_PORT: String(port),
      LOG_LEVEL: 'info',
    });
    await waitFor(backend, new RegExp(`Backend listening on http://127\\.0\\.0\\.1:${port}`));
    const startMs = performance.now() - startedAt;
    assert.match(backend.output(), /Applying ClickHouse migration/);
    const response = await fetch(`http://127.0.0.1:${port}/api/health`);
    assert.deepEqual(await response.json(), { status: 'ok' });
    const ready = await fetch(`http://127.0.0.1:${port}/api/ready`, {
      headers: { authorization: 'Bearer do-not-log-me' },
    });
    const requestId = ready.headers.get('x-request-id');
    await waitFor(backend, new RegExp(`"id":"${requestId}".*"responseTime"`));
    // The request's own line (the lines logged while it ran carry its id too).
    const line = JSON.parse(
      backend
        .output()
        .split('\n')
        .find((entry) => entry.includes(requestId!) && entry.includes('"responseTime"'))!,
    );
    assert.deepEqual(
      [line.req, line.res],
      [{ id: requestId, method: 'GET', url: '/api/ready' }, { statusCode: 200 }],
      'one JSON line per request: its id, method, URL and status, no header (credentials, addresses)',
    );
    assert.equal(typeof line.responseTime, 'number');
    assert.doesNotMatch(backend.output(), /do-not-log-me/);
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${backend.pid}/status`, 'utf8'))?.[1]);
    t.diagnostic(
      `backend start ${startMs.toFixed(0)} ms (spawn to listening), RSS ${(rssKb / 1024).toFixed(1)} MiB`,
    );
    backend.kill('SIGTERM');
    // Nest closes the app, then re-raises the signal so the parent sees how it ended.
    assert.equal(await backend.exited, 'SIGTERM', backend.output());
    assert.match(backend.output(), /Stopped on SIGTERM/);
  });

  test('without ADMIN_PASSWORD the first start prints a one-time password, once', async () => {
    const env: Record<string, string> = {
      ...stores.env,
      BACKEND_PORT: String(await freePort()),
      BACKEND_DATA_DIR: join(stores.dir, 'first-start'),
      ADMIN_EMAIL: 'first@shop.test',
    };
    delete env.ADMIN_PASSWORD;
    const created = /Owner account created: first@shop\.test with the one-time password (\S+) /;
    const first = startBackend(env);
    await waitFor(first, /Backend listening/);
    const password = created.exec(first.output())?.[1];
    assert.match(password ?? '', /^[A-Za-z0-9_-]{24}$/, first.output());
    const login = await fetch(`http://127.0.0.1:${env.BACKEND_PORT}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'first@shop.test', password }),
    });
    assert.equal(login.status, 200);
    assert.equal(
      ((await login.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword,
      true,
    );
    first.kill('SIGTERM');
    await first.exited;

    const second = startBackend(env);
    await waitFor(second, /Backend listening/);
    assert.doesNotMatch(
      second.output(),
      /one-time password|Owner account created/,
      'printed on the first start only',
    );
    second.kill('SIGTERM');
    await second.exited;
  });

  test('a bad environment stops the start, naming every bad variable', async () => {
    const env: Record<string, string> = { ...stores.env, BACKEND_PORT: 'http' };
    delete env.BACKEND_DATA_DIR;
    const backend = startBackend(env);
    assert.equal(await backend.exited, 1);
    assert.match(backend.output(), /The backend could not start: invalid settings:\n/);
    assert.match(backend.output(), /BACKEND_PORT must be a TCP port \(1-65535\), got "http"/);
    assert.match(backend.output(), /BACKEND_DATA_DIR must be set/);
  });

  test('an unreachable ClickHouse stops the start before it listens', async () => {
    const port = await freePort();
    const deadClickHouse = `http://127.0.0.1:${await freePort()}`;
    const backend = startBackend({
      ...stores.env,
      CLICKHOUSE_URL: deadClickHouse,
      BACKEND_PORT: String(port),
    });
    assert.equal(await backend.exited, 1);
    assert.match(backend.output(), /The backend could not start: .*ECONNREFUSED/s);
    assert.doesNotMatch(backend.output(), /Backend listening/);
  });
});

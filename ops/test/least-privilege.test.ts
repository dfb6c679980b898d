/**
 * Least privilege where the parts are put together: each process of the native stack receives its own
 * settings and none of another part's secrets (read from the running processes), and the visitor salts
 * are the edge's files alone.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { dataPaths } from '../src/stack/settings';
import { startStack, type RunningStack } from '../src/stack/stack';
import { testStackSettings } from './test-stack';

const dataDir = mkdtempSync(join(tmpdir(), 'sluice-privilege-'));
let stack: RunningStack | undefined;
after(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The environment the kernel holds for a running process (nginx overwrites its own with its title). */
const environmentOf = (pid: number | undefined) =>
  readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);

const mode = (path: string) => statSync(path).mode & 0o777;

test("each process of the native stack gets its own secrets and no other part's", async () => {
  // Exported in the shell that runs `npm start`, as an operator may: a process that inherited the
  // environment would hold them all.
  const secrets = Object.fromEntries(
    [
      'SLUICE_JWT_SECRET',
      'CLICKHOUSE_ADMIN_PASSWORD',
      'CLICKHOUSE_INGEST_PASSWORD',
      'CLICKHOUSE_READER_PASSWORD',
    ].map((name) => [name, randomBytes(24).toString('base64url')]),
  );
  Object.assign(process.env, secrets);
  const settings = await testStackSettings(dataDir);
  try {
    stack = await startStack(settings, () => {});
  } finally {
    for (const name of Object.keys(secrets)) delete process.env[name];
  }
  const held = Object.fromEntries(
    stack.parts.map(({ name, process }) => {
      const environment = Object.entries(process.environment);
      // By value too: a secret under another name is still that secret.
      const holds = Object.entries(secrets)
        .filter(([secret, value]) =>
          environment.some(([key, text]) => key === secret || text.includes(value)),
        )
        .map(([secret]) => secret);
      return [name, holds];
    }),
  );
  const shipper = stack.parts.find(({ name }) => name === 'shipper')!.process;
  assert.deepEqual(
    environmentOf(shipper.pid),
    Object.entries(shipper.environment).map(([key, value]) => `${key}=${value}`),
    'what the shipper runs with is what it was given',
  );
  assert.deepEqual(held, {
    clickhouse: [],
    backend: ['SLUICE_JWT_SECRET', 'CLICKHOUSE_ADMIN_PASSWORD', 'CLICKHOUSE_READER_PASSWORD'],
    edge: [],
    shipper: ['CLICKHOUSE_INGEST_PASSWORD'],
  });

  // The salts turn addresses into visitor ids: the edge's workers create them readable by their owner only.
  const salts = join(dataPaths(settings).edgeState, 'salts');
  assert.equal(mode(salts), 0o770);
  const files = readdirSync(salts);
  assert.ok(files.length > 0);
  for (const file of files) assert.equal(mode(join(salts, file)), 0o600, file);
});

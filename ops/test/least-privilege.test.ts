/**
 * Least privilege where the parts are put together: each process of the native stack receives its own
 * settings and none of another part's secrets (read from the running processes), the visitor salts are
 * the edge's files alone, and in compose each container mounts only the volumes its job needs.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { REPO_ROOT } from '../src/repo-root';
import { dataPaths, type StackSettings } from '../src/stack/settings';
import type { RunningStack } from '../src/stack/stack';
import { startTestStack } from './test-stack';

let dataDir: string | undefined;
let stack: RunningStack | undefined;
after(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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
  let settings: StackSettings;
  try {
    ({ dataDir, settings, stack } = await startTestStack('privilege'));
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

interface ComposeService {
  volumes?: string[];
}

/** The named volumes each compose service mounts: target → volume, and whether read-only. */
function composeMounts(): Record<string, Array<{ volume: string; target: string; readOnly: boolean }>> {
  const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, ComposeService>;
    volumes: Record<string, unknown>;
  };
  return Object.fromEntries(
    Object.entries(compose.services).map(([service, { volumes = [] }]) => [
      service,
      volumes
        .map((entry) => entry.split(':'))
        .filter(([source]) => source in compose.volumes)
        .map(([volume, target, options = '']) => ({
          volume,
          target,
          readOnly: options.split(',').includes('ro'),
        })),
    ]),
  );
}

/** The volume that holds `path` in `service`'s container (the deepest mount above it). */
function volumeHolding(mounts: ReturnType<typeof composeMounts>, service: string, path: string) {
  const holding = mounts[service]
    .filter(({ target }) => path === target || path.startsWith(`${target}/`))
    .sort((a, b) => b.target.length - a.target.length)[0];
  assert.ok(holding, `${service} mounts nothing holding ${path}`);
  return holding;
}

test('compose: each container mounts only what its job needs', () => {
  const mounts = composeMounts();
  const servicesMounting = (volume: string) =>
    Object.keys(mounts).filter((service) => mounts[service].some((mount) => mount.volume === volume));
  // The edge image's layout (edge/src/render-config.ts) and the backend image's SLUICE_SITES_FILE.
  const salts = volumeHolding(mounts, 'edge', '/var/lib/sluice/edge-state/salts');
  const events = volumeHolding(mounts, 'edge', '/var/lib/sluice/events/events.ndjson');
  const sites = volumeHolding(mounts, 'backend', '/var/lib/sluice/sites/sites.json');
  assert.deepEqual(servicesMounting(salts.volume), ['edge'], 'the visitor salts are the edge’s alone');
  assert.deepEqual(
    servicesMounting(events.volume),
    ['edge', 'vector'],
    'events: written by the edge, read by Vector',
  );
  // Vector deletes each closed file it has read (pipeline/vector.yaml, remove_after_secs): it needs to write there.
  assert.equal(volumeHolding(mounts, 'vector', '/var/lib/sluice/events').readOnly, false);
  // The sites file holds signing secrets: the backend writes it, the edge only reads it.
  assert.deepEqual(servicesMounting(sites.volume), ['backend', 'edge']);
  assert.equal(volumeHolding(mounts, 'edge', '/var/lib/sluice/sites/sites.json').volume, sites.volume);
  assert.equal(volumeHolding(mounts, 'edge', '/var/lib/sluice/sites').readOnly, true);
});

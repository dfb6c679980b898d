import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { SETTINGS, settingsReadBy, type Part, type Setting, type SettingName } from '@sluice/config';
import { REPO_ROOT } from '../src/repo-root';

// docker-compose.yml can't run here (no Docker engine): it is rendered offline by Debian's docker-compose with
// .env.example's values, and the result is checked for what a production deployment needs.

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const SECRETS = {
  CLICKHOUSE_ADMIN_PASSWORD: 'a',
  CLICKHOUSE_INGEST_PASSWORD: 'i',
  CLICKHOUSE_READER_PASSWORD: 'r',
};

interface Service {
  image?: string;
  build?: { dockerfile: string };
  environment?: Record<string, string | null>;
  volumes?: Array<{ type: string; source: string; target: string }>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  logging?: { driver: string; options: Record<string, string> };
  deploy?: { resources: { limits: { memory: string } } };
  profiles?: string[];
}

function rendered(): { services: Record<string, Service>; volumes: Record<string, unknown> } {
  const result = spawnSync(
    'docker-compose',
    ['-f', 'docker-compose.yml', '--env-file', '.env.example', '--profile', 'monitoring', 'config'],
    { cwd: REPO_ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, ...SECRETS } },
  );
  assert.equal(result.status, 0, result.stderr);
  return parse(result.stdout);
}

const compose = rendered();
const services = Object.entries(compose.services);
const dockerfileOf = (service: Service) => read(service.build!.dockerfile);

test('every image is pinned to an exact version, those built here included', () => {
  const images = services.flatMap(([, service]) =>
    service.image
      ? [service.image]
      : [...dockerfileOf(service).matchAll(/^FROM (\S+)/gm)].map((match) => match[1]),
  );
  assert.ok(images.length >= 8, images.join(', '));
  for (const image of images) assert.match(image, /:v?\d+\.\d+\.\d+[\w.-]*$/, `${image} is not pinned`);
});

test('every service is health-checked, and each waits for what it needs to be healthy', () => {
  for (const [name, service] of services) {
    const checked = service.healthcheck ?? (service.build && /^HEALTHCHECK /m.test(dockerfileOf(service)));
    assert.ok(checked, `${name} has no health check`);
    for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {}))
      assert.equal(condition, 'service_healthy', `${name} → ${dependency}`);
  }
  assert.deepEqual(
    Object.fromEntries(services.map(([name, service]) => [name, Object.keys(service.depends_on ?? {})])),
    {
      clickhouse: [],
      backend: ['clickhouse'],
      edge: ['backend'],
      vector: ['backend'],
      prometheus: [],
      grafana: ['prometheus'],
    },
  );
});

test("every service's memory is limited and its log rotated", () => {
  for (const [name, service] of services) {
    assert.match(service.deploy?.resources.limits.memory ?? '', /^\d+[kmg]?$/i, `${name}: no memory limit`);
    assert.equal(service.logging?.driver, 'json-file', name);
    assert.ok(service.logging?.options['max-size'] && service.logging.options['max-file'], name);
  }
  assert.equal(
    compose.services.clickhouse.deploy!.resources.limits.memory,
    SETTINGS.CLICKHOUSE_MEMORY_LIMIT.default,
  );
});

test('the images built here create every folder their volumes mount, for their non-root user', () => {
  for (const [name, service] of services.filter(([, service]) => service.build)) {
    const dockerfile = dockerfileOf(service);
    for (const volume of (service.volumes ?? []).filter((volume) => volume.type === 'volume')) {
      assert.ok(dockerfile.includes(volume.target), `${name}'s image never creates ${volume.target}`);
    }
  }
});

/** The part of the settings schema a compose service is: its environment is what that part reads. */
const PARTS: Record<string, Part> = { backend: 'backend', edge: 'edge', vector: 'vector' };

test('each part receives in compose exactly the settings it reads, with the defaults the schema gives', () => {
  const raw = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
  for (const [name, part] of Object.entries(PARTS)) {
    const given = Object.keys(raw.services[name].environment ?? {}).sort();
    // The shipper's metrics address is the native stack's: with Vector, deletions wait a fixed time instead.
    const expected = settingsReadBy(part).filter((setting) => setting !== 'SLUICE_SHIPPER_METRICS_URL');
    assert.deepEqual(given, [...expected].sort(), name);
  }
  for (const match of read('docker-compose.yml').matchAll(/\$\{([A-Z0-9_]+)(?::?([-?])([^}]*))?\}/g)) {
    const [, name, operator, value] = match;
    assert.ok(name in SETTINGS, `${name} is no setting`);
    const spec: Setting = SETTINGS[name as SettingName];
    assert.equal(spec.internal, undefined, `${name} is wiring, not an operator's setting`);
    if (operator === '-') assert.equal(value, spec.default ?? '', `${name}'s default`);
    else
      assert.ok(spec.required && spec.secret, `${name} has no default in compose but is no required secret`);
  }
});

test('every setting compose reads is used by docker-compose.yml, and every operator setting by a part', () => {
  const text = read('docker-compose.yml');
  // COMPOSE_* variables are docker compose's own (it reads them from .env), not the file's.
  for (const name of settingsReadBy('compose').filter((name) => !name.startsWith('COMPOSE_')))
    assert.ok(text.includes(`\${${name}`), name);
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const spec: Setting = SETTINGS[name];
    assert.ok(spec.readBy.length > 0, name);
  }
});

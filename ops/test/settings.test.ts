import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadSettings, parseEnvFile, processEnvironment } from '../src/stack/settings';

const root = mkdtempSync(join(tmpdir(), 'sluice-settings-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('parseEnvFile reads KEY=VALUE lines, ignoring comments and quotes', () => {
  assert.deepEqual(parseEnvFile('# c\nA=1\n\nB = "two words"\nC=\nlower=x\n'), {
    A: '1',
    B: 'two words',
    C: '',
  });
});

test('secrets are generated once on first start, private, and reused afterwards', () => {
  const first = loadSettings(root, { SLUICE_DATA_DIR: 'data' });
  const secretsFile = join(root, 'data', 'secrets.env');
  assert.equal(statSync(secretsFile).mode & 0o777, 0o600);
  assert.ok(first.backend.jwtSecret.length >= 32);
  assert.notEqual(first.clickhouse.admin.password, first.clickhouse.reader.password);
  const again = loadSettings(root, { SLUICE_DATA_DIR: 'data' });
  assert.equal(again.backend.jwtSecret, first.backend.jwtSecret);
  assert.equal(again.clickhouse.ingest.password, first.clickhouse.ingest.password);
});

test('.env and the environment win over generated secrets and defaults', () => {
  writeFileSync(join(root, '.env'), 'EDGE_PORT=9090\nSLUICE_JWT_SECRET=from-dot-env-0123456789abcdef0123\n');
  const settings = loadSettings(root, { SLUICE_DATA_DIR: 'data2', BACKEND_PORT: '3100' });
  assert.equal(settings.edge.port, 9090);
  assert.equal(settings.backend.port, 3100);
  assert.equal(settings.backend.jwtSecret, 'from-dot-env-0123456789abcdef0123');
  assert.ok(!readFileSync(join(root, 'data2', 'secrets.env'), 'utf8').includes('SLUICE_JWT_SECRET'));
  assert.equal(settings.dataDir, join(root, 'data2'));
});

test("the backend's optional settings reach it as set, and only those", () => {
  writeFileSync(join(root, '.env'), 'ADMIN_EMAIL=me@shop.test\nOIDC_NAME=Okta\nDATABASE_URL=\n');
  const env = processEnvironment('backend', loadSettings(root, { SLUICE_DATA_DIR: 'data3' }), 'shipper');
  assert.equal(env.ADMIN_EMAIL, 'me@shop.test');
  assert.equal(env.OIDC_NAME, 'Okta');
  assert.equal('DATABASE_URL' in env, false, 'an empty variable is unset');
  assert.equal(env.SLUICE_PUBLIC_URL, 'http://localhost:8080', 'the public URL is the edge, unless set');
  const local = processEnvironment(
    'backend',
    loadSettings(root, { SLUICE_DATA_DIR: 'data3', EDGE_HOST: '127.0.0.1', EDGE_PORT: '8181' }),
    'shipper',
  );
  assert.equal(local.SLUICE_PUBLIC_URL, 'http://127.0.0.1:8181');
  const set = processEnvironment(
    'backend',
    loadSettings(root, { SLUICE_DATA_DIR: 'data3', SLUICE_PUBLIC_URL: 'https://analytics.shop.test' }),
    'shipper',
  );
  assert.equal(set.SLUICE_PUBLIC_URL, 'https://analytics.shop.test');
});

test("each process receives its own variables: no other part's secrets", () => {
  // Batch sizes set, defaults left to the process (the schema's default is the one both would use).
  const settings = loadSettings(root, { SLUICE_DATA_DIR: 'data4', SHIPPER_BATCH_MAX_EVENTS: '5000' });
  const names = (part: Parameters<typeof processEnvironment>[0]) =>
    Object.keys(processEnvironment(part, settings, part === 'vector' ? 'vector' : 'shipper'));
  assert.deepEqual(names('shipper'), [
    'CLICKHOUSE_URL',
    'CLICKHOUSE_INGEST_PASSWORD',
    'SHIPPER_BATCH_MAX_EVENTS',
    'SHIPPER_INPUT_DIR',
    'SHIPPER_STATE_DIR',
  ]);
  assert.deepEqual(names('vector'), [
    'CLICKHOUSE_URL',
    'CLICKHOUSE_INGEST_PASSWORD',
    'SLUICE_EVENTS_DIR',
    'VECTOR_DATA_DIR',
  ]);
  const backend = names('backend');
  for (const secret of ['SLUICE_JWT_SECRET', 'CLICKHOUSE_ADMIN_PASSWORD', 'CLICKHOUSE_READER_PASSWORD'])
    assert.ok(backend.includes(secret), secret);
  assert.equal(backend.includes('CLICKHOUSE_INGEST_PASSWORD'), false);
  assert.equal(backend.includes('SHIPPER_BATCH_MAX_EVENTS'), false);
  // Deletions wait on the shipper's progress; Vector can't tell its own, so nothing points there.
  assert.equal(
    processEnvironment('backend', settings, 'shipper').SLUICE_SHIPPER_METRICS_URL,
    `http://127.0.0.1:${settings.shipper.metricsPort}/metrics`,
  );
  assert.equal('SLUICE_SHIPPER_METRICS_URL' in processEnvironment('backend', settings, 'vector'), false);
});

test("the panel's own listener and host name, when set", () => {
  const shared = loadSettings(root, { SLUICE_DATA_DIR: 'data4' });
  assert.deepEqual([shared.edge.adminListen, shared.edge.adminServerName], [undefined, undefined]);
  const own = loadSettings(root, {
    SLUICE_DATA_DIR: 'data4',
    EDGE_ADMIN_PORT: '8081',
    EDGE_ADMIN_SERVER_NAME: 'panel.shop.test',
  });
  assert.deepEqual(own.edge.adminListen, { host: '127.0.0.1', port: 8081 });
  assert.equal(own.edge.adminServerName, 'panel.shop.test');
});

test('a bad port stops the start with a message naming the variable', () => {
  assert.throws(
    () => loadSettings(root, { SLUICE_DATA_DIR: 'data', EDGE_PORT: '80800' }),
    /EDGE_PORT must be a TCP port/,
  );
});

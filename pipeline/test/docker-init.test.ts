import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const SCRIPT = join(__dirname, '..', '..', 'clickhouse', 'docker-init', '01-sluice-users.sh');

/** A stand-in for the image's `clickhouse` binary that records its arguments and the SQL it is fed. */
const bin = mkdtempSync(join(tmpdir(), 'sluice-docker-init-'));
writeFileSync(join(bin, 'clickhouse'), `#!/bin/sh\necho "$@" > "${bin}/args"\ncat > "${bin}/sql"\n`, {
  mode: 0o755,
});
after(() => rmSync(bin, { recursive: true, force: true }));

function runInit(env: Record<string, string>) {
  rmSync(join(bin, 'sql'), { force: true });
  const result = spawnSync('bash', [SCRIPT], {
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      CLICKHOUSE_USER: 'sluice_admin',
      CLICKHOUSE_PASSWORD: 'admin-secret',
      CLICKHOUSE_DB: 'sluice',
      CLICKHOUSE_INGEST_USER: 'sluice_ingest',
      CLICKHOUSE_INGEST_PASSWORD: "in'gest\\pw",
      CLICKHOUSE_READER_USER: 'sluice_reader',
      CLICKHOUSE_READER_PASSWORD: 'reader-pw',
      ...env,
    },
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr, sql: () => readFileSync(join(bin, 'sql'), 'utf8') };
}

test('docker init creates the ingest and reader accounts with only the grants they need', () => {
  const { status, stderr, sql } = runInit({});
  assert.equal(status, 0, stderr);
  assert.match(readFileSync(join(bin, 'args'), 'utf8'), /--user sluice_admin --password admin-secret/);
  const statements = sql();
  assert.match(statements, /CREATE DATABASE IF NOT EXISTS sluice;/);
  assert.match(statements, /CREATE USER IF NOT EXISTS sluice_ingest .* BY 'in\\'gest\\\\pw';/);
  assert.match(statements, /CREATE USER IF NOT EXISTS sluice_reader [^;]*SETTINGS readonly = 2;/);
  assert.match(statements, /GRANT INSERT, SELECT ON sluice\.events TO sluice_ingest;/);
  assert.match(statements, /GRANT SELECT ON sluice\.\* TO sluice_reader;/);
  assert.doesNotMatch(statements, /GRANT [^;]* TO sluice_ingest;[\s\S]*GRANT [^;]* TO sluice_ingest;/);
});

test('docker init fails loudly on an empty password or a name that is not an identifier', () => {
  for (const [env, message] of [
    [{ CLICKHOUSE_READER_PASSWORD: '' }, /CLICKHOUSE_READER_PASSWORD must be set/],
    [{ CLICKHOUSE_INGEST_PASSWORD: '' }, /CLICKHOUSE_INGEST_PASSWORD must be set/],
    [{ CLICKHOUSE_INGEST_USER: 'ingest; DROP' }, /not a valid ClickHouse name/],
  ] as const) {
    const { status, stderr } = runInit(env);
    assert.notEqual(status, 0);
    assert.match(stderr, message);
  }
});

/**
 * Each ClickHouse account can do its job and no more, on the real 18.16 with the users.xml that
 * lib/services writes (the native stack's). Modern servers (compose) get SQL grants instead:
 * clickhouse/docker-init, docker-init.test.ts.
 */
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { after, before, test } from 'node:test';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { loadMigrations, migrationLabel, rollbackMigrations, runMigrations } from '../src';
import { ClickHouseHarness, eventRow } from '../src/testing/clickhouse-harness';

const clickhouse = new ClickHouseHarness();
let ingest: ClickHouseClient;
let reader: ClickHouseClient;

before(async () => {
  await clickhouse.start();
  await clickhouse.migrate();
  const connect = (role: 'ingest' | 'reader') => createClient(clickhouse.target(role));
  ingest = connect('ingest');
  reader = connect('reader');
});
after(async () => {
  await ingest?.close();
  await reader?.close();
  await clickhouse.stop();
});

async function refused(client: ClickHouseClient, query: string, reason: RegExp, settings = {}) {
  await assert.rejects(client.command({ query, clickhouse_settings: settings }), reason, query);
}

/** The statements that would destroy or reshape stored data. */
const DDL = [
  'DROP TABLE events',
  'TRUNCATE TABLE events',
  'ALTER TABLE events DELETE WHERE 1',
  'ALTER TABLE events ADD COLUMN intruder UInt8',
  'RENAME TABLE traffic_hourly TO intruder',
  'CREATE TABLE intruder (a UInt8) ENGINE = Memory',
  'OPTIMIZE TABLE events',
  'DROP DATABASE sluice',
];

test('ingest writes events, and nothing that changes the schema or the server', async () => {
  await ingest.insert({ table: 'events', values: [eventRow({ site_id: 1 })], format: 'JSONEachRow' });
  for (const query of [...DDL, 'SYSTEM STOP MERGES', 'SYSTEM SHUTDOWN'])
    await refused(ingest, query, /DDL queries are prohibited for the user/);
  await refused(ingest, 'SET allow_ddl = 1', /Cannot modify 'allow_ddl' setting/);
  const [{ tables }] = await clickhouse.query<{ tables: string }>(
    `SELECT count() AS tables FROM system.tables WHERE database = 'sluice' AND name = 'events'`,
  );
  assert.equal(Number(tables), 1, 'events is still there');
});

test('reader reads, and cannot write, change the schema, or lift its read-only mode', async () => {
  const result = await reader.query({ query: 'SELECT count() AS n FROM events', format: 'JSONEachRow' });
  assert.equal((await result.json<{ n: string }>()).length, 1);
  for (const query of [...DDL, 'INSERT INTO events SELECT * FROM events LIMIT 1', 'SYSTEM STOP MERGES'])
    await refused(reader, query, /readonly mode/);
  await refused(reader, 'DROP TABLE events', /readonly/, { readonly: 0 });
});

test("every account's queries run on as many threads as the host has cores (18.16 would find 1 on a VM)", async () => {
  for (const client of [ingest, reader]) {
    const result = await client.query({
      query: "SELECT value FROM system.settings WHERE name = 'max_threads'",
      format: 'JSONEachRow',
    });
    assert.deepEqual(await result.json<{ value: string }>(), [{ value: String(availableParallelism()) }]);
  }
});

test('admin migrates', async () => {
  const target = clickhouse.target('admin');
  // The newest migration down and up again, whichever it is.
  const newest = loadMigrations('sluice').at(-1)!;
  assert.deepEqual((await rollbackMigrations({ ...target, to: newest.version - 1 })).reverted, [
    migrationLabel(newest),
  ]);
  assert.deepEqual((await runMigrations(target)).applied, [migrationLabel(newest)]);
});

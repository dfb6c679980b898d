import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { CLICKHOUSE_TYPES, EVENT_ROW, EVENT_ROW_FIELDS, type RowFieldSpec } from '@sluice/config';
import { loadMigrations, rollbackMigrations, runMigrations } from '../src';
import { ClickHouseHarness } from '../src/testing/clickhouse-harness';

const clickhouse = new ClickHouseHarness();
before(() => clickhouse.start());
after(() => clickhouse.stop());

/** Every migration in the folder, as the runner reports them: 0001_create_events, … */
const ALL = loadMigrations('sluice').map(
  ({ version, name }) => `${String(version).padStart(4, '0')}_${name}`,
);
const allAbove = (version: number) => ALL.filter((label) => Number(label.slice(0, 4)) > version);

const describeEvents = () => clickhouse.query<{ name: string; type: string }>('DESCRIBE TABLE sluice.events');

// Each test sets the schema it starts from, so any one of them passes alone or in any order.
const fromNothing = () => rollbackMigrations({ ...clickhouse.target('admin'), to: 0 });
const upToDate = () => clickhouse.migrate();

test('the events table has exactly the contract fields, in order, with the contract types', async () => {
  await fromNothing();
  assert.deepEqual((await clickhouse.migrate()).applied, ALL);
  const columns = (await describeEvents()).map(({ name, type }) => ({ name, type }));
  const contract = EVENT_ROW_FIELDS.map((name) => ({ name, type: CLICKHOUSE_TYPES[EVENT_ROW[name].type] }));
  assert.deepEqual(columns, contract);
});

test('running the migrations again applies nothing', async () => {
  await upToDate();
  assert.deepEqual((await clickhouse.migrate()).applied, []);
});

test('rolling back runs the down steps, and up applies them again', async () => {
  await upToDate();
  const { reverted } = await rollbackMigrations({ ...clickhouse.target('admin'), to: 0 });
  assert.deepEqual(reverted, [...ALL].reverse());
  const [exists] = await clickhouse.query<{ n: string }>(
    "SELECT count() AS n FROM system.tables WHERE database = 'sluice' AND name = 'events'",
  );
  assert.equal(Number(exists.n), 0);
  assert.deepEqual((await runMigrations(clickhouse.target('admin'))).applied, ALL);
});

test('the reports account is read-only', async () => {
  await upToDate();
  // The refusal is the expected outcome: keep the client from logging it as an error.
  const reader = createClient({
    url: clickhouse.server.url,
    ...clickhouse.credentials.reader,
    log: { level: ClickHouseLogLevel.OFF },
  });
  try {
    await assert.rejects(reader.command({ query: 'DROP TABLE sluice.events' }), /readonly/i);
  } finally {
    await reader.close();
  }
});

test('rolling back to version 1 leaves exactly the first contract version, and up restores the contract', async () => {
  await upToDate();
  const { reverted } = await rollbackMigrations({ ...clickhouse.target('admin'), to: 1 });
  assert.deepEqual(reverted, allAbove(1).reverse());
  const columns = (await describeEvents()).map(({ name }) => name);
  assert.deepEqual(
    columns,
    EVENT_ROW_FIELDS.filter((field) => (EVENT_ROW[field] as RowFieldSpec).since === undefined),
  );
  assert.deepEqual((await clickhouse.migrate()).applied, allAbove(1));
  assert.deepEqual(
    (await describeEvents()).map(({ name }) => name),
    EVENT_ROW_FIELDS,
  );
});

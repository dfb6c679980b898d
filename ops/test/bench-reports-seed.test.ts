/**
 * The reports benchmark's seeder at 2,000 events (no timings): every row it makes conforms to the event
 * contract, ClickHouse 18.16 stores exactly those rows from its RowBinary (every field, copies
 * included), the rollups fill, and a second start with the same plan reuses the seeded rows.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { rowProblems, withDefaults, type EventRow } from '@sluice/config';
import { eventBatches, rowsPerSite, type SeedPlan } from '@sluice/traffic';
import { namedRow } from '@sluice/traffic';
import { seededClickHouse, type SeededClickHouse } from '../bench/reports/seeder';

const PLAN: SeedPlan = { seed: 7, events: 2_000, sites: 3, endDay: '2026-11-29', days: 30 };
const generated = [...eventBatches(PLAN, 500)].flat().map(namedRow);
const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-seed-'));
let clickhouse: SeededClickHouse;

before(async () => {
  clickhouse = await seededClickHouse(dir, PLAN);
});

after(async () => {
  await clickhouse?.server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A row's text, for comparing sets of rows where order is ClickHouse's. */
const key = (row: Partial<EventRow>) => JSON.stringify(withDefaults(row));

test('every row conforms to the event contract, as the edge writes it (fields at their default left out)', () => {
  assert.equal(generated.length, 2_000);
  assert.deepEqual(
    generated.flatMap((row) => rowProblems(row)),
    [],
  );
  const withDefault = generated.filter((row) =>
    Object.values(row).some(
      (value) => value === '' || value === 0 || (Array.isArray(value) && !value.length),
    ),
  );
  assert.deepEqual(withDefault, []);
});

test('the rows depend on the plan, not on the batch size', () => {
  assert.deepEqual([...eventBatches(PLAN, 7)].flat().map(namedRow), generated);
  assert.notDeepEqual([...eventBatches({ ...PLAN, seed: 8 }, 500)].flat().map(namedRow), generated);
});

test('sites get 1, 1/2, 1/3 of the events, the rounding to the first', async () => {
  assert.deepEqual(rowsPerSite(PLAN), [1_092, 545, 363]);
  const stored = await clickhouse.query<{ site_id: number; rows: string }>(
    'SELECT site_id, count() AS rows FROM events GROUP BY site_id ORDER BY site_id',
  );
  assert.deepEqual(
    stored.map(({ site_id, rows }) => [site_id, Number(rows)]),
    [
      [1, 1_092],
      [2, 545],
      [3, 363],
    ],
  );
});

test('ClickHouse stores exactly the generated rows, every field of each, copies included', async () => {
  const stored = await clickhouse.query<EventRow>('SELECT * FROM events');
  assert.deepEqual(stored.map(key).sort(), generated.map(key).sort());
  // Every contract type is in the comparison: purchases carry a decimal revenue, engagement a float CLS.
  assert.ok(generated.some((row) => row.revenue_amount! > 0 && row.revenue_currency !== undefined));
  assert.ok(generated.some((row) => row.cls! > 0));
  const copies = generated.length - new Set(generated.map((row) => row.event_id)).size;
  assert.ok(copies > 0, 'some rows are delivered twice');
  const [{ distinct }] = await clickhouse.query<{ distinct: string }>(
    'SELECT uniqExact(event_id) AS distinct FROM events',
  );
  assert.equal(Number(distinct), generated.length - copies);
});

test("the rollups fill as the rows arrive: each counts the distinct events of its site's people", async () => {
  const rollup = await clickhouse.query<{ site_id: number; events: string }>(
    'SELECT site_id, uniqMerge(events) AS events FROM traffic_hourly GROUP BY site_id ORDER BY site_id',
  );
  const distinct = (site: number) =>
    new Set(generated.filter((row) => row.site_id === site && !row.is_bot).map((row) => row.event_id)).size;
  assert.deepEqual(
    rollup.map(({ site_id, events }) => [site_id, Number(events)]),
    [1, 2, 3].map((site) => [site, distinct(site)]),
  );
});

test('the traffic has the known shapes: the home page leads, bots are flagged, visits span several events', () => {
  const pageviews = generated.filter((row) => row.name === 'pageview' && row.site_id === 1);
  const byPath = new Map<string, number>();
  for (const { pathname } of pageviews) byPath.set(pathname!, (byPath.get(pathname!) ?? 0) + 1);
  const top = [...byPath.entries()].sort((a, b) => b[1] - a[1])[0][0];
  assert.equal(top, '/');
  for (const row of generated.filter((r) => r.is_bot === 1)) {
    assert.equal(row.device, 'bot');
    assert.equal(row.name, 'pageview');
  }
  const names = new Set(generated.map((row) => row.name));
  for (const name of ['pageview', '$engagement', '$autocapture']) assert.ok(names.has(name), name);
  const sessions = new Set(generated.map((row) => row.session_id)).size;
  assert.ok(generated.length / sessions > 3, `${generated.length} events in ${sessions} visits`);
});

test("every event lies in the 30 days that end on the plan's last day, in its site's time zone", async () => {
  const spans = await clickhouse.query<{ site_id: number; first: string; last: string }>(
    'SELECT site_id, min(ts) AS first, max(ts) AS last FROM events GROUP BY site_id ORDER BY site_id',
  );
  // Berlin (UTC+1 in November), UTC, Kolkata (UTC+5:30): local midnights of 31 October and 30 November.
  const periods = [
    ['2026-10-30 23:00:00', '2026-11-29 23:00:00'],
    ['2026-10-31 00:00:00', '2026-11-30 00:00:00'],
    ['2026-10-30 18:30:00', '2026-11-29 18:30:00'],
  ];
  for (const { site_id, first, last } of spans) {
    const [start, end] = periods[site_id - 1];
    assert.ok(first >= start && last < end, `site ${site_id}: ${first} to ${last}`);
  }
});

test('a second start with the same plan reuses the seeded rows', async () => {
  await clickhouse.server.stop();
  clickhouse = await seededClickHouse(dir, PLAN);
  assert.equal(clickhouse.seededSeconds, undefined);
  const [{ rows }] = await clickhouse.query<{ rows: string }>('SELECT count() AS rows FROM events');
  assert.equal(Number(rows), 2_000);
});

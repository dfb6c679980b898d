import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { compactRow, type EventRow } from '@sluice/config';
import { waitUntil } from '@sluice/services';
import {
  dropExpiredPartitions,
  eraseSiteData,
  expireSiteData,
  oldestKeptMonth,
  rollbackMigrations,
  siteErasure,
} from '../src';
import { ClickHouseHarness, eventRow } from '../src/testing/clickhouse-harness';

const clickhouse = new ClickHouseHarness();
before(async () => {
  await clickhouse.start();
  await clickhouse.migrate();
});
after(() => clickhouse.stop());

const insert = (rows: EventRow[], table = 'sluice.events') =>
  clickhouse.admin.insert({ table, values: rows, format: 'JSONEachRow' });
/**
 * A finalized visit of `siteId` on each day, in its slot (migration 0024: 0 final, 1 or 2 provisional), and
 * its page sequence where `path`.
 */
async function insertFinalized(siteId: number, visits: Array<{ day: string; slot: number; path?: boolean }>) {
  const at = (day: string) => `'${day} 10:00:00'`;
  await clickhouse.command(
    `INSERT INTO sluice.visits (site_id, day, version, provisional, visit_id, visitor, started, ended, pageviews, events)
     VALUES ${visits.map(({ day, slot }, i) => `(${siteId}, '${day}', 1, ${slot}, ${i}, ${i}, ${at(day)}, ${at(day)}, 1, 1)`).join(', ')}`,
  );
  const paths = visits.filter(({ path }) => path);
  if (paths.length === 0) return;
  await clickhouse.command(
    `INSERT INTO sluice.visit_paths (site_id, day, version, visit_id, started, steps)
     VALUES ${paths.map(({ day }, i) => `(${siteId}, '${day}', 1, ${i}, ${at(day)}, ['/'])`).join(', ')}`,
  );
}
const numbers = <T extends object>(row: T) =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]));

test('sampling by visitor keeps exactly the visitors in the lower half of the hash range, each whole', async () => {
  const site_id = 101;
  const rows = Array.from({ length: 400 }, (_, i) => eventRow({ site_id, visitor_id: `visitor-${i % 100}` }));
  await insert(rows);
  const perVisitor = (sample: string, where = '') =>
    clickhouse.query<{ visitor_id: string; events: string }>(
      `SELECT visitor_id, count() AS events FROM sluice.events ${sample}
       WHERE site_id = ${site_id} ${where} GROUP BY visitor_id ORDER BY visitor_id`,
    );
  // SAMPLE 1/2 keeps the rows whose sampling key, sipHash64(visitor_id), is in the lower half of UInt64.
  const lowerHalf = await perVisitor('', 'AND sipHash64(visitor_id) < 9223372036854775808');
  assert.equal(
    lowerHalf.length,
    50,
    'these ids always hash so: half of them, so the comparison below means something',
  );
  assert.deepEqual(
    await perVisitor('SAMPLE 1/2'),
    lowerHalf.map(({ visitor_id }) => ({ visitor_id, events: '4' })),
    'those visitors, each with all four of their events',
  );
});

test('the rollups count a re-delivered batch once, by hour and by session', async () => {
  const site_id = 102;
  const at = (minute: number) => `2026-11-20 10:${String(minute).padStart(2, '0')}:00`;
  const a = { site_id, visitor_id: 'visitor-a', session_id: 'session-a' };
  const batch = [
    eventRow({ ...a, ts: at(0) }),
    eventRow({ ...a, ts: at(5), pathname: '/pricing' }),
    eventRow({ ...a, ts: at(9), name: 'signup' }),
    eventRow({ site_id, visitor_id: 'visitor-b', session_id: 'session-b', ts: at(30) }),
  ];
  await insert(batch);
  await insert(batch); // at-least-once: the shipper re-sends after a crash
  const [hour] = await clickhouse.query<Record<string, string>>(
    `SELECT uniqMerge(visitors) AS visitors, uniqMerge(sessions) AS sessions,
        uniqIfMerge(pageviews) AS pageviews, uniqMerge(events) AS events
     FROM sluice.traffic_hourly WHERE site_id = ${site_id} GROUP BY hour`,
  );
  assert.deepEqual(numbers(hour), { visitors: 2, sessions: 2, pageviews: 3, events: 4 });
  const sessions = await clickhouse.query<Record<string, string>>(
    `SELECT if(visit_id = sipHash64('session-a'), 'session-a', 'session-b') AS session, uniqIfMerge(pageviews) AS pageviews,
        toUInt32(maxMerge(ended)) - toUInt32(minMerge(started)) AS seconds
     FROM sluice.sessions_daily WHERE site_id = ${site_id} GROUP BY visit_id ORDER BY session`,
  );
  assert.deepEqual(
    sessions.map(({ session, pageviews, seconds }) => [session, Number(pageviews), Number(seconds)]),
    [
      ['session-a', 2, 540],
      ['session-b', 1, 0],
    ],
  );
});

test('the rollups leave bots out, and a visit without a session id is a visit of its own', async () => {
  const site_id = 108;
  const person = eventRow({ site_id, visitor_id: 'person', session_id: '' });
  await insert([
    person,
    eventRow({ site_id, visitor_id: 'person', session_id: '' }),
    eventRow({ site_id, visitor_id: 'crawler', session_id: 'crawl', is_bot: 1 }),
  ]);
  const [hour] = await clickhouse.query<Record<string, string>>(
    `SELECT uniqMerge(visitors) AS visitors, uniqMerge(events) AS events
     FROM sluice.traffic_hourly WHERE site_id = ${site_id}`,
  );
  assert.deepEqual(numbers(hour), { visitors: 1, events: 2 });
  // Two visits (each event without a session id is its own, keyed by its event id), both the person's.
  const visits = await clickhouse.query<Record<string, string>>(
    `SELECT visit_id = sipHash64('${person.event_id}') AS keyed_by_event_id,
        argMinMerge(visitor_hash) = sipHash64('person') AS the_person
     FROM sluice.sessions_daily WHERE site_id = ${site_id} GROUP BY visit_id ORDER BY keyed_by_event_id`,
  );
  assert.deepEqual(visits.map(numbers), [
    { keyed_by_event_id: 0, the_person: 1 },
    { keyed_by_event_id: 1, the_person: 1 },
  ]);
});

test('autocapture names join at query time, the latest name winning', async () => {
  const site_id = 103;
  const fingerprint = '0123456789abcdef';
  await insert([
    eventRow({ site_id, name: '$autocapture', el_tag: 'button', el_fingerprint: fingerprint }),
    eventRow({ site_id, name: '$autocapture', el_tag: 'a', el_fingerprint: 'fedcba9876543210' }),
  ]);
  const name = (value: string, source: string, updated_at: string) => ({
    site_id,
    fingerprint,
    name: value,
    source,
    updated_at,
  });
  await clickhouse.admin.insert({
    table: 'sluice.autocapture_names',
    values: [
      name('Clicked button', 'heuristic', '2026-11-20 10:00:00'),
      name('Added to cart', 'ai', '2026-11-21 10:00:00'),
    ],
    format: 'JSONEachRow',
  });
  const rows = await clickhouse.query<{ el_tag: string; element_name: string }>(
    `SELECT el_tag, element_name FROM sluice.events
     ANY LEFT JOIN (
       SELECT site_id, fingerprint AS el_fingerprint, argMax(name, updated_at) AS element_name
       FROM sluice.autocapture_names WHERE site_id = ${site_id} GROUP BY site_id, el_fingerprint
     ) USING (site_id, el_fingerprint)
     WHERE site_id = ${site_id} ORDER BY el_tag`,
  );
  assert.deepEqual(rows, [
    { el_tag: 'a', element_name: '' },
    { el_tag: 'button', element_name: 'Added to cart' },
  ]);
});

test('rows stored before the re-sort and the rollups survive them and are rolled up', async () => {
  const site_id = 104;
  await rollbackMigrations({ ...clickhouse.target('admin'), to: 6 });
  try {
    // As an edge writes them (fields at their default left out): the schema of v6 lacks later fields.
    await clickhouse.admin.insert({
      table: 'sluice.events',
      values: [
        compactRow(eventRow({ site_id, ts: '2026-11-20 08:00:00' })),
        compactRow(eventRow({ site_id, ts: '2026-11-20 08:30:00' })),
      ],
      format: 'JSONEachRow',
    });
  } finally {
    // The tests after this one need the whole schema, whatever happened here.
    await clickhouse.migrate();
  }
  assert.equal(await clickhouse.rawRows(site_id), 2);
  const [hour] = await clickhouse.query<{ pageviews: string }>(
    `SELECT uniqIfMerge(pageviews) AS pageviews FROM sluice.traffic_hourly WHERE site_id = ${site_id}`,
  );
  assert.equal(Number(hour.pageviews), 2);
});

test('retention keeps whole months younger than the setting and drops older ones everywhere', async () => {
  assert.equal(oldestKeptMonth(new Date('2026-11-23T12:00:00Z'), 12), 202511);
  assert.equal(oldestKeptMonth(new Date('2026-01-01T00:00:00Z'), 1), 202512);
  assert.throws(() => oldestKeptMonth(new Date(), 0), /months must be ≥ 1/);
  const site_id = 105;
  await insert([
    eventRow({ site_id, ts: '2025-09-30 23:59:59' }),
    eventRow({ site_id, ts: '2025-10-01 00:00:00' }),
    eventRow({ site_id, ts: '2026-11-01 00:00:00' }),
  ]);
  // Finalized rows, partitioned by month and slot since 0024: a provisional slot's old month goes too.
  await insertFinalized(site_id, [
    { day: '2025-09-30', slot: 2, path: true },
    { day: '2026-11-01', slot: 0 },
  ]);
  const options = { ...clickhouse.target('admin'), months: 13, now: new Date('2026-11-23T12:00:00Z') };
  const { dropped } = await dropExpiredPartitions(options);
  assert.deepEqual(dropped, [
    'events 202509',
    'sessions_daily 202509',
    'traffic_hourly 202509',
    'visit_paths 202509-0',
    'visits 202509-2',
  ]);
  const [visits] = await clickhouse.query<{ days: string[] }>(
    `SELECT groupArray(toString(day)) AS days FROM sluice.visits WHERE site_id = ${site_id}`,
  );
  assert.deepEqual(visits.days, ['2026-11-01']);
  const [left] = await clickhouse.query<{ oldest: string; n: string }>(
    `SELECT toString(min(ts)) AS oldest, count() AS n FROM sluice.events WHERE site_id = ${site_id}`,
  );
  assert.deepEqual(left, { oldest: '2025-10-01 00:00:00', n: '2' });
  const [rollup] = await clickhouse.query<{ months: number[] }>(
    `SELECT groupUniqArray(toYYYYMM(hour)) AS months FROM sluice.traffic_hourly WHERE site_id = ${site_id}`,
  );
  assert.deepEqual(rollup.months.map(Number).sort(), [202510, 202611]);
  assert.deepEqual((await dropExpiredPartitions(options)).dropped, []);
});

test("a site's own retention deletes that site's older months, and issues no mutation when there are none", async () => {
  const [site_id, other] = [106, 107];
  await insert([
    eventRow({ site_id, ts: '2026-08-31 23:59:59' }),
    eventRow({ site_id, ts: '2026-09-01 00:00:00' }),
    eventRow({ site_id: other, ts: '2026-08-15 12:00:00' }),
  ]);
  const expire = () =>
    expireSiteData(clickhouse.target('admin'), site_id, 2, new Date('2026-11-23T12:00:00Z'));
  assert.deepEqual(await expire(), ['events', 'traffic_hourly', 'sessions_daily']);
  const expiring = ['events', 'sessions_daily', 'traffic_hourly'];
  assert.deepEqual(await clickhouse.siteMutations(site_id), expiring, 'one mutation per table');
  const count = async (site: number) =>
    Number(
      (
        await clickhouse.query<{ n: string }>(
          `SELECT count() AS n FROM sluice.events WHERE site_id = ${site}`,
        )
      )[0].n,
    );
  // ClickHouse applies the mutations in the background, table by table: the next run comes once all are.
  await waitUntil(
    'the expiry applied',
    async () => !(await siteErasure(clickhouse.target('admin'), site_id)).mutating,
    { timeoutMs: 20_000 },
  );
  assert.equal(await count(site_id), 1);
  assert.equal(await count(other), 1, 'other sites keep their rows');
  assert.deepEqual(await clickhouse.siteMutations(other), []);
  assert.deepEqual(await expire(), []);
  assert.deepEqual(
    await clickhouse.siteMutations(site_id),
    expiring,
    'nothing left to delete: no new mutation, no table rewritten',
  );
});

test("a deleted site's rows go from every table, the finalized visits and page sequences too", async () => {
  const [site_id, other] = [108, 109];
  await insert([
    eventRow({ site_id, ts: '2026-11-20 10:00:00' }),
    eventRow({ site_id: other, ts: '2026-11-20 10:00:00' }),
  ]);
  for (const site of [site_id, other]) {
    // A final visit and a provisional one (migration 0024), and a page sequence.
    await insertFinalized(site, [
      { day: '2026-11-20', slot: 0, path: true },
      { day: '2026-11-21', slot: 1 },
    ]);
  }
  const holding = [
    'events',
    'traffic_hourly',
    'sessions_daily',
    'visits',
    'visit_paths',
    'visitors_first_seen',
  ];
  assert.deepEqual((await siteErasure(clickhouse.target('admin'), site_id)).holding, holding);
  await eraseSiteData(clickhouse.target('admin'), site_id);
  await waitUntil(
    'the erasure applied',
    async () => !(await siteErasure(clickhouse.target('admin'), site_id)).mutating,
    { timeoutMs: 20_000 },
  );
  assert.deepEqual((await siteErasure(clickhouse.target('admin'), site_id)).holding, []);
  assert.deepEqual(
    (await siteErasure(clickhouse.target('admin'), other)).holding,
    holding,
    'other sites keep theirs',
  );
});

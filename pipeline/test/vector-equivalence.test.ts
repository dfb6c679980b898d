/**
 * Vector (production) and the shipper (hosts without Vector) must store the same rows from the same
 * NDJSON. One file goes through the real shipper into ClickHouse, and through vector.yaml's mapping
 * (evaluated by vector-remap.ts) into a twin table the way Vector's sink inserts; both tables must
 * then hold the same rows, the contract's, and both must drop the same lines.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { compactRow, EVENT_ROW, EVENT_ROW_FIELDS, rowProblems, type RowFieldSpec } from '@sluice/config';
import { waitUntil } from '@sluice/services';
import { startShipperProcess } from '../src';
import { ClickHouseHarness, eventRow } from '../src/testing/clickhouse-harness';
import { loadVectorRemap } from './vector-remap';

const clickhouse = new ClickHouseHarness();
before(async () => {
  await clickhouse.start();
  await clickhouse.migrate();
  await clickhouse.admin.command({ query: 'CREATE TABLE sluice.events_vector AS sluice.events' });
});
after(() => clickhouse.stop());

const SITE = 900;

/**
 * What an edge writes: today's rows with every kind of value (fields at their default left out),
 * a row written whole as edges did before they left defaults out, and a row of contract v1.
 */
function edgeLines(): string[] {
  const today = [
    eventRow({ site_id: SITE }),
    eventRow({
      site_id: SITE,
      name: '$autocapture',
      referrer: 'https://www.google.com/',
      referrer_source: 'Google',
      utm_campaign: 'spring "sale" \\ ünïcode',
      browser: 'Chrome',
      browser_version: '131',
      is_bot: 1,
      country: 'DE',
      city: 'Frankfurt am Main',
      user_id: 'user-42',
      props_keys: ['plan', 'seats'],
      props_values: ['pro', '3'],
      el_tag: 'button',
      el_text: 'Add to cart',
      el_fingerprint: '0123456789abcdef',
      click_x: 640,
      click_y: 1880,
      viewport_width: 1280,
    }),
    eventRow({ site_id: SITE, name: '$error', error_message: 'TypeError', error_line: 12, error_column: 7 }),
    eventRow({ site_id: SITE, name: '$web_vitals', lcp_ms: 1234, inp_ms: 96, cls: 0.125, scroll_depth: 80 }),
    eventRow({
      site_id: SITE,
      name: 'purchase',
      language: 'pt-br',
      props_keys: ['currency', 'revenue'],
      props_values: ['EUR', '99999999999.9999'],
      revenue_amount: 99_999_999_999.9999,
      revenue_currency: 'EUR',
    }),
    // Ten orders of 0.1: floats would sum them to 0.9999999999999999.
    ...Array.from({ length: 10 }, () =>
      eventRow({ site_id: SITE, name: 'tip', language: 'en', revenue_amount: 0.1, revenue_currency: 'USD' }),
    ),
  ].map((row) => JSON.stringify(compactRow(row)));
  const whole = JSON.stringify(eventRow({ site_id: SITE, pathname: '/whole', referrer: 'https://a.test/' }));
  // An edge on contract v1 wrote every field without `since`.
  const row = eventRow({ site_id: SITE, pathname: '/from-v1' });
  const v1 = Object.fromEntries(
    EVENT_ROW_FIELDS.filter((field) => !(EVENT_ROW[field] as RowFieldSpec).since).map((field) => [
      field,
      row[field],
    ]),
  );
  return [...today, whole, JSON.stringify(v1)];
}

/** Lines both must refuse: not JSON, not an object, a required field missing. */
function brokenLines(): string[] {
  const { event_id: _missing, ...withoutId } = eventRow({ site_id: SITE });
  return ['{"event_id": "cut', '[1, 2, 3]', '"a string"', JSON.stringify(withoutId)];
}

const rowsOf = async (table: string) =>
  clickhouse.query<Record<string, unknown>>(
    `SELECT * FROM sluice.${table} WHERE site_id = ${SITE} ORDER BY event_id`,
  );

test('the shipper and vector.yaml store the same contract rows and drop the same lines', async () => {
  const good = edgeLines();
  const broken = brokenLines();
  const lines = [
    good[0],
    broken[0],
    good[1],
    broken[1],
    good[2],
    broken[2],
    good[3],
    broken[3],
    ...good.slice(4),
  ];
  const dir = join(clickhouse.dir, 'equivalence');
  mkdirSync(join(dir, 'events'), { recursive: true });
  writeFileSync(join(dir, 'events', 'events.ndjson'), lines.join('\n') + '\n');

  // Vector: the remap, then its sink's JSONEachRow insert of what the remap kept.
  const remap = loadVectorRemap();
  const results = lines.map((line) => remap(line));
  const kept = results.flatMap((result) => ('row' in result ? [result.row] : []));
  const vectorDropped = lines.filter((_, i) => 'dropped' in results[i]);
  for (const row of kept)
    assert.deepEqual(Object.keys(row), EVENT_ROW_FIELDS, 'the remap writes the contract');
  await clickhouse.admin.insert({ table: 'sluice.events_vector', values: kept, format: 'JSONEachRow' });

  // The shipper, as a real process.
  const shipper = startShipperProcess({
    inputDir: join(dir, 'events'),
    stateDir: join(dir, 'shipper'),
    logFile: join(dir, 'shipper.log'),
    clickhouse: clickhouse.target('ingest'),
    batchMaxWaitMs: 100,
  });
  try {
    await waitUntil('the shipper', async () => (await clickhouse.distinctEventIds(SITE)) >= good.length);
  } finally {
    await shipper.stop();
  }
  const shipperDropped = readFileSync(join(dir, 'shipper', 'dead-letter.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((letter) => (JSON.parse(letter) as { line: string }).line);

  assert.deepEqual(shipperDropped, broken);
  assert.deepEqual(vectorDropped, broken);
  const [shipped, vectored] = [await rowsOf('events'), await rowsOf('events_vector')];
  assert.equal(shipped.length, good.length);
  assert.deepEqual(vectored, shipped);
  for (const row of shipped) assert.deepEqual(rowProblems(row), [], JSON.stringify(row));
  const v1 = shipped.find((row) => row.pathname === '/from-v1')!;
  assert.deepEqual(
    [v1.browser, v1.is_bot, v1.el_tag, v1.cls, v1.language, v1.revenue_amount, v1.revenue_currency],
    ['', 0, '', 0, '', 0, ''],
    'newer fields get their defaults',
  );
  const compact = shipped.find((row) => row.name === '$error')!;
  assert.deepEqual(
    [compact.referrer, compact.session_id, compact.props_keys, compact.error_line],
    ['', 's1', [], 12],
    'fields left out get their defaults',
  );
  for (const table of ['events', 'events_vector']) {
    assert.deepEqual(
      await clickhouse.query(
        `SELECT name, language, revenue_currency, toString(sum(revenue_amount)) AS revenue FROM sluice.${table}
         WHERE site_id = ${SITE} AND revenue_currency != '' GROUP BY name, language, revenue_currency ORDER BY name`,
      ),
      [
        { name: 'purchase', language: 'pt-br', revenue_currency: 'EUR', revenue: '99999999999.9999' },
        { name: 'tip', language: 'en', revenue_currency: 'USD', revenue: '1.0000' },
      ],
      `revenue is exact in ${table}`,
    );
  }
});

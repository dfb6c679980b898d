import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { EventRow } from '@sluice/config';
import { waitUntil } from '@sluice/services';
import { addDays } from '../src/common/calendar.js';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config.js';
import { FINALIZED_EVENT_DIMENSIONS } from '../src/reports/query/finalized-visits.js';
import { METRIC_NAMES } from '../src/reports/query/metrics.js';
import { VisitFinalizer } from '../src/reports/visit-finalizer.js';
import { eventRow, startSignedInApp, type TestStores } from './harness.js';
import { groupBy, metricsOf, seedVisits, visitRowsOf, type ExpectedVisit } from './report-seed.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;
let finalizer: VisitFinalizer;

before(async () => {
  // The final days alone: provisional-days.test.ts tests the days written before they are final.
  ({ stores, app, http, token, stop } = await startSignedInApp(undefined, {
    SLUICE_PROVISIONAL_AFTER_DAYS: '3',
  }));
  // The harness leaves the hourly job off; each test runs it at a chosen time.
  finalizer = app.get(VisitFinalizer);
});
after(() => stop?.());

async function newSite(domain: string, timezone: string): Promise<number> {
  const { body } = await http
    .post('/api/sites')
    .set('authorization', `Bearer ${token}`)
    .send({ name: domain, domain, timezone })
    .expect(201);
  return body.id as number;
}

const overview = async (siteId: number, from: string, to: string) =>
  (
    await http
      .get(`/api/sites/${siteId}/overview?from=${from}&to=${to}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200)
  ).body.metrics as ReturnType<typeof metricsOf>;

const breakdown = async (
  siteId: number,
  from: string,
  to: string,
  dimension: string,
  filters?: unknown,
  metrics?: readonly string[],
) =>
  (
    await http
      .get(`/api/sites/${siteId}/breakdown`)
      .query({
        from,
        to,
        dimension,
        limit: 1000,
        ...(filters ? { filters: JSON.stringify(filters) } : {}),
        ...(metrics ? { metrics: metrics.join(',') } : {}),
      })
      .set('authorization', `Bearer ${token}`)
      .expect(200)
  ).body.rows as Array<{ value: string; metrics: Record<string, number> }>;

/** Finalized visits per UTC day and version, as stored. */
const storedDays = (siteId: number) =>
  stores.query<{ day: string; version: string; visits: string }>(
    `SELECT toString(day) AS day, toString(version) AS version, toString(count()) AS visits FROM visits
     WHERE site_id = ${siteId} GROUP BY day, version ORDER BY day, version`,
  );

const ZONES = ['UTC', 'Asia/Kolkata', 'America/St_Johns'] as const;
const RANGES = [
  ['2026-11-20', '2026-11-20'],
  ['2026-11-21', '2026-11-22'], // across the last finalized day and the open ones
  ['2026-11-19', '2026-11-22'],
] as const;

/** The event dimensions whose values are finalized, as a breakdown asks: each is compared below. */
const VALUE_DIMENSIONS = FINALIZED_EVENT_DIMENSIONS;

const docs = (page: string | undefined) => /^\/docs\/[^/]*$/.test(page ?? '');

/**
 * Filtered page breakdowns, and which expected rows (one per visit and page) each keeps. By entry page: a
 * visit filter whose value differs between a visit and most of its pages' rows (a page viewed after the
 * first is not its visit's entry page), so the visits are chosen (`chosen`: those entering on the docs).
 * By page: a filter on the breakdown's own dimension, as a comparison of a page of rows asks for them.
 */
const PAGE_FILTERS = {
  'entry page': {
    filters: [{ dimension: 'entry_page', operator: 'matches', value: '/docs/*' }],
    keeps: (row: ExpectedVisit, chosen: Set<string>) => chosen.has(row.visit),
  },
  page: {
    filters: [{ dimension: 'page', operator: 'one_of', values: ['/docs/start', '/docs/api'] }],
    keeps: (row: ExpectedVisit) => docs(row.dimensions.page),
  },
} as const;

describe('finalized visits', () => {
  const sites = new Map<string, { id: number; rows: EventRow[] }>();
  /** Breakdowns by the finalized event dimensions before any day is finalized: all from raw events. */
  const fromRawEvents = new Map<string, Awaited<ReturnType<typeof breakdown>>>();
  /** The PAGE_FILTERS' breakdowns before any day is finalized. */
  const filteredFromRawEvents = new Map<string, Awaited<ReturnType<typeof breakdown>>>();
  before(async () => {
    for (const [i, timeZone] of ZONES.entries()) {
      const id = await newSite(`finalized-${i}.test`, timeZone);
      const rows = seedVisits(2000 + i, id, '2026-11-19 00:00:00', '2026-11-23 00:00:00', 300);
      await stores.insertEvents(rows);
      sites.set(timeZone, { id, rows });
      for (const dimension of VALUE_DIMENSIONS) {
        for (const [from, to] of RANGES) {
          fromRawEvents.set(
            `${timeZone} ${dimension} ${from}..${to}`,
            await breakdown(id, from, to, dimension, undefined, METRIC_NAMES),
          );
        }
      }
      for (const [from, to] of RANGES) {
        for (const [name, { filters }] of Object.entries(PAGE_FILTERS)) {
          filteredFromRawEvents.set(
            `${timeZone} ${name} ${from}..${to}`,
            await breakdown(id, from, to, 'page', filters),
          );
        }
      }
    }
  });
  const expected = (timeZone: string, from: string, to: string) =>
    visitRowsOf(sites.get(timeZone)!.rows, { from, to, timeZone });

  test('SLUICE_FINALIZE_AFTER_DAYS keeps days open longer: at 6, days 5 old are not finalized', async () => {
    const patient = new VisitFinalizer({
      ...app.get<AppConfig>(APP_CONFIG),
      finalizeAfterDays: 6,
      provisionalAfterDays: 6,
    });
    try {
      // The seed's first day, 2026-11-19, is 5 days before: 3 days after it with the default (next test).
      await patient.finalize(new Date('2026-11-24T18:00:00Z'));
      assert.equal(patient.finalizedThrough(), undefined);
      assert.deepEqual(await storedDays(sites.get('UTC')!.id), []);
    } finally {
      await patient.onModuleDestroy();
    }
  });

  test('days 3 UTC days old are finalized once, and reports over them keep their exact answers', async () => {
    assert.equal(finalizer.finalizedThrough(), undefined, 'nothing is finalized before the first run');
    await finalizer.finalize(new Date('2026-11-24T18:00:00Z'));
    assert.equal(finalizer.finalizedThrough(), '2026-11-21');

    const utc = sites.get('UTC')!;
    const days = await storedDays(utc.id);
    assert.deepEqual(
      days.map(({ day, visits }) => [day, Number(visits)]),
      ['2026-11-19', '2026-11-20', '2026-11-21'].map((day) => [day, expected('UTC', day, day).length]),
    );
    assert.equal(new Set(days.map((row) => row.version)).size, 1, 'one write, one version');
    // What reports read each day at: its latest record, for every recorded day, and the slot it is in.
    const records = await stores.query<{ day: string; latest: string; slot: number }>(
      `SELECT toString(day) AS day, toString(max(version)) AS latest, argMax(provisional, version) AS slot
       FROM visits_finalized GROUP BY day ORDER BY day`,
    );
    assert.deepEqual(
      finalizer.finalizedVersions(),
      records.map(({ day, latest, slot }) => ({ day, version: Number(latest), slot: Number(slot) })),
    );
    assert.equal(
      finalizer.finalizedVersions()?.find(({ day }) => day === '2026-11-20')?.version,
      Number(days[0].version),
    );

    for (const timeZone of ZONES) {
      const { id } = sites.get(timeZone)!;
      for (const [from, to] of RANGES) {
        assert.deepEqual(
          await overview(id, from, to),
          metricsOf(expected(timeZone, from, to)),
          `${timeZone} ${from}..${to}`,
        );
      }
      const countries = await breakdown(id, '2026-11-19', '2026-11-22', 'country');
      const visits = expected(timeZone, '2026-11-19', '2026-11-22');
      assert.deepEqual(
        Object.fromEntries(countries.map((row) => [row.value, row.metrics.visits])),
        Object.fromEntries(
          [...new Set(visits.map((visit) => visit.dimensions.country!))].map((country) => [
            country,
            visits.filter((visit) => visit.dimensions.country === country).length,
          ]),
        ),
      );
    }
  });

  test('breakdowns by pages, event names, elements and property keys answer from finalized values as from raw events', async () => {
    const { id } = sites.get('UTC')!;
    // The seed has no autocaptured clicks: the pages and the purchases' property keys are what is read.
    for (const dimension of ['page', 'prop_key']) {
      const [{ values }] = await stores.query<{ values: string }>(
        `SELECT toString(count()) AS values FROM visit_values WHERE site_id = ${id} AND dimension = '${dimension}'`,
      );
      assert.ok(Number(values) > 0, `the finalizer wrote ${dimension} values`);
    }
    for (const timeZone of ZONES) {
      for (const dimension of VALUE_DIMENSIONS) {
        for (const [from, to] of RANGES) {
          const key = `${timeZone} ${dimension} ${from}..${to}`;
          const rows = fromRawEvents.get(key)!;
          // Every metric: the days a range covers whole are merged from their totals (value-totals.ts).
          assert.deepEqual(
            await breakdown(sites.get(timeZone)!.id, from, to, dimension, undefined, METRIC_NAMES),
            rows,
            key,
          );
          // Filtered by its own values (as a comparison asks for a page of rows): those rows, unchanged.
          const values = rows.length > 0 ? rows.slice(0, 2).map((row) => row.value) : ['none'];
          assert.deepEqual(
            await breakdown(
              sites.get(timeZone)!.id,
              from,
              to,
              dimension,
              [{ dimension, operator: 'one_of', values }],
              METRIC_NAMES,
            ),
            rows.filter((row) => values.includes(row.value)),
            `${key} filtered by its own values`,
          );
        }
      }
    }
  });

  test('filtered page breakdowns keep every page of the visits chosen, from raw events and finalized values alike', async () => {
    const byValue = (answer: Awaited<ReturnType<typeof breakdown>>) =>
      Object.fromEntries(answer.map((row) => [row.value, row.metrics]));
    for (const timeZone of ZONES) {
      const { id, rows } = sites.get(timeZone)!;
      for (const [from, to] of RANGES) {
        // Chosen by the visit's own entry page, among visits begun up to two days before the range.
        const chosen = new Set(
          visitRowsOf(rows, { from: addDays(from, -2), to, timeZone })
            .filter((visit) => docs(visit.dimensions.entry_page))
            .map((visit) => visit.visit),
        );
        for (const [name, { filters, keeps }] of Object.entries(PAGE_FILTERS)) {
          const pages = groupBy(
            visitRowsOf(rows, { from, to, timeZone, eventDimension: 'page' }).filter((row) =>
              keeps(row, chosen),
            ),
            (row) => row.dimensions.page!,
          );
          const expectedRows = Object.fromEntries(
            [...pages].map(([page, rowsOfPage]) => {
              const { visitors, visits, pageviews } = metricsOf(rowsOfPage);
              return [page, { visitors, visits, pageviews }];
            }),
          );
          const key = `${timeZone} ${name} ${from}..${to}`;
          assert.ok(pages.size > 1, `${key}: more than one page kept`);
          assert.deepEqual(byValue(filteredFromRawEvents.get(key)!), expectedRows, `${key}, from raw events`);
          assert.deepEqual(
            byValue(await breakdown(id, from, to, 'page', filters)),
            expectedRows,
            `${key}, finalized`,
          );
        }
      }
    }
  });

  test('a second run at the same time writes nothing; a later one only the new days', async () => {
    const { id } = sites.get('UTC')!;
    const before = await storedDays(id);
    await finalizer.finalize(new Date('2026-11-24T19:00:00Z'));
    assert.deepEqual(await storedDays(id), before);

    await finalizer.finalize(new Date('2026-11-26T01:00:00Z'));
    assert.equal(finalizer.finalizedThrough(), '2026-11-23');
    const after = await storedDays(id);
    assert.deepEqual(after.slice(0, before.length), before, 'finalized days are not written again');
    assert.deepEqual(
      after.slice(before.length).map(({ day, visits }) => [day, Number(visits)]),
      ['2026-11-22', '2026-11-23']
        .map((day): [string, number] => [day, expected('UTC', day, day).length])
        .filter(([, visits]) => visits > 0),
    );
    for (const [from, to] of RANGES) {
      assert.deepEqual(await overview(id, from, to), metricsOf(expected('UTC', from, to)), `${from}..${to}`);
    }
  });

  test('reports read finalized days from `visits`, not from the rollup', async () => {
    // A site with no events: a visit written straight into `visits` under the day's current version is
    // counted, so the report read it there.
    const id = await newSite('finalized-only.test', 'UTC');
    const [{ version }] = await stores.query<{ version: string }>(
      `SELECT toString(max(version)) AS version FROM visits_finalized WHERE day = '2026-11-20'`,
    );
    await stores.command(
      `INSERT INTO visits (site_id, day, version, visit_id, visitor, started, ended, pageviews, events, country)
       VALUES (${id}, '2026-11-20', ${version}, 1, 7, '2026-11-20 10:00:00', '2026-11-20 10:00:30', 3, 5, 'NZ')`,
    );
    const metrics = await overview(id, '2026-11-20', '2026-11-20');
    assert.deepEqual(
      {
        visitors: metrics.visitors,
        visits: metrics.visits,
        pageviews: metrics.pageviews,
        events: metrics.events,
      },
      { visitors: 1, visits: 1, pageviews: 3, events: 5 },
    );
    assert.equal(metrics.visit_duration, 30);
    // A row of an older version is not: readers take each day's latest.
    await stores.command(
      `INSERT INTO visits (site_id, day, version, visit_id, visitor, started, ended, pageviews, events)
       VALUES (${id}, '2026-11-20', ${Number(version) - 1}, 2, 8, '2026-11-20 11:00:00', '2026-11-20 11:00:00', 1, 1)`,
    );
    assert.equal((await overview(id, '2026-11-20', '2026-11-20')).visits, 1);

    // So does a page breakdown past FIRST_VISIT_LOOKBACK_DAYS read its finalized values' totals for a UTC day
    // it covers whole…
    const totalsRow = (page: string, dayVersion: number, visitor: number) =>
      stores.command(
        `INSERT INTO finalized_value_totals (site_id, dimension, day, version, provisional, value, visitors,
           visits, pageviews, events, bounces, duration)
         SELECT ${id}, 'page', toDate('2026-11-20'), ${dayVersion}, 0, '${page}', uniqState(toUInt64(${visitor})),
           1, 2, 3, 0, 30 FROM system.one`,
      );
    await totalsRow('/only-here', Number(version), 7);
    await totalsRow('/superseded', Number(version) - 1, 8);
    assert.deepEqual(await breakdown(id, '2026-09-01', '2026-11-20', 'page'), [
      { value: '/only-here', metrics: { visitors: 1, visits: 1, pageviews: 2 }, comparison: null },
    ]);
    // …and its values' rows for a UTC day it covers in part (2026-11-20 in Kolkata is 2026-11-19 18:30 UTC
    // to 2026-11-20 18:30): the totals of 2026-11-20 are not read, the row begun at 10:00 UTC is.
    const kolkata = await newSite('finalized-only-kolkata.test', 'Asia/Kolkata');
    await stores.command(
      `INSERT INTO visit_values (site_id, dimension, day, version, visit_id, value, visitor, started, ended, pageviews, events)
       VALUES (${kolkata}, 'page', '2026-11-20', ${version}, 1, '/from-values', 7, '2026-11-20 10:00:00', '2026-11-20 10:00:30', 2, 3),
              (${kolkata}, 'page', '2026-11-20', ${Number(version) - 1}, 2, '/superseded', 8, '2026-11-20 11:00:00', '2026-11-20 11:00:00', 1, 1)`,
    );
    // The totals of 2026-11-20 would answer '/only-here' there.
    await stores.command(
      `INSERT INTO finalized_value_totals SELECT ${kolkata}, dimension, day, version, provisional, value, visitors,
         visits, pageviews, events, bounces, duration FROM finalized_value_totals WHERE site_id = ${id}`,
    );
    assert.deepEqual(await breakdown(kolkata, '2026-09-01', '2026-11-20', 'page'), [
      { value: '/from-values', metrics: { visitors: 1, visits: 1, pageviews: 2 }, comparison: null },
    ]);
  });

  test('late events of a finalized day count once its days are finalized again', async () => {
    const { id, rows } = sites.get('UTC')!;
    const day = '2026-11-20';
    const before = metricsOf(expected('UTC', day, day));
    const late = [
      eventRow({ site_id: id, session_id: 'late-1', visitor_id: 'late-visitor', ts: '2026-11-20 09:00:00' }),
      eventRow({ site_id: id, session_id: 'late-1', visitor_id: 'late-visitor', ts: '2026-11-20 09:01:00' }),
    ];
    await stores.insertEvents(late);
    rows.push(...late);
    // The documented bound: a finalized day does not see events that arrive later…
    assert.deepEqual(await overview(id, day, day), before);

    // …until it is finalized again (docs/operations.md).
    await stores.command(`ALTER TABLE visits_finalized DELETE WHERE day >= '${day}'`);
    await waitUntil('the watermark mutation', async () => {
      const [{ pending }] = await stores.query<{ pending: string }>(
        `SELECT toString(count()) AS pending FROM system.mutations WHERE table = 'visits_finalized' AND is_done = 0`,
      );
      return pending === '0';
    });
    await finalizer.finalize(new Date('2026-11-26T02:00:00Z'));
    assert.equal(finalizer.finalizedThrough(), '2026-11-23');
    const now = metricsOf(expected('UTC', day, day));
    assert.equal(now.visits, before.visits + 1);
    assert.deepEqual(await overview(id, day, day), now);
    // The rows of the earlier versions are deleted in the background; readers never saw them.
    await waitUntil('the old versions deleted', async () => {
      const versions = new Set(
        (await storedDays(id)).filter((row) => row.day >= day).map((row) => row.version),
      );
      return versions.size === 1;
    });
  });

  test('finalized_events has every column of events, then its own', async () => {
    const columns = async (table: string) =>
      (await stores.query<{ name: string; type: string }>(`DESCRIBE TABLE ${table}`)).map(
        ({ name, type }) => `${name} ${type}`,
      );
    assert.deepEqual(await columns('finalized_events'), [
      ...(await columns('events')),
      'version UInt32',
      'visit_id UInt64',
      'visitor UInt64',
      'provisional UInt8',
    ]);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import type request from 'supertest';
import { waitUntil } from '@sluice/services';
import { FINALIZED_TABLES } from '@sluice/pipeline';
import { VisitFinalizer } from '../src/reports/visit-finalizer.js';
import { eventRow, startSignedInApp, type TestStores } from './harness.js';
import { reportClient, type Params } from './report-client.js';
import { seedVisits } from './report-seed.js';

/**
 * Provisional days (migration 0024): the days between the last final one and yesterday, written with the
 * final ones and again every hour, so reports read only the day under way from the rollup. The settings
 * are the defaults: final 3 UTC days after, provisional 1 day after.
 */

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;
let finalizer: VisitFinalizer;

const { report, newSite } = reportClient(
  () => http,
  () => token,
);

/** UTC+5:30 and UTC−3:30: a local day reads two UTC days, one of them often provisional. */
const ZONES = ['UTC', 'Asia/Kolkata', 'America/St_Johns'] as const;
/** At 18:00 on the 24th the final days run through the 21st, the provisional ones through the 23rd. */
const FIRST_RUN = new Date('2026-11-24T18:00:00Z');
const RANGES = [
  { from: '2026-11-22', to: '2026-11-22' },
  { from: '2026-11-20', to: '2026-11-24' },
];
const REQUESTS: Array<[string, Params]> = [
  ['overview', {}],
  ['breakdown', { dimension: 'page', limit: 100 }],
  ['breakdown', { dimension: 'country', limit: 100 }],
  ['breakdown', { dimension: 'prop_key', limit: 100 }],
  ['breakdown', { dimension: 'event_name', limit: 100 }],
  [
    'breakdown',
    {
      dimension: 'country',
      limit: 100,
      filters: JSON.stringify([{ dimension: 'page', operator: 'is', value: '/pricing' }]),
    },
  ],
  [
    'breakdown',
    {
      dimension: 'page',
      limit: 100,
      filters: JSON.stringify([{ dimension: 'country', operator: 'is', value: 'DE' }]),
    },
  ],
  ['timeseries', { metrics: 'visitors,visits,pageviews,events', interval: 'hour' }],
  // Visitors by day and week are counted by each visitor's first visit of a bucket (bucket-visitors.ts).
  ['timeseries', { metrics: 'visitors,visits', interval: 'day' }],
  ['timeseries', { metrics: 'visitors', interval: 'week' }],
  ['paths', { page: '/pricing' }],
  ['paths/sessions', { start: '/' }],
];

const sites: number[] = [];

/** Every request's answer, for every site and range, in order. */
async function answers(): Promise<unknown[]> {
  const bodies: unknown[] = [];
  for (const site of sites) {
    for (const range of RANGES) {
      for (const [kind, params] of REQUESTS) {
        bodies.push((await report(site, kind, { ...range, ...params }).expect(200)).body);
      }
    }
  }
  return bodies;
}

/** The finalized visits of the first site on `day`, by version and slot, as stored. */
const storedVersions = (day: string) =>
  stores.query<{ version: string; slot: number; visits: string }>(
    `SELECT toString(version) AS version, provisional AS slot, toString(count()) AS visits FROM visits
     WHERE site_id = ${sites[0]} AND day = '${day}' GROUP BY version, provisional ORDER BY version`,
  );

const overviewOf = async (site: number, day: string) =>
  (await report(site, 'overview', { from: day, to: day }).expect(200)).body.metrics as Record<string, number>;

let fromRawEvents: unknown[];

before(async () => {
  ({ stores, app, http, token, stop } = await startSignedInApp());
  finalizer = app.get(VisitFinalizer);
  for (const [i, timeZone] of ZONES.entries()) {
    const id = await newSite(`provisional-${i}.test`, timeZone);
    sites.push(id);
    await stores.insertEvents(seedVisits(9000 + i, id, '2026-11-19 00:00:00', '2026-11-25 00:00:00', 400));
  }
  // Nothing is finalized yet: every answer comes from raw events and the rollups.
  fromRawEvents = await answers();
});
after(() => stop?.());

describe('provisional days', () => {
  let firstVersion: string;

  test('the days since the last final one are written provisionally, and reports over them keep their exact answers', async () => {
    await finalizer.finalize(FIRST_RUN);
    assert.equal(finalizer.finalizedThrough(), '2026-11-23');
    assert.equal(finalizer.finalizedPathsThrough(), '2026-11-23');
    const records = await stores.query<{ day: string; slot: number }>(
      `SELECT toString(day) AS day, provisional AS slot FROM visits_finalized WHERE day >= '2026-11-21' ORDER BY day`,
    );
    assert.deepEqual(records, [
      { day: '2026-11-21', slot: 0 },
      { day: '2026-11-22', slot: 1 },
      { day: '2026-11-23', slot: 1 },
    ]);
    const versions = await storedVersions('2026-11-22');
    assert.deepEqual(
      versions.map(({ slot }) => slot),
      [1],
    );
    firstVersion = versions[0].version;
    assert.deepEqual(await answers(), fromRawEvents);
  });

  test("a provisional day's late events count from the next hour's write, which uses the other slot", async () => {
    const site = sites[0];
    const before = await overviewOf(site, '2026-11-22');
    await stores.insertEvents(
      ['2026-11-22 09:00:00', '2026-11-22 09:02:00'].map((ts) =>
        eventRow({ site_id: site, session_id: 'late', visitor_id: 'late-visitor', ts }),
      ),
    );
    // Read from the hour's write, which was before them.
    assert.deepEqual(await overviewOf(site, '2026-11-22'), before);

    await finalizer.finalize(new Date('2026-11-24T19:00:00Z'));
    const now = await overviewOf(site, '2026-11-22');
    assert.deepEqual([now.visits, now.pageviews], [before.visits + 1, before.pageviews + 2]);
    const versions = await storedVersions('2026-11-22');
    assert.deepEqual(
      versions.map(({ version, slot }) => [version === firstVersion, slot]),
      [
        [true, 1],
        [false, 2],
      ],
    );
    assert.equal(Number(versions[1].visits), Number(versions[0].visits) + 1);
    // Reports read the day at the new write's version from then on.
    assert.equal(
      finalizer.finalizedVersions()?.find(({ day }) => day === '2026-11-22')?.version,
      Number(versions[1].version),
    );
  });

  test("the next write drops its slot's partitions whole: the write before the latest is gone", async () => {
    await finalizer.finalize(new Date('2026-11-24T20:00:00Z'));
    const versions = await storedVersions('2026-11-22');
    assert.deepEqual(
      versions.map(({ slot }) => slot),
      [2, 1],
    );
    assert.ok(!versions.some(({ version }) => version === firstVersion), 'the first write is dropped');
    for (const table of FINALIZED_TABLES) {
      const [{ rows }] = await stores.query<{ rows: string }>(
        `SELECT toString(count()) AS rows FROM ${table} WHERE version = ${firstVersion}`,
      );
      assert.equal(rows, '0', table);
    }
  });

  test('once final, a day is read from its final rows, without a mutation of the finalized tables', async () => {
    const withLate = await answers();
    await finalizer.finalize(new Date('2026-11-25T01:00:00Z'));
    assert.equal(finalizer.finalizedThrough(), '2026-11-24');
    const versions = await storedVersions('2026-11-22');
    assert.deepEqual(versions.at(-1)?.slot, 0, 'the latest is final');
    assert.deepEqual(await answers(), withLate);
    const [{ mutations }] = await stores.query<{ mutations: string }>(
      `SELECT toString(count()) AS mutations FROM system.mutations
       WHERE database = currentDatabase() AND table IN (${FINALIZED_TABLES.map((t) => `'${t}'`).join(', ')})`,
    );
    assert.equal(mutations, '0');
    // The records of the provisional writes of days now final go, in the background.
    await waitUntil('the stale provisional records deleted', async () => {
      const [{ stale }] = await stores.query<{ stale: string }>(
        `SELECT toString(count()) AS stale FROM visits_finalized WHERE provisional > 0 AND day <= '2026-11-22'`,
      );
      return stale === '0';
    });
  });
});

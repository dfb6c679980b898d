import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import type { EventRow } from '@sluice/config';
import { VisitFinalizer } from '../src/reports/visit-finalizer.js';
import { eventRow, startSignedInApp, type TestStores } from './harness.js';
import { reportClient, type Params } from './report-client.js';
import { copyOf, resendOf } from './paths-seed.js';
import { seedVisits } from './report-seed.js';

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

/** A half-hour zone each side of UTC, and one that leaves daylight saving time on 2026-11-01. */
const ZONES = ['Asia/Kolkata', 'America/St_Johns', 'America/New_York'] as const;
/**
 * Finalizing at NOW finalizes the UTC days through 2026-11-02 and writes 11-03 and 11-04 provisionally: the
 * ranges cover final, provisional and open days.
 */
const NOW = new Date('2026-11-05T12:00:00Z');
const FINAL_THROUGH = '2026-11-02';
const FINALIZED_THROUGH = '2026-11-04';
const RANGES = [
  { from: '2026-10-31', to: '2026-11-03' },
  { from: '2026-11-01', to: '2026-11-01' },
];
const GERMANY = '[{"dimension":"country","operator":"is","value":"DE"}]';
const SIGNED_UP = '[{"dimension":"event_name","operator":"is","value":"signup"}]';
const REQUESTS: Array<[string, Params]> = [
  ['paths', { page: '/pricing' }],
  ['paths', { page: '/docs/*', limit: 3 }],
  ['paths', { page: '/pricing', filters: GERMANY }],
  ['paths/sessions', { start: '/' }],
  ['paths/sessions', { end: '/pricing', steps: 4 }],
  ['paths/sessions', { start: '/**', filters: SIGNED_UP }],
  // Property keys from their finalized values (visit_values) on the same days, the DST change among them.
  ['breakdown', { dimension: 'prop_key' }],
];

const sites: number[] = [];

/**
 * A visit whose pageviews straddle the last finalized UTC day and the first open one: begun on the
 * finalized day, /pricing reloaded across midnight, a copy of its last page and a resend of its second
 * from another address two hours on (a first view of a page keeps its place).
 */
function straddlingVisit(siteId: number): EventRow[] {
  const pageviews = [
    ['2026-11-02 23:58:00', '/'],
    ['2026-11-02 23:59:30', '/pricing'],
    ['2026-11-03 00:00:10', '/pricing'],
    ['2026-11-03 00:01:00', '/docs/start'],
    ['2026-11-03 00:02:00', '/pricing'],
  ].map(([ts, pathname]) =>
    eventRow({
      site_id: siteId,
      name: 'pageview',
      session_id: `straddling-${siteId}`,
      visitor_id: 'v-straddling',
      ts,
      pathname,
    }),
  );
  return [...pageviews, copyOf(pageviews[4]), resendOf(pageviews[1])];
}

/** The answers of every request, for every site and range, in order. */
const answers = async () => {
  const bodies: unknown[] = [];
  for (const site of sites) {
    for (const range of RANGES) {
      for (const [kind, params] of REQUESTS) {
        bodies.push((await report(site, kind, { ...range, ...params }).expect(200)).body);
      }
    }
  }
  return bodies;
};

/** The stored page sequences of the test's sites' final days, in one order. */
const storedPaths = () =>
  stores.query<{
    site_id: number;
    day: string;
    version: number;
    visit_id: string;
    started: string;
    steps: string[];
  }>(
    `SELECT site_id, toString(day) AS day, version, toString(visit_id) AS visit_id, toString(started) AS started, steps
     FROM visit_paths WHERE site_id IN (${sites.join(', ')}) AND provisional = 0
     ORDER BY site_id, visit_id, version`,
  );

let fromEvents: unknown[];

before(async () => {
  ({ stores, app, http, token, stop } = await startSignedInApp());
  finalizer = app.get(VisitFinalizer);
  for (const [i, timeZone] of ZONES.entries()) {
    const id = await newSite(`paths-finalized-${i}.test`, timeZone);
    sites.push(id);
    await stores.insertEvents([
      ...seedVisits(4000 + i, id, '2026-10-30 00:00:00', '2026-11-05 00:00:00', 400),
      ...straddlingVisit(id),
    ]);
  }
  // Nothing is finalized yet: every visit is walked from its pageviews.
  fromEvents = await answers();
});
after(() => stop?.());

test('paths over finalized page sequences answer as over pageviews, in every zone, with filters; property keys too', async () => {
  assert.equal(finalizer.finalizedPathsThrough(), undefined, 'nothing is finalized before the first run');
  await finalizer.finalize(NOW);
  assert.equal(finalizer.finalizedThrough(), FINALIZED_THROUGH);
  assert.equal(finalizer.finalizedPathsThrough(), FINALIZED_THROUGH);
  const [last] = await stores.query<{ final_day: string; provisional_day: string }>(
    `SELECT toString(maxIf(day, provisional = 0)) AS final_day, toString(maxIf(day, provisional > 0)) AS provisional_day
     FROM visit_paths WHERE site_id IN (${sites.join(', ')})`,
  );
  assert.deepEqual(last, { final_day: FINAL_THROUGH, provisional_day: FINALIZED_THROUGH });

  const [straddling] = (await storedPaths()).filter(
    (row) => row.site_id === sites[0] && row.started === '2026-11-02 23:58:00',
  );
  assert.deepEqual(
    [straddling.day, straddling.steps],
    ['2026-11-02', ['/', '/pricing', '/docs/start', '/pricing']],
  );
  assert.deepEqual(await answers(), fromEvents);
});

test('paths read the finalized days’ sequences from visit_paths, each day’s latest version', async () => {
  // A site with no events: a sequence written straight into visit_paths under the day's version is walked.
  const id = await newSite('paths-finalized-only.test', 'UTC');
  const [{ version }] = await stores.query<{ version: string }>(
    `SELECT toString(max(version)) AS version FROM visits_finalized WHERE day = '2026-11-01'`,
  );
  await stores.command(
    `INSERT INTO visit_paths (site_id, day, version, visit_id, started, steps) VALUES
       (${id}, '2026-11-01', ${version}, 1, '2026-11-01 10:00:00', ['/', '/only-here']),
       (${id}, '2026-11-01', ${Number(version) - 1}, 2, '2026-11-01 11:00:00', ['/', '/superseded'])`,
  );
  const { body } = await report(id, 'paths', { from: '2026-11-01', to: '2026-11-01', page: '/' }).expect(200);
  assert.deepEqual(
    [body.visits, body.next, body.previous],
    [1, [{ page: '/only-here', visits: 1, percent: 100 }], [{ page: 'entry', visits: 1, percent: 100 }]],
  );
});

test('days finalized before migration 0019 get their sequences at the next run, without finalizing again', async () => {
  const written = await storedPaths();
  const finalVisits = `SELECT toString(count()) AS rows FROM visits WHERE provisional = 0`;
  const [visits] = await stores.query<{ rows: string }>(finalVisits);
  // As the migration leaves a database whose days are finalized: no sequences, none recorded.
  await stores.command('TRUNCATE TABLE visit_paths');
  await stores.command('TRUNCATE TABLE visit_paths_finalized');

  await finalizer.finalize(NOW);
  assert.equal(finalizer.finalizedPathsThrough(), FINALIZED_THROUGH);
  assert.deepEqual(await storedPaths(), written, 'the same rows, under the days’ versions');
  assert.deepEqual(
    await stores.query<{ rows: string }>(finalVisits),
    [visits],
    'the final days are not written again',
  );
  assert.deepEqual(await answers(), fromEvents);
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import type request from 'supertest';
import type { EventRow } from '@sluice/config';
import { assertSameOnceFinalized } from './finalized-answers.js';
import { eventRow, startSignedInApp, type TestStores } from './harness.js';
import { reportClient } from './report-client.js';

/**
 * A breakdown's visitors of a page counted by each visitor's first row of it in the range
 * (first-visits.ts, migration 0031): visitors who come back to a page on other days, before the range and
 * within it, on its finalized, provisional and open days, count once, as from raw events.
 */
let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;
const { report, newSite } = reportClient(
  () => http,
  () => token,
);

/** At 02:00 on the 26th the final days run through the 23rd, the provisional ones through the 25th. */
const NOW = new Date('2026-11-26T02:00:00Z');

/** A pageview of `page` by `visitor` in a visit of its own (UTC). */
const view = (site: number, visitor: string, page: string, ts: string): EventRow =>
  eventRow({ site_id: site, visitor_id: visitor, session_id: `${visitor} ${ts}`, pathname: page, ts });

/** UTC+5:30: each local day reads two UTC days. */
const RANGES = [
  { from: '2026-11-20', to: '2026-11-26' },
  { from: '2026-11-21', to: '2026-11-26' },
  { from: '2026-11-19', to: '2026-11-25' },
  { from: '2026-11-24', to: '2026-11-26' },
  { from: '2026-11-26', to: '2026-11-26' },
];

let site: number;

const breakdown = async (dimension: string, range: { from: string; to: string }) =>
  (
    (await report(site, 'breakdown', { ...range, dimension, metrics: 'visitors', limit: 100 }).expect(200))
      .body.rows as Array<{ value: string; metrics: { visitors: number } }>
  ).map((row) => `${row.value} ${row.metrics.visitors}`);

before(async () => {
  ({ stores, app, http, token, stop } = await startSignedInApp());
  site = await newSite('first-visits.test', 'Asia/Kolkata');
  await stores.insertEvents([
    // a: before every range, twice in the first, once on a provisional day and once on the open day.
    view(site, 'a', '/a', '2026-11-17 10:00:00'),
    view(site, 'a', '/a', '2026-11-20 10:00:00'),
    view(site, 'a', '/a', '2026-11-21 10:00:00'),
    view(site, 'a', '/a', '2026-11-24 10:00:00'),
    view(site, 'a', '/a', '2026-11-26 01:00:00'),
    // b: /a once; /b on a final day and again on the open day.
    view(site, 'b', '/a', '2026-11-21 11:00:00'),
    view(site, 'b', '/b', '2026-11-22 11:00:00'),
    view(site, 'b', '/b', '2026-11-26 01:05:00'),
    // c: /a long before, then on the open day only.
    view(site, 'c', '/a', '2026-11-01 09:00:00'),
    view(site, 'c', '/a', '2026-11-26 01:10:00'),
    // d: /b late on the 19th UTC, the 20th in Kolkata; again on the 25th (provisional).
    view(site, 'd', '/b', '2026-11-19 23:00:00'),
    view(site, 'd', '/b', '2026-11-25 12:00:00'),
  ]);
});
after(() => stop?.());

describe('visitors counted by their first row in the range', () => {
  test('answers as from raw events once finalized, each visitor of a page once', async () => {
    const answers = async () => {
      const all: string[][] = [];
      for (const range of RANGES) {
        all.push(await breakdown('page', range), await breakdown('event_name', range));
      }
      return all;
    };
    await assertSameOnceFinalized(app, NOW, answers);
    // The 20th to the 26th in Kolkata: /a by a, b and c (c on the open day alone), /b by d and b.
    assert.deepEqual(await breakdown('page', RANGES[0]), ['/a 3', '/b 2']);
    assert.deepEqual(await breakdown('event_name', RANGES[0]), ['pageview 4']);
    // The 26th alone: a's, b's and c's open-day views, though all three came before.
    assert.deepEqual(await breakdown('page', RANGES[4]), ['/a 2', '/b 1']);
  });

  test("each finalized row holds when its visitor's previous row of the same value began", async () => {
    const rows = await stores.query<{ started: string; prev: string }>(
      `SELECT toString(started) AS started,
         if(prev_started = toDateTime(0, 'UTC'), 'none', toString(prev_started)) AS prev FROM visit_values
       WHERE site_id = ${site} AND dimension = 'page' AND value = '/a' AND visitor = sipHash64('a')
         AND (toUInt64(day) * 4294967296 + version) IN (
           SELECT toUInt64(day) * 4294967296 + version FROM visits_finalized ORDER BY day, version DESC LIMIT 1 BY day)
       ORDER BY started`,
    );
    assert.deepEqual(rows, [
      { started: '2026-11-17 10:00:00', prev: 'none' },
      { started: '2026-11-20 10:00:00', prev: '2026-11-17 10:00:00' },
      { started: '2026-11-21 10:00:00', prev: '2026-11-20 10:00:00' },
      { started: '2026-11-24 10:00:00', prev: '2026-11-21 10:00:00' },
    ]);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type request from 'supertest';
import { startSignedInApp, type TestStores } from './harness.js';
import { reportClient, type Params } from './report-client.js';
import { seedRetention } from './retention-seed.js';

let stores: TestStores;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;

before(async () => ({ stores, http, token, stop } = await startSignedInApp()));
after(() => stop?.());

const { post, report, newSite, assertIsolated, assertRefusedStartingWith } = reportClient(
  () => http,
  () => token,
);
const retention = (siteId: number, params: Params) => report(siteId, 'retention', params);

/** Four weeks from Monday 2 November 2026. */
const WEEKS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
const range = { from: '2026-11-02', to: '2026-11-29' };

/** A cohort of the grid: its size and the visitors back in each period from its own, percent half up. */
function cohort(start: string, size: number, returning: number[], periods = WEEKS) {
  const own = periods.indexOf(start);
  return {
    cohort: start,
    visitors: size,
    returning: returning.map((visitors, offset) => ({
      offset,
      period: periods[own + offset],
      visitors,
      percent: size === 0 ? 0 : Math.floor((20_000 * visitors + size) / (2 * size)) / 100,
    })),
  };
}

describe('retention', () => {
  let site: number;
  let timezone: string;

  before(async () => {
    const { body } = await post('/sites')
      .send({
        name: 'Retained',
        domain: 'retained.test',
        timezone: 'America/St_Johns',
        privacyMode: 'persistent',
      })
      .expect(201);
    ({ id: site, timezone } = body);
    await stores.insertEvents(seedRetention(site));
  });

  test('weekly cohorts by first-ever visit: a cohort returning in week 2, one first seen before the range in none', async () => {
    const { body } = await retention(site, range).expect(200);
    assert.deepEqual(body, {
      siteId: site,
      ...range,
      timezone,
      period: 'week',
      identity: 'persistent',
      returnEvent: null,
      cohorts: [
        cohort('2026-11-02', 11, [11, 3, 4, 0]),
        cohort('2026-11-09', 5, [5, 0, 1]),
        cohort('2026-11-16', 0, [0, 0]),
        cohort('2026-11-23', 0, [0]),
      ],
      comparison: null,
    });
    assert.deepEqual(
      body.cohorts[0].returning.map(({ percent }: { percent: number }) => percent),
      [100, 27.27, 36.36, 0],
    );
  });

  test('returning on a chosen event, by month, a comparison range, and an empty range', async () => {
    const bought = await retention(site, { ...range, returnEvent: 'purchase' }).expect(200);
    assert.deepEqual(bought.body.returnEvent, 'purchase');
    assert.deepEqual(bought.body.cohorts, [
      cohort('2026-11-02', 11, [1, 0, 2, 0]),
      cohort('2026-11-09', 5, [0, 0, 0]),
      cohort('2026-11-16', 0, [0, 0]),
      cohort('2026-11-23', 0, [0]),
    ]);

    const monthly = await retention(site, {
      from: '2026-11-01',
      to: '2026-11-30',
      period: 'month',
      compareFrom: '2026-10-01',
      compareTo: '2026-10-31',
    }).expect(200);
    assert.deepEqual(monthly.body.cohorts, [cohort('2026-11-01', 16, [16], ['2026-11-01'])]);
    // October's cohort: `old`, who came back in November, outside that range.
    assert.deepEqual(monthly.body.comparison, {
      from: '2026-10-01',
      to: '2026-10-31',
      cohorts: [cohort('2026-10-01', 1, [1], ['2026-10-01'])],
    });

    const empty = await retention(site, { from: '2026-09-01', to: '2026-09-02', period: 'day' }).expect(200);
    assert.deepEqual(empty.body.cohorts, [
      cohort('2026-09-01', 0, [0, 0], ['2026-09-01', '2026-09-02']),
      cohort('2026-09-02', 0, [0], ['2026-09-01', '2026-09-02']),
    ]);
  });

  test('filters choose the cohorts; a cookieless site says so', async () => {
    const filtered = await retention(site, {
      ...range,
      filters: JSON.stringify([{ dimension: 'entry_page', operator: 'is', value: '/nowhere' }]),
    }).expect(200);
    assert.deepEqual(
      filtered.body.cohorts.map(({ visitors }: { visitors: number }) => visitors),
      [0, 0, 0, 0],
    );
    // a2 and a3 came back through /back, but their first visits did not: in no cohort of these visits.
    const returnedThere = await retention(site, {
      ...range,
      filters: JSON.stringify([{ dimension: 'entry_page', operator: 'is', value: '/back' }]),
    }).expect(200);
    assert.deepEqual(returnedThere.body.cohorts, [
      cohort('2026-11-02', 0, [0, 0, 0, 0]),
      cohort('2026-11-09', 0, [0, 0, 0]),
      cohort('2026-11-16', 0, [0, 0]),
      cohort('2026-11-23', 0, [0]),
    ]);
    const plain = await newSite('plain.test', 'UTC');
    const cookieless = await retention(plain, range).expect(200);
    assert.equal(cookieless.body.identity, 'cookieless');
  });

  test('as CSV: a line per cohort and period', async () => {
    const { text } = await retention(site, { ...range, format: 'csv' }).expect(200);
    assert.equal(
      text,
      [
        '"cohort","cohort_visitors","offset","period","visitors","percent"',
        '"2026-11-02",11,0,"2026-11-02",11,100',
        '"2026-11-02",11,1,"2026-11-09",3,27.27',
        '"2026-11-02",11,2,"2026-11-16",4,36.36',
        '"2026-11-02",11,3,"2026-11-23",0,0',
        '"2026-11-09",5,0,"2026-11-09",5,100',
        '"2026-11-09",5,1,"2026-11-16",0,0',
        '"2026-11-09",5,2,"2026-11-23",1,20',
        '"2026-11-16",0,0,"2026-11-16",0,0',
        '"2026-11-16",0,1,"2026-11-23",0,0',
        '"2026-11-23",0,0,"2026-11-23",0,0',
        '',
      ].join('\n'),
    );
  });

  test('bad options are a 400 naming the field and the rule', async () => {
    const cases: Array<[Params, string]> = [
      [{ ...range, period: 'hour' }, 'period must be one of day, week, month'],
      [{ ...range, returnEvent: '' }, 'returnEvent must be an event name of 1 to 64 characters'],
      [{ ...range, returnEvent: 'x'.repeat(65) }, 'returnEvent must be an event name of 1 to 64 characters'],
      [{ from: '2026-08-01', to: '2026-11-30', period: 'day' }, 'to: retention by day spans at most 92 days'],
      [
        { ...range, period: 'day', compareFrom: '2026-01-01', compareTo: '2026-11-01' },
        'compareTo: retention by day spans at most 92 days',
      ],
      [{ ...range, goal: 1 }, 'goal: retention takes no goal'],
      [
        { ...range, filters: '[{"dimension":"shoe_size","operator":"is","value":"9"}]' },
        'filters[0].dimension',
      ],
    ];
    await assertRefusedStartingWith(
      site,
      cases.map(([params, message]) => ['retention', params, message]),
    );
  });

  test("another user's site, and an API key without access to it, are the 404 of a missing site", async () => {
    await assertIsolated(
      [
        ['retention', { ...range, format: 'json' }],
        ['retention', { ...range, format: 'csv' }],
      ],
      'retention-viewer@shop.test',
      (siteId) => stores.insertEvents(seedRetention(siteId)),
    );
  });
});

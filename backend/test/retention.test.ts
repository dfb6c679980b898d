import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import type { EventRow } from '@sluice/config';
import { assertSameOnceFinalized } from './finalized-answers.js';
import { eventRow, startSignedInApp, type TestStores } from './harness.js';
import { reportClient, type Params } from './report-client.js';
import { seedVisits } from './report-seed.js';
import { retentionCellsOf, seedRetention, type RetentionCells } from './retention-seed.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;

before(async () => ({ stores, app, http, token, stop } = await startSignedInApp()));
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

/** An answer's grid as its cells that are not 0, as `retentionCellsOf` writes them. */
function cellsOf(cohorts: ReturnType<typeof cohort>[]): RetentionCells {
  const cells: RetentionCells = {};
  for (const { cohort: label, visitors, returning } of cohorts.filter(({ visitors }) => visitors > 0)) {
    cells[label] = {
      visitors,
      returning: Object.fromEntries(
        returning.filter(({ visitors }) => visitors > 0).map(({ period, visitors }) => [period, visitors]),
      ),
    };
  }
  return cells;
}

// Runs last: it finalizes the days of every site of this file.
describe('retention over finalized and open days', () => {
  const ZONES = ['Asia/Kolkata', 'America/St_Johns'] as const;
  /** Finalized through 21 November (3 UTC days before): every range below has finalized and open days. */
  const NOW = new Date('2026-11-22T12:00:00Z');
  const REQUESTS: Array<{
    period: 'day' | 'week' | 'month';
    from: string;
    to: string;
    returnEvent?: string;
  }> = [
    { period: 'day', from: '2026-11-01', to: '2026-11-24' },
    // 85 days: the periods from 4 November on are past the first 64 (a second mask of returns).
    { period: 'day', from: '2026-09-01', to: '2026-11-24' },
    { period: 'week', from: '2026-11-02', to: '2026-11-29' },
    // From a Wednesday: a visitor back in that first week counts from their first visit in the range.
    { period: 'week', from: '2026-11-04', to: '2026-11-29' },
    { period: 'month', from: '2026-10-01', to: '2026-11-30' },
    { period: 'week', from: '2026-11-02', to: '2026-11-29', returnEvent: 'purchase' },
  ];
  const FIREFOX = JSON.stringify([{ dimension: 'browser', operator: 'is', value: 'Firefox' }]);
  const sites = new Map<string, { id: number; rows: EventRow[] }>();

  /** `ancient`, first seen in March, back in three weeks of the range: in no cohort of it. */
  const ancient = (siteId: number) =>
    ['2026-03-10 12:00:00', '2026-11-05 12:00:00', '2026-11-12 12:00:00', '2026-11-23 12:00:00'].map((ts) =>
      eventRow({ site_id: siteId, visitor_id: 'ancient', session_id: `ancient@${ts}`, ts }),
    );

  before(async () => {
    for (const [i, timezone] of ZONES.entries()) {
      const { body } = await post('/sites')
        .send({ name: `Cohorts ${i}`, domain: `cohorts-${i}.test`, timezone })
        .expect(201);
      const rows = [
        ...seedVisits(3000 + i, body.id, '2026-10-20 00:00:00', '2026-11-26 00:00:00', 800),
        ...ancient(body.id),
      ];
      await stores.insertEvents(rows);
      sites.set(timezone, { id: body.id, rows });
    }
  });

  /** Every request's answer on every site, with and without a filter on the visits. */
  const answers = async () => {
    const all: Record<string, unknown> = {};
    for (const timezone of ZONES) {
      for (const request of REQUESTS) {
        for (const filters of [undefined, FIREFOX]) {
          const key = `${timezone} ${JSON.stringify(request)} ${filters ?? ''}`;
          all[key] = (
            await retention(sites.get(timezone)!.id, { ...request, ...(filters && { filters }) }).expect(200)
          ).body;
        }
      }
    }
    return all;
  };

  const assertCellsAsRestated = async () => {
    for (const timezone of ZONES) {
      const { id, rows } = sites.get(timezone)!;
      for (const request of REQUESTS) {
        for (const firefox of [false, true]) {
          const { body } = await retention(id, { ...request, ...(firefox && { filters: FIREFOX }) }).expect(
            200,
          );
          const keep = firefox ? (first: EventRow) => first.browser === 'Firefox' : undefined;
          assert.deepEqual(
            cellsOf(body.cohorts),
            retentionCellsOf(rows, { ...request, timeZone: timezone, keep }),
            `${timezone} ${JSON.stringify(request)}${firefox ? ' Firefox' : ''}`,
          );
        }
      }
    }
  };

  test('by day, week and month, with a return event and a filter: the grid of the rules, raw then finalized', async () => {
    const { rows } = sites.get('Asia/Kolkata')!;
    const weekly = { ...REQUESTS[1], timeZone: 'Asia/Kolkata' };
    // The seed tells a visitor first seen long before the range from a new one.
    assert.notDeepEqual(
      retentionCellsOf(
        rows.filter((row) => row.ts !== '2026-03-10 12:00:00'),
        weekly,
      ),
      retentionCellsOf(rows, weekly),
    );
    await assertCellsAsRestated();
    assert.equal(await assertSameOnceFinalized(app, NOW, answers), '2026-11-21');
    await assertCellsAsRestated();
  });
});

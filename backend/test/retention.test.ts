import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { signIn, startSignedInApp, type TestStores } from './harness.js';
import { seedRetention } from './retention-seed.js';

let stores: TestStores;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;

before(async () => ({ stores, http, token, stop } = await startSignedInApp()));
after(() => stop?.());

const as = (method: 'get' | 'post', path: string, bearer = token) =>
  http[method](`/api${path}`).set('authorization', `Bearer ${bearer}`);

const retention = (siteId: number, params: Record<string, string | number>, bearer = token) =>
  as(
    'get',
    `/sites/${siteId}/retention?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`,
    bearer,
  );

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
    const { body } = await as('post', '/sites')
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
    const { body: plain } = await as('post', '/sites')
      .send({ name: 'Plain', domain: 'plain.test', timezone: 'UTC' })
      .expect(201);
    const cookieless = await retention(plain.id, range).expect(200);
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
    const cases: Array<[Record<string, string | number>, string]> = [
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
    for (const [params, message] of cases) {
      const response = await retention(site, params);
      assert.equal(response.status, 400, `${JSON.stringify(params)}: ${JSON.stringify(response.body)}`);
      assert.equal(response.body.code, 'validation_failed');
      assert.ok(
        response.body.message.startsWith(message),
        `${response.body.message} should start with ${message}`,
      );
    }
  });

  test("another user's site, and an API key without access to it, are the 404 of a missing site", async () => {
    const { body: mine } = await as('post', '/sites')
      .send({ name: 'Mine', domain: 'retention-mine.test', timezone: 'UTC' })
      .expect(201);
    const email = 'retention-viewer@shop.test';
    const { body: created } = await as('post', '/users')
      .send({ email, role: 'viewer', siteIds: [mine.id] })
      .expect(201);
    const first = await signIn(http, { email, password: created.oneTimePassword });
    const { body: changed } = await http
      .post('/api/auth/password')
      .set('authorization', `Bearer ${first}`)
      .send({ currentPassword: created.oneTimePassword, newPassword: `${email}-own-password` })
      .expect(200);
    const viewer = changed.accessToken as string;
    const { body: key } = await as('post', '/api-keys', viewer).send({ name: 'script' }).expect(201);
    for (const bearer of [viewer, key.key as string]) {
      await retention(mine.id, range, bearer).expect(200);
      for (const format of ['json', 'csv']) {
        const hidden = await retention(site, { ...range, format }, bearer);
        const absent = await retention(4_000_000_000, { ...range, format }, bearer);
        assert.deepEqual(
          [hidden.status, hidden.body],
          [404, { statusCode: 404, code: 'not_found', message: `site ${site} not found` }],
        );
        assert.deepEqual(
          [absent.status, absent.body],
          [404, { ...hidden.body, message: 'site 4000000000 not found' }],
        );
      }
    }
  });
});

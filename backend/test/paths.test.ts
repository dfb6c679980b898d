import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type request from 'supertest';
import { DIMENSION_NAMES } from '@sluice/config';
import type { INestApplication } from '@nestjs/common';
import { assertSameOnceFinalized } from './finalized-answers.js';
import { startSignedInApp, type TestStores } from './harness.js';
import { reportClient, type Params } from './report-client.js';
import { copyOf, pathRows, resendOf } from './paths-seed.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;
let site: number;
/** The site's zone as the API names it (Node canonicalises Asia/Kolkata as Asia/Calcutta). */
let timezone: string;

const DAY = { from: '2026-11-20', to: '2026-11-20' };

const { report, csv, newSite, assertIsolated, assertRefused } = reportClient(
  () => http,
  () => token,
);

before(async () => {
  ({ stores, app, http, token, stop } = await startSignedInApp());
  site = await newSite('paths.test', 'Asia/Kolkata');
  ({ timezone } = (
    await http.get(`/api/sites/${site}`).set('authorization', `Bearer ${token}`).expect(200)
  ).body);
  const rows = pathRows(site);
  const row = (session: string, page: string) =>
    rows.find((event) => event.session_id === session && event.pathname === page)!;
  await stores.insertEvents(rows);
  // Visit two's /pricing again from another address two hours on, visit one's /signup stored twice:
  // counted where they first came, once.
  await stores.insertEvents([resendOf(row('s-two', '/pricing')), copyOf(row('s-one', '/signup'))]);
});
after(() => stop?.());

const header = () => ({ siteId: site, ...DAY, timezone });

describe('a page’s next and previous pages', () => {
  test('by visits, with percent of the visits that viewed it; entry and exit where there is none', async () => {
    const { body } = await report(site, 'paths', { ...DAY, page: '/pricing' }).expect(200);
    assert.deepEqual(body, {
      ...header(),
      page: '/pricing',
      visits: 4,
      next: [
        { page: '/signup', visits: 2, percent: 50 },
        { page: '/', visits: 1, percent: 25 },
        { page: '/docs', visits: 1, percent: 25 },
        { page: 'exit', visits: 1, percent: 25 },
      ],
      previous: [
        { page: '/', visits: 3, percent: 75 },
        { page: '/blog', visits: 1, percent: 25 },
        { page: 'entry', visits: 1, percent: 25 },
      ],
    });
  });

  test('a wildcard pattern, a limit, and filters choosing the visits', async () => {
    const { body: pattern } = await report(site, 'paths', { ...DAY, page: '/pri*', limit: 2 }).expect(200);
    assert.deepEqual(
      [pattern.visits, pattern.next, pattern.previous],
      [
        4,
        [
          { page: '/signup', visits: 2, percent: 50 },
          { page: '/', visits: 1, percent: 25 },
        ],
        [
          { page: '/', visits: 3, percent: 75 },
          { page: '/blog', visits: 1, percent: 25 },
        ],
      ],
    );
    const { body: germany } = await report(site, 'paths', {
      ...DAY,
      page: '/pricing',
      filters: '[{"dimension":"country","operator":"is","value":"DE"}]',
    }).expect(200);
    assert.deepEqual(
      [germany.visits, germany.next, germany.previous],
      [
        2,
        [
          { page: '/signup', visits: 2, percent: 100 },
          { page: '/', visits: 1, percent: 50 },
        ],
        [
          { page: '/', visits: 2, percent: 100 },
          { page: 'entry', visits: 1, percent: 50 },
        ],
      ],
    );
  });

  test('an empty range answers no visits', async () => {
    const { body } = await report(site, 'paths', {
      from: '2026-11-10',
      to: '2026-11-12',
      page: '/pricing',
    }).expect(200);
    assert.deepEqual([body.visits, body.next, body.previous], [0, [], []]);
  });

  test('as CSV: the page row, then its next and previous pages', async () => {
    const response = await csv(site, 'paths', { ...DAY, page: '/pricing' }).expect(200);
    assert.equal(
      response.headers['content-disposition'],
      `attachment; filename="sluice-site-${site}-paths-2026-11-20-2026-11-20.csv"`,
    );
    assert.equal(
      response.body,
      '"direction","page","visits","percent"\n' +
        '"next","/signup",2,50\n"next","/",1,25\n"next","/docs",1,25\n"next","exit",1,25\n' +
        '"page","/pricing",4,100\n' +
        '"previous","/",3,75\n"previous","/blog",1,25\n"previous","entry",1,25\n',
    );
  });
});

describe('session paths', () => {
  const paths = async (params: Params) =>
    (await report(site, 'paths/sessions', { ...DAY, ...params }).expect(200)).body;

  test('from a start page: its first view in a visit on, exit where the visit ends', async () => {
    assert.deepEqual(await paths({ start: '/' }), {
      ...header(),
      start: '/',
      end: null,
      steps: 5,
      paths: [
        { pages: ['/', '/pricing', '/signup', 'exit'], visits: 2 },
        { pages: ['/', '/docs', 'exit'], visits: 1 },
        { pages: ['/', '/pricing', '/docs', 'exit'], visits: 1 },
      ],
    });
    assert.deepEqual((await paths({ start: '/', steps: 3, limit: 2 })).paths, [
      { pages: ['/', '/pricing', '/signup'], visits: 2 },
      { pages: ['/', '/docs', 'exit'], visits: 1 },
    ]);
  });

  test('to an end page: up to its last view in a visit, entry where the visit began', async () => {
    assert.deepEqual((await paths({ end: '/pricing' })).paths, [
      { pages: ['entry', '/', '/pricing'], visits: 2 },
      { pages: ['entry', '/blog', '/pricing'], visits: 1 },
      { pages: ['entry', '/pricing', '/', '/pricing'], visits: 1 },
    ]);
    assert.deepEqual((await paths({ end: '/signup', steps: 3 })).paths, [
      { pages: ['/', '/pricing', '/signup'], visits: 2 },
    ]);
    assert.deepEqual((await paths({ from: '2026-11-10', to: '2026-11-10', end: '/signup' })).paths, []);
  });

  test('as CSV: each path its pages joined', async () => {
    const response = await csv(site, 'paths/sessions', { ...DAY, end: '/pricing' }).expect(200);
    assert.equal(
      response.body,
      '"path","visits"\n"entry > / > /pricing",2\n"entry > /blog > /pricing",1\n"entry > /pricing > / > /pricing",1\n',
    );
  });
});

describe('refused', () => {
  test('bad options are a 400 naming the field and the rule', async () => {
    const page = '$property must be a path or a wildcard pattern starting with / (at most 2048 characters)';
    const cases: Array<[string, Params, string]> = [
      ['paths', {}, page.replace('$property', 'page')],
      ['paths', { page: 'pricing' }, page.replace('$property', 'page')],
      ['paths', { page: '/', limit: 0 }, 'limit must be an integer from 1 to 100'],
      [
        'paths',
        { page: '/', compareFrom: '2026-11-19', compareTo: '2026-11-19' },
        'compareFrom: the paths report has no comparison range',
      ],
      ['paths/sessions', {}, 'start: give exactly one of start and end'],
      ['paths/sessions', { start: '/', end: '/x' }, 'start: give exactly one of start and end'],
      ['paths/sessions', { start: '/', steps: 6 }, 'steps must be an integer from 2 to 5'],
      ['paths/sessions', { end: 'x' }, page.replace('$property', 'end')],
      [
        'paths',
        { page: '/', filters: '[{"dimension":"planet","operator":"is","value":"x"}]' },
        `filters[0].dimension: unknown dimension "planet" (one of ${DIMENSION_NAMES.join(', ')})`,
      ],
    ];
    await assertRefused(
      site,
      cases.map(([kind, params, message]) => [kind, { ...DAY, ...params }, message]),
    );
  });

  test("another user's site is a 404, to a session and to an API key, as a missing site", async () => {
    await assertIsolated(
      [
        ['paths', { ...DAY, page: '/pricing' }],
        ['paths/sessions', { ...DAY, start: '/' }],
      ],
      'paths-viewer@shop.test',
      (siteId) => stores.insertEvents(pathRows(siteId)),
    );
  });

  test('the OpenAPI description has both routes', async () => {
    const { body } = await http.get('/api/docs-json').set('authorization', `Bearer ${token}`).expect(200);
    assert.ok(body.paths['/api/sites/{siteId}/paths'].get);
    assert.ok(body.paths['/api/sites/{siteId}/paths/sessions'].get);
    assert.deepEqual(Object.keys(body.components.schemas.PathsReportDto.properties), [
      'siteId',
      'from',
      'to',
      'timezone',
      'page',
      'visits',
      'next',
      'previous',
    ]);
  });
});

test('the same paths once the days are finalized (pageviews read once each from finalized_events)', async () => {
  const requests: Params[] = [
    { ...DAY, page: '/pricing' },
    { ...DAY, page: '/pricing', filters: '[{"dimension":"country","operator":"is","value":"DE"}]' },
  ];
  const through = await assertSameOnceFinalized(app, new Date('2026-11-24T12:00:00Z'), async () => [
    ...(await Promise.all(
      requests.map(async (params) => (await report(site, 'paths', params).expect(200)).body),
    )),
    (await report(site, 'paths/sessions', { ...DAY, start: '/' }).expect(200)).body,
    (await report(site, 'paths/sessions', { ...DAY, end: '/pricing' }).expect(200)).body,
  ]);
  assert.equal(through, '2026-11-23');
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { signIn, startSignedInApp, type TestStores } from './harness.js';
import { heatmapRows } from './heatmap-seed.js';
import { copyOf, resendOf } from './paths-seed.js';

let stores: TestStores;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;
let site: number;
/** The site's zone as the API names it. */
let timezone: string;

type Params = Record<string, string | number>;
const DAY = { from: '2026-11-20', to: '2026-11-20', page: '/pricing' };

const report = (siteId: number, params: Params, as = token) =>
  http
    .get(
      `/api/sites/${siteId}/heatmap?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`,
    )
    .set('authorization', `Bearer ${as}`);

async function newSite(domain: string, zone: string): Promise<number> {
  const { body } = await http
    .post('/api/sites')
    .set('authorization', `Bearer ${token}`)
    .send({ name: domain, domain, timezone: zone })
    .expect(201);
  return body.id as number;
}

before(async () => {
  ({ stores, http, token, stop } = await startSignedInApp());
  site = await newSite('heatmap.test', 'America/St_Johns');
  ({ timezone } = (
    await http.get(`/api/sites/${site}`).set('authorization', `Bearer ${token}`).expect(200)
  ).body);
  const { clicks, rows } = heatmapRows(site);
  await stores.insertEvents(rows);
  // Click a1 stored twice, b1 resent from another address two hours on: each counted once, for its visit.
  await stores.insertEvents([copyOf(clicks.a1), resendOf(clicks.b1)]);
  // f-buy named twice, the later name current; f-docs and f-menu unnamed.
  await stores.command(
    `INSERT INTO sluice.autocapture_names VALUES (${site}, 'f-buy', 'Old name', 'ai', '2026-11-01 00:00:00'), (${site}, 'f-buy', 'Buy now', 'manual', '2026-11-02 00:00:00')`,
  );
});
after(() => stop?.());

const BUY = { fingerprint: 'f-buy', name: 'Buy now' };
const DOCS = { fingerprint: 'f-docs', name: 'a#docs' };
const MENU = { fingerprint: 'f-menu', name: '#nav > div in Navigation' };

describe('a page’s heatmap', () => {
  test('click cells, top elements and scroll depth, over every viewport', async () => {
    const { body } = await report(site, DAY).expect(200);
    assert.deepEqual(body, {
      siteId: site,
      from: DAY.from,
      to: DAY.to,
      timezone,
      page: '/pricing',
      viewport: null,
      grid: { columns: 50, rowPx: 50 },
      cells: [
        { column: 25, row: 2, clicks: 3 },
        { column: 49, row: 1, clicks: 1 },
        { column: 25, row: 6, clicks: 1 },
        { column: 25, row: 12, clicks: 1 },
        { column: 0, row: 20, clicks: 1 },
      ],
      // Visit a's clicks from two addresses are one visitor's: its first event's.
      elements: [
        { ...BUY, clicks: 5, visitors: 4 },
        { ...DOCS, clicks: 1, visitors: 1 },
        { ...MENU, clicks: 1, visitors: 1 },
      ],
      scroll: {
        views: 4,
        depths: [
          { depth: 25, views: 3, percent: 75 },
          { depth: 50, views: 3, percent: 75 },
          { depth: 75, views: 2, percent: 50 },
          { depth: 100, views: 1, percent: 25 },
        ],
      },
    });
  });

  test('by viewport width: mobile below 768, tablet below 1024, desktop from 1024', async () => {
    const part = async (viewport: string) => {
      const { body } = await report(site, { ...DAY, viewport, limit: 1 }).expect(200);
      return [body.viewport, body.cells, body.elements];
    };
    assert.deepEqual(await part('desktop'), [
      'desktop',
      [
        { column: 25, row: 2, clicks: 3 },
        { column: 0, row: 20, clicks: 1 },
      ],
      [{ ...BUY, clicks: 3, visitors: 2 }],
    ]);
    assert.deepEqual(await part('tablet'), [
      'tablet',
      [{ column: 25, row: 6, clicks: 1 }],
      [{ ...BUY, clicks: 1, visitors: 1 }],
    ]);
    assert.deepEqual(await part('mobile'), [
      'mobile',
      [
        { column: 49, row: 1, clicks: 1 },
        { column: 25, row: 12, clicks: 1 },
      ],
      [{ ...BUY, clicks: 1, visitors: 1 }],
    ]);
  });

  test('a wildcard page, filters choosing the visits, and an empty range', async () => {
    const { body: pattern } = await report(site, { ...DAY, page: '/pri*', viewport: 'tablet' }).expect(200);
    assert.deepEqual(pattern.cells, [{ column: 25, row: 6, clicks: 1 }]);
    // Only visit a viewed /docs (its click there, not on /pricing, is not counted itself).
    const { body: visitA } = await report(site, {
      ...DAY,
      filters: '[{"dimension":"page","operator":"is","value":"/docs"}]',
    }).expect(200);
    assert.deepEqual(
      [visitA.cells, visitA.elements, visitA.scroll.views, visitA.scroll.depths[2]],
      [
        [{ column: 25, row: 2, clicks: 2 }],
        [{ ...BUY, clicks: 2, visitors: 1 }],
        1,
        { depth: 75, views: 1, percent: 100 },
      ],
    );
    const { body: empty } = await report(site, { ...DAY, from: '2026-11-10', to: '2026-11-10' }).expect(200);
    assert.deepEqual(
      [empty.cells, empty.elements, empty.scroll],
      [
        [],
        [],
        {
          views: 0,
          depths: [25, 50, 75, 100].map((depth) => ({ depth, views: 0, percent: 0 })),
        },
      ],
    );
  });

  test('as CSV: the click cells', async () => {
    const response = await report(site, { ...DAY, format: 'csv' })
      .buffer(true)
      .parse((stream, done) => {
        let text = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (text += chunk));
        stream.on('end', () => done(null, text));
      })
      .expect(200);
    assert.equal(
      response.headers['content-disposition'],
      `attachment; filename="sluice-site-${site}-heatmap-2026-11-20-2026-11-20.csv"`,
    );
    assert.equal(response.body, '"column","row","clicks"\n25,2,3\n49,1,1\n25,6,1\n25,12,1\n0,20,1\n');
  });
});

describe('refused', () => {
  test('bad options are a 400 naming the field and the rule', async () => {
    const page = 'page must be a path or a wildcard pattern starting with / (at most 2048 characters)';
    const { from, to } = DAY;
    for (const [params, message] of [
      [{ from, to }, page],
      [{ ...DAY, page: 'pricing' }, page],
      [{ ...DAY, viewport: 'watch' }, 'viewport must be one of mobile, tablet, desktop'],
      [{ ...DAY, limit: 101 }, 'limit must be an integer from 1 to 100'],
      [
        { ...DAY, compareFrom: '2026-11-19', compareTo: '2026-11-19' },
        'compareFrom: the heatmap report has no comparison range',
      ],
      [{ ...DAY, goal: 1 }, 'goal: this site has no goal 1'],
    ] as const) {
      const { body } = await report(site, params).expect(400);
      assert.equal(body.code, 'validation_failed', JSON.stringify(params));
      const messages: string[] = Array.isArray(body.message) ? body.message : [body.message];
      assert.ok(messages.includes(message), `${JSON.stringify(params)}: ${JSON.stringify(body.message)}`);
    }
  });

  test("another user's site is a 404, to a session and to an API key, as a missing site", async () => {
    const own = await newSite('heatmap-own.test', 'UTC');
    const { body: created } = await http
      .post('/api/users')
      .set('authorization', `Bearer ${token}`)
      .send({ email: 'heatmap-viewer@shop.test', role: 'viewer', siteIds: [own] })
      .expect(201);
    const first = await signIn(http, {
      email: 'heatmap-viewer@shop.test',
      password: created.oneTimePassword,
    });
    const { body: changed } = await http
      .post('/api/auth/password')
      .set('authorization', `Bearer ${first}`)
      .send({ currentPassword: created.oneTimePassword, newPassword: 'heatmap-viewer-own-password' })
      .expect(200);
    const { body: key } = await http
      .post('/api/api-keys')
      .set('authorization', `Bearer ${changed.accessToken}`)
      .send({ name: 'script' })
      .expect(201);
    for (const as of [changed.accessToken as string, key.key as string]) {
      await report(own, DAY, as).expect(200);
      const hidden = await report(site, DAY, as);
      assert.deepEqual(
        [hidden.status, hidden.body],
        [404, { statusCode: 404, code: 'not_found', message: `site ${site} not found` }],
      );
    }
  });
});

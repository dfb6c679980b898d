import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import type request from 'supertest';
import { assertSameOnceFinalized } from './finalized-answers.js';
import { startSignedInApp, type TestStores } from './harness.js';
import { reportClient, type Params } from './report-client.js';
import { heatmapRows } from './heatmap-seed.js';
import { copyOf, resendOf } from './paths-seed.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;
let site: number;
/** The site's zone as the API names it. */
let timezone: string;

const DAY = { from: '2026-11-20', to: '2026-11-20', page: '/pricing' };

const { report, csv, newSite, assertIsolated, assertRefused } = reportClient(
  () => http,
  () => token,
);
const heatmap = (siteId: number, params: Params) => report(siteId, 'heatmap', params);

before(async () => {
  ({ stores, app, http, token, stop } = await startSignedInApp());
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

const BUY = { fingerprint: 'f-buy', name: 'Buy now', nameSource: 'manual' };
const DOCS = { fingerprint: 'f-docs', name: "Opened 'docs' on /pricing", nameSource: 'heuristic' };
const MENU = { fingerprint: 'f-menu', name: 'Clicked a div on /pricing', nameSource: 'heuristic' };

describe('a page’s heatmap', () => {
  test('click cells, top elements and scroll depth, over every viewport', async () => {
    const { body } = await heatmap(site, DAY).expect(200);
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
      const { body } = await heatmap(site, { ...DAY, viewport, limit: 1 }).expect(200);
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
    const { body: pattern } = await heatmap(site, { ...DAY, page: '/pri*', viewport: 'tablet' }).expect(200);
    assert.deepEqual(pattern.cells, [{ column: 25, row: 6, clicks: 1 }]);
    // Only visit a viewed /docs (its click there, not on /pricing, is not counted itself).
    const { body: visitA } = await heatmap(site, {
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
    const { body: empty } = await heatmap(site, { ...DAY, from: '2026-11-10', to: '2026-11-10' }).expect(200);
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
    const response = await csv(site, 'heatmap', DAY).expect(200);
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
    const cases: Array<[Params, string]> = [
      [{ from, to }, page],
      [{ ...DAY, page: 'pricing' }, page],
      [{ ...DAY, viewport: 'watch' }, 'viewport must be one of mobile, tablet, desktop'],
      [{ ...DAY, limit: 101 }, 'limit must be an integer from 1 to 100'],
      [
        { ...DAY, compareFrom: '2026-11-19', compareTo: '2026-11-19' },
        'compareFrom: the heatmap report has no comparison range',
      ],
      [{ ...DAY, goal: 1 }, 'goal: this site has no goal 1'],
    ];
    await assertRefused(
      site,
      cases.map(([params, message]) => ['heatmap', params, message]),
    );
  });

  test("another user's site is a 404, to a session and to an API key, as a missing site", async () => {
    await assertIsolated([['heatmap', DAY]], 'heatmap-viewer@shop.test', (siteId) =>
      stores.insertEvents(heatmapRows(siteId).rows),
    );
  });
});

// Last: finalizing changes where every later report reads its days from.
describe('finalized days', () => {
  test('the same cells, elements and scroll depths once the days are finalized, in UTC−3:30 and UTC+5:30', async () => {
    // The seed again in Asia/Kolkata, where 2026-11-20 runs from 18:30 UTC the day before.
    const kolkata = await newSite('heatmap-kolkata.test', 'Asia/Kolkata');
    const { clicks, rows } = heatmapRows(kolkata);
    await stores.insertEvents([...rows, copyOf(clicks.a1), resendOf(clicks.b1)]);
    const requests: Array<[number, Params]> = [site, kolkata].flatMap((id): Array<[number, Params]> => [
      [id, DAY],
      [id, { ...DAY, from: '2026-11-19', to: '2026-11-21' }],
      [id, { ...DAY, viewport: 'desktop' }],
      [id, { ...DAY, page: '/pri*', viewport: 'mobile' }],
      [id, { ...DAY, filters: '[{"dimension":"page","operator":"is","value":"/docs"}]' }],
    ]);
    const answers = async () =>
      Promise.all(requests.map(async ([id, params]) => (await heatmap(id, params).expect(200)).body));
    // Both zones' days hold clicks, elements and views: the comparison compares something.
    const raw = await answers();
    for (const body of [raw[0], raw[5]]) {
      assert.ok(body.cells.length > 0 && body.elements.length > 0 && body.scroll.views > 0);
    }
    // St. John's 2026-11-20 ends at 03:30 UTC on the 21st: finalized through the 20th, it reads its last
    // clicks (c1, c2) from the open days; then every day it reads is finalized.
    assert.equal(await assertSameOnceFinalized(app, new Date('2026-11-21T12:00:00Z'), answers), '2026-11-20');
    assert.equal(await assertSameOnceFinalized(app, new Date('2026-11-24T12:00:00Z'), answers), '2026-11-23');
    const [{ events }] = await stores.query<{ events: string }>(
      `SELECT toString(count()) AS events FROM finalized_events WHERE site_id = ${site} AND name = '$autocapture' AND provisional = 0`,
    );
    assert.equal(Number(events), 8, 'the non-bot clicks on the seed, each once (no copy, no resend)');
  });
});

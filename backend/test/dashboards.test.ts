import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type request from 'supertest';
import { eventRow, startSignedInApp, type TestStores } from './harness.js';
import { reportClient } from './report-client.js';

let stores: TestStores;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;

before(async () => ({ stores, http, token, stop } = await startSignedInApp()));
after(() => stop?.());

const client = reportClient(
  () => http,
  () => token,
);
const as = (method: 'get' | 'post' | 'patch' | 'delete', path: string, bearer = token) =>
  http[method](`/api${path}`).set('authorization', `Bearer ${bearer}`);

/** One day whose answers the tests know: the saved views below cover it exactly, without comparison. */
const DAY = 'period=custom&from=2026-11-20&to=2026-11-20&compare=none';

/** Visitors of `site` on DAY, one visit each, from the given countries. */
const visitorsFrom = (site: number, countries: string[]) =>
  stores.insertEvents(
    countries.map((country, index) =>
      eventRow({ site_id: site, visitor_id: `${site}-v${index}`, session_id: `${site}-s${index}`, country }),
    ),
  );

async function dashboardWith(
  site: number,
  name: string,
  widgets: object[],
): Promise<{ id: number; createdAt: string; widgets: Array<{ id: number }> }> {
  const { body: created } = await as('post', `/sites/${site}/dashboards`).send({ name }).expect(201);
  let body = created;
  for (const widget of widgets)
    body = (await as('post', `/sites/${site}/dashboards/${created.id}/widgets`).send(widget).expect(201))
      .body;
  return body;
}

const metricsWidget = { reportKey: 'overview', query: `${DAY}&filter=country:DE`, kind: 'metrics', width: 2 };
const breakdownWidget = {
  reportKey: 'overview',
  query: DAY,
  kind: 'breakdown',
  dimension: 'country',
  width: 1,
};
/** The funnels page's view of DAY: the home page, then /pricing within an hour (a breakdown the widget ignores). */
const funnelWidget = {
  reportKey: 'funnels',
  query: `${DAY}&step=page:/&step=page:/pricing&window=3600&by=country`,
  kind: 'funnel',
  width: 3,
};

describe('dashboards through the API', () => {
  test('built, reordered, resized, renamed and deleted by admins, read by viewers, another site’s a 404, each change audited', async () => {
    const site = await client.newSite('dashboards.test', 'UTC');
    const other = await client.newSite('dashboards-other.test', 'UTC');
    const viewer = await client.viewerOf('dashboard-viewer@shop.test', [site]);
    const board = await dashboardWith(site, 'Marketing', [
      metricsWidget,
      breakdownWidget,
      { reportKey: 'funnels', query: 'steps=/&steps=/buy', kind: 'link', width: 3 },
    ]);
    const [metrics, breakdown, link] = board.widgets.map((widget) => widget.id);
    assert.deepEqual(board, {
      id: board.id,
      siteId: site,
      name: 'Marketing',
      createdAt: board.createdAt,
      widgets: [
        { id: metrics, position: 0, dimension: null, ...metricsWidget },
        { id: breakdown, position: 1, ...breakdownWidget },
        {
          id: link,
          position: 2,
          dimension: null,
          reportKey: 'funnels',
          query: 'steps=/&steps=/buy',
          kind: 'link',
          width: 3,
        },
      ],
    });

    const moved = (
      await as('patch', `/sites/${site}/dashboards/${board.id}/widgets/${link}`)
        .send({ position: 0, width: 1 })
        .expect(200)
    ).body;
    assert.deepEqual(
      moved.widgets.map((widget: { id: number; position: number; width: number }) => [
        widget.id,
        widget.position,
        widget.width,
      ]),
      [
        [link, 0, 1],
        [metrics, 1, 2],
        [breakdown, 2, 1],
      ],
    );
    await as('delete', `/sites/${site}/dashboards/${board.id}/widgets/${metrics}`).expect(200);
    const renamed = (
      await as('patch', `/sites/${site}/dashboards/${board.id}`).send({ name: 'Sales' }).expect(200)
    ).body;
    assert.deepEqual(
      [
        renamed.name,
        renamed.widgets.map((widget: { id: number; position: number }) => [widget.id, widget.position]),
      ],
      [
        'Sales',
        [
          [link, 0],
          [breakdown, 1],
        ],
      ],
    );

    // A viewer reads, and may change nothing.
    assert.deepEqual((await as('get', `/sites/${site}/dashboards`, viewer.token).expect(200)).body, [
      renamed,
    ]);
    await as('patch', `/sites/${site}/dashboards/${board.id}`, viewer.token)
      .send({ name: 'Mine' })
      .expect(403);
    await as('post', `/sites/${site}/dashboards/${board.id}/widgets`, viewer.token)
      .send(metricsWidget)
      .expect(403);
    // Another site's dashboards are missing, for the viewer and through another site's path alike.
    const hidden = await dashboardWith(other, 'Hidden', [metricsWidget]);
    for (const path of [`/sites/${other}/dashboards`, `/sites/${other}/dashboards/${hidden.id}`])
      assert.deepEqual(
        (await as('get', path, viewer.token).expect(404)).body.message,
        `site ${other} not found`,
      );
    const swapped = await as('get', `/sites/${site}/dashboards/${hidden.id}`).expect(404);
    assert.deepEqual(swapped.body, {
      statusCode: 404,
      code: 'not_found',
      message: `dashboard ${hidden.id} not found`,
    });
    await as('delete', `/sites/${site}/dashboards/${board.id}/widgets/${hidden.widgets[0].id}`).expect(404);

    await as('delete', `/sites/${site}/dashboards/${board.id}`).expect(204);
    assert.deepEqual((await as('get', `/sites/${site}/dashboards`).expect(200)).body, []);
    const { body: entries } = await as('get', '/audit?limit=5').expect(200);
    assert.deepEqual(
      (entries as Array<{ action: string; target: string }>)
        .map(({ action, target }) => `${action} ${target}`)
        .reverse(),
      [
        `dashboard.widget.remove site:${site}`,
        `dashboard.rename site:${site}`,
        `dashboard.create site:${other}`,
        `dashboard.widget.add site:${other}`,
        `dashboard.delete site:${site}`,
      ],
    );
  });

  test('bad input is a 400 naming the field and its rule', async () => {
    const site = await client.newSite('dashboards-refused.test', 'UTC');
    const { body: board } = await as('post', `/sites/${site}/dashboards`).send({ name: 'Board' }).expect(201);
    const refused = async (path: string, body: object) =>
      (await as('post', path).send(body).expect(400)).body.message;
    assert.deepEqual(
      await refused(`/sites/${site}/dashboards`, { name: '   ' }),
      'name must be 1 to 100 characters, not only spaces',
    );
    const widgets = `/sites/${site}/dashboards/${board.id}/widgets`;
    assert.deepEqual(
      await refused(widgets, { ...metricsWidget, width: 4 }),
      'width must be 1, 2 or 3 (columns)',
    );
    assert.deepEqual(
      await refused(widgets, { ...metricsWidget, kind: 'sql' }),
      'kind must be one of metrics, chart, breakdown, funnel, link',
    );
    // A funnel widget holds a funnels view with 2 to 10 steps the funnel route takes.
    assert.equal(
      await refused(widgets, { ...funnelWidget, reportKey: 'overview' }),
      'kind: a funnel widget shows a view of the funnels page',
    );
    assert.equal(
      await refused(widgets, { ...funnelWidget, query: `${DAY}&step=page:/&step=click:/x` }),
      "query: a funnel widget's view needs 2 to 10 steps (step=page:/pricing, step=event:signup…), not 1",
    );
    assert.match(
      await refused(widgets, { ...funnelWidget, query: `${DAY}&step=page:/&step=action:not-a-fingerprint` }),
      /^steps\[1\]\.match: /,
    );
    assert.match(
      await refused(widgets, { ...breakdownWidget, dimension: undefined }),
      /^dimension must be one of page, /,
    );
    assert.deepEqual(
      await refused(widgets, { ...metricsWidget, reportKey: '../x' }),
      'reportKey must be a report page key (a-z, 0-9 and -, at most 32)',
    );
    assert.equal(
      await refused(widgets, { ...metricsWidget, query: 'period=decade' }),
      'query: period must be one of today, yesterday, 7d, 30d, month, last_month, year, 12mo, custom, not "decade"',
    );
    assert.equal(
      await refused(widgets, { ...metricsWidget, query: 'period=custom&from=2026-11-21&to=2026-11-20' }),
      'query: a custom period needs from and to, days (YYYY-MM-DD) with to not before from',
    );
    for (const filter of ['planet:Mars', 'country:contains:D'])
      assert.match(
        await refused(widgets, { ...metricsWidget, query: `filter=${filter}` }),
        /^query: filter must be dimension:value or dimension:operator:value, with a dimension of page, .* and an operator of is, is_not, contains, does_not_contain, matches that the dimension takes$/,
        filter,
      );
    assert.deepEqual(
      (await as('patch', `${widgets}/1`).send({ position: -1 }).expect(400)).body.message,
      'position must be an integer from 0',
    );
  });
});

describe('shared links', () => {
  test('a saved view keeps each filter’s operator, its period and its comparison: “Country is not DE”, “Last month”, last year', async (t) => {
    const site = await client.newSite('shared-operators.test', 'UTC');
    await visitorsFrom(site, ['DE', 'FR', 'US']);
    const linkTo = async (query: string) =>
      (
        await as('post', `/sites/${site}/shared-links`)
          .send({ view: { reportKey: 'overview', query } })
          .expect(201)
      ).body.token as string;
    const overviewOf = async (token: string) => {
      const { body } = await http.get(`/api/shared/${token}/widgets/1/overview`).expect(200);
      return [body.from, body.to, body.metrics.visitors];
    };
    const notGermany = await linkTo(`${DAY}&filter=country:is_not:DE`);
    const lastMonth = await linkTo('period=last_month&compare=none');
    const lastYear = await linkTo('period=custom&from=2026-11-20&to=2026-11-20&compare=year');
    assert.deepEqual(await overviewOf(notGermany), ['2026-11-20', '2026-11-20', 2]);
    const { body: yearOver } = await http.get(`/api/shared/${lastYear}/widgets/1/overview`).expect(200);
    assert.deepEqual([yearOver.comparison.from, yearOver.comparison.to], ['2025-11-20', '2025-11-20']);
    // Read on December 5th, last month is November: the day seeded is in it.
    t.mock.method(Date, 'now', () => Date.parse('2026-12-05T12:00:00Z'));
    assert.deepEqual(await overviewOf(lastMonth), ['2026-11-01', '2026-11-30', 3]);
    t.mock.restoreAll();
  });

  test('a link answers exactly its saved views of its site, and nothing else; revoked or expired it is gone', async (t) => {
    const site = await client.newSite('shared.test', 'UTC');
    const other = await client.newSite('shared-other.test', 'UTC');
    await visitorsFrom(site, ['DE', 'DE', 'FR']);
    await visitorsFrom(other, ['US', 'US', 'US', 'US', 'US']);
    // The first visitor goes on to /pricing half an hour later.
    await stores.insertEvents([
      eventRow({
        site_id: site,
        visitor_id: `${site}-v0`,
        session_id: `${site}-s0`,
        country: 'DE',
        pathname: '/pricing',
        ts: '2026-11-20 12:30:00',
      }),
    ]);
    const board = await dashboardWith(site, 'Public', [metricsWidget, breakdownWidget, funnelWidget]);
    const [metrics, breakdown, funnel] = board.widgets.map((widget) => widget.id);
    const hidden = await dashboardWith(other, 'Other', [breakdownWidget]);

    const { body: link } = await as('post', `/sites/${site}/shared-links`)
      .send({ dashboardId: board.id })
      .expect(201);
    assert.match(link.token, /^shr_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(
      { ...link, token: undefined, createdAt: undefined },
      {
        id: link.id,
        dashboardId: board.id,
        view: null,
        prefix: link.token.slice(0, 12),
        hasPassword: false,
        expiresAt: null,
        token: undefined,
        createdAt: undefined,
      },
    );
    const shared = (path = '', bearer?: string) => {
      const call = http.get(`/api/shared/${link.token}${path}`);
      return bearer ? call.set('x-sluice-share-unlock', bearer) : call;
    };
    const { body: view } = await shared().expect(200);
    assert.deepEqual(view, {
      siteName: 'shared.test',
      timezone: 'UTC',
      title: 'Public',
      kind: 'dashboard',
      widgets: board.widgets,
    });

    const overview = (await shared(`/widgets/${metrics}/overview`).expect(200)).body;
    assert.deepEqual(
      [overview.siteId, overview.from, overview.to, overview.metrics.visitors, overview.comparison],
      [site, '2026-11-20', '2026-11-20', 2, null],
    );
    const countries = (await shared(`/widgets/${breakdown}/breakdown`).expect(200)).body.rows.map(
      (row: { value: string; metrics: { visitors: number } }) => [row.value, row.metrics.visitors],
    );
    assert.deepEqual(countries, [
      ['DE', 2],
      ['FR', 1],
    ]);
    // A funnel widget's funnel: its saved steps and window over its saved day, without a breakdown.
    const steps = (await shared(`/widgets/${funnel}/funnel`).expect(200)).body;
    assert.deepEqual(
      [
        steps.window,
        steps.dimension,
        steps.steps.map((step: { match: string; visitors: number }) => [step.match, step.visitors]),
      ],
      [
        3600,
        null,
        [
          ['/', 3],
          ['/pricing', 1],
        ],
      ],
    );
    // What the visitor adds to the request is not the view's: the stored view decides.
    const widened = await shared(
      `/widgets/${breakdown}/breakdown?siteId=${other}&filters=[]&from=2026-01-01&dimension=page`,
    ).expect(200);
    assert.deepEqual(
      widened.body.rows.map((row: { value: string }) => row.value),
      ['DE', 'FR'],
    );
    // Another site's widget, a widget's other report, an unknown token: all the same 404.
    const gone = { statusCode: 404, code: 'not_found', message: 'no such shared link' };
    assert.deepEqual((await shared(`/widgets/${hidden.widgets[0].id}/breakdown`).expect(404)).body, gone);
    assert.deepEqual((await shared(`/widgets/${metrics}/breakdown`).expect(404)).body, gone);
    assert.deepEqual((await shared(`/widgets/${metrics}/funnel`).expect(404)).body, gone);
    assert.deepEqual((await shared(`/widgets/${funnel}/overview`).expect(404)).body, gone);
    assert.deepEqual((await http.get(`/api/shared/shr_${'A'.repeat(43)}`).expect(404)).body, gone);
    assert.deepEqual((await http.get('/api/shared/anything').expect(404)).body, gone);

    // One report view: its metric cards and time chart.
    const { body: viewLink } = await as('post', `/sites/${site}/shared-links`)
      .send({
        view: { reportKey: 'overview', query: `${DAY}&metric=visits` },
        password: 'open sesame',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .expect(201);
    const asked = await http.get(`/api/shared/${viewLink.token}`).expect(401);
    assert.deepEqual(asked.body, {
      statusCode: 401,
      code: 'share_password_required',
      message: 'this shared link asks for its password',
    });
    await http.post(`/api/shared/${viewLink.token}/unlock`).send({ password: 'open sesame!' }).expect(401);
    const { body: unlocked } = await http
      .post(`/api/shared/${viewLink.token}/unlock`)
      .send({ password: 'open sesame' })
      .expect(200);
    const opened = await http
      .get(`/api/shared/${viewLink.token}`)
      .set('x-sluice-share-unlock', unlocked.viewToken)
      .expect(200);
    assert.deepEqual(
      opened.body.widgets.map((widget: { id: number; kind: string }) => [widget.id, widget.kind]),
      [
        [1, 'metrics'],
        [2, 'chart'],
      ],
    );
    const chart = await http
      .get(`/api/shared/${viewLink.token}/widgets/2/timeseries`)
      .set('x-sluice-share-unlock', unlocked.viewToken)
      .expect(200);
    // One day, charted as the panel draws it: by the hour.
    const points = chart.body.points as Array<{ bucket: string; metrics: { visits: number } }>;
    assert.equal(points.length, 24);
    assert.deepEqual(
      points.filter((point) => point.metrics.visits > 0).map((point) => [point.bucket, point.metrics.visits]),
      [['2026-11-20 12:00', 3]],
    );
    // The view token unlocks its own link only.
    await shared('', unlocked.viewToken).expect(200);
    const { body: locked } = await as('post', `/sites/${site}/shared-links`)
      .send({ dashboardId: board.id, password: 'another one' })
      .expect(201);
    await http
      .get(`/api/shared/${locked.token}`)
      .set('x-sluice-share-unlock', unlocked.viewToken)
      .expect(401);

    // Expired: an hour and a second later.
    const later = Date.now() + 3_601_000;
    t.mock.method(Date, 'now', () => later);
    assert.deepEqual((await http.get(`/api/shared/${viewLink.token}`).expect(404)).body, gone);
    t.mock.restoreAll();
    // Revoked, by an admin of the site; not through another site's path.
    await as('delete', `/sites/${other}/shared-links/${link.id}`).expect(404);
    await as('delete', `/sites/${site}/shared-links/${link.id}`).expect(204);
    assert.deepEqual((await shared().expect(404)).body, gone);
    assert.deepEqual((await shared(`/widgets/${metrics}/overview`).expect(404)).body, gone);
    // A deleted site's link is gone the same way.
    const { body: otherLink } = await as('post', `/sites/${other}/shared-links`)
      .send({ dashboardId: hidden.id })
      .expect(201);
    await http.get(`/api/shared/${otherLink.token}`).expect(200);
    await as('delete', `/sites/${other}?confirm=shared-other.test`).expect(202);
    assert.deepEqual((await http.get(`/api/shared/${otherLink.token}`).expect(404)).body, gone);
    assert.deepEqual(
      (await as('get', `/sites/${site}/shared-links`).expect(200)).body.map((one: { id: number }) => one.id),
      [viewLink.id, locked.id],
    );
  });

  test('a link is refused what it may not show, a viewer may not create one, and password guesses are limited', async (t) => {
    const site = await client.newSite('shared-refused.test', 'UTC');
    const other = await client.newSite('shared-refused-other.test', 'UTC');
    const viewer = await client.viewerOf('shared-viewer@shop.test', [site]);
    const hidden = await dashboardWith(other, 'Other', []);
    const links = `/sites/${site}/shared-links`;
    assert.deepEqual(
      (await as('post', links).send({ dashboardId: hidden.id }).expect(404)).body.message,
      `dashboard ${hidden.id} not found`,
    );
    const refused = async (body: object) => (await as('post', links).send(body).expect(400)).body.message;
    assert.deepEqual(
      await refused({}),
      'dashboardId must be a dashboard id (a link shows either a dashboard (dashboardId) or one report view (view))',
    );
    assert.equal(
      await refused({ view: { reportKey: 'overview', query: 'compare=decade' } }),
      'query: compare must be one of previous, year, none, not "decade"',
    );
    assert.deepEqual(
      await refused({ dashboardId: 1, password: 'short' }),
      'password must be 8 to 128 characters',
    );
    assert.equal(
      await refused({ view: { reportKey: 'overview', query: '' }, expiresAt: '2020-01-01T00:00:00Z' }),
      'expiresAt: must be a date and time (ISO 8601) in the future',
    );
    await as('post', links, viewer.token)
      .send({ view: { reportKey: 'overview', query: '' } })
      .expect(403);
    await as('get', links, viewer.token).expect(403);

    // Guesses at a link's password: ten a minute (each counts 30 of the link's 300 requests), then a 429.
    const { body: guarded } = await as('post', links)
      .send({ view: { reportKey: 'overview', query: '' }, password: 'the right one' })
      .expect(201);
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    t.mock.method(Date, 'now', () => minute + 15_000);
    const guesses: number[] = [];
    for (let guess = 0; guess < 11; guess++)
      guesses.push(
        (await http.post(`/api/shared/${guarded.token}/unlock`).send({ password: `guess ${guess}` })).status,
      );
    assert.deepEqual(guesses, [...Array(10).fill(401), 429]);
    const refusedGuess = await http
      .post(`/api/shared/${guarded.token}/unlock`)
      .send({ password: 'the right one' })
      .expect(429);
    assert.deepEqual(
      [refusedGuess.headers['retry-after'], refusedGuess.body.code],
      ['45', 'too_many_requests'],
    );
    t.mock.restoreAll();
  });
});

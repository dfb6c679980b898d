import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { DimensionName, EventRow } from '@sluice/config';
import { GOAL_METRIC_NAMES, METRIC_NAMES } from '../src/reports/query/metrics.js';
import type { GoalCondition, ReportQuery } from '../src/reports/query/report-query.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { assertSameOnceFinalized } from './finalized-answers.js';
import { eventRow, signIn, startSignedInApp, type TestStores, assertHiddenLikeMissing } from './harness.js';
import { reportClient } from './report-client.js';
import {
  goalMetricsOf,
  groupBy,
  metricsOf,
  revenueOf,
  seedVisits,
  visitRowsOf,
  type ExpectedVisit,
  type GoalTest,
} from './report-seed.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;

before(async () => ({ stores, app, http, token, stop } = await startSignedInApp()));
after(() => stop?.());

const as = (method: 'get' | 'post' | 'patch' | 'delete', path: string, bearer = token) =>
  http[method](`/api${path}`).set('authorization', `Bearer ${bearer}`);

const client = reportClient(
  () => http,
  () => token,
);
const { report } = client;
const newSite = (domain: string, timezone = 'UTC') => client.newSite(domain, timezone);

/** A user with `role` on `siteIds` only, signed in with their own password. */
async function newUser(email: string, role: 'viewer' | 'admin', siteIds: number[]): Promise<string> {
  const { body: created } = await as('post', '/users').send({ email, role, siteIds }).expect(201);
  const first = await signIn(http, { email, password: created.oneTimePassword });
  const { body } = await http
    .post('/api/auth/password')
    .set('authorization', `Bearer ${first}`)
    .send({ currentPassword: created.oneTimePassword, newPassword: `${email}-own-password` })
    .expect(200);
  return body.accessToken as string;
}

describe('goals through the API', () => {
  test('created, listed, changed and deleted by the rules, each change audited', async () => {
    const site = await newSite('goals-crud.test');
    const viewer = await newUser('goal-viewer@shop.test', 'viewer', [site]);
    const { body: created } = await as('post', `/sites/${site}/goals`)
      .send({
        name: 'Bought pro',
        kind: 'event',
        match: 'purchase',
        propertyKey: 'plan',
        propertyValue: 'pro',
      })
      .expect(201);
    assert.deepEqual(
      { ...created, createdAt: typeof created.createdAt },
      {
        id: created.id,
        siteId: site,
        name: 'Bought pro',
        kind: 'event',
        match: 'purchase',
        propertyKey: 'plan',
        propertyValue: 'pro',
        scrollDepth: null,
        createdAt: 'string',
      },
    );
    const { body: page } = await as('post', `/sites/${site}/goals`)
      .send({ name: 'Checkout done', kind: 'page', match: '/checkout/*/done' })
      .expect(201);
    assert.deepEqual([page.propertyKey, page.propertyValue], [null, null]);

    const { body: listed } = await as('get', `/sites/${site}/goals`, viewer).expect(200);
    assert.deepEqual(listed, [created, page]);
    // A viewer reads goals but may not change them.
    await as('post', `/sites/${site}/goals`, viewer)
      .send({ name: 'x', kind: 'page', match: '/' })
      .expect(403);
    await as('delete', `/sites/${site}/goals/${page.id}`, viewer).expect(403);

    const { body: changed } = await as('patch', `/sites/${site}/goals/${created.id}`)
      .send({ name: 'Bought', propertyKey: null, propertyValue: null })
      .expect(200);
    assert.deepEqual(changed, { ...created, name: 'Bought', propertyKey: null, propertyValue: null });
    await as('delete', `/sites/${site}/goals/${page.id}`).expect(204);
    await as('delete', `/sites/${site}/goals/${page.id}`).expect(404);
    assert.deepEqual((await as('get', `/sites/${site}/goals`).expect(200)).body, [changed]);

    const { body: entries } = await as('get', '/audit?limit=3').expect(200);
    assert.deepEqual(
      (entries as Array<{ action: string; target: string; details: unknown }>).map(
        ({ action, target, details }) => ({ action, target, details }),
      ),
      [
        { action: 'goal.delete', target: `site:${site}`, details: { goal: page.id, name: 'Checkout done' } },
        {
          action: 'goal.update',
          target: `site:${site}`,
          details: { goal: created.id, name: 'Bought', propertyKey: null, propertyValue: null },
        },
        {
          action: 'goal.create',
          target: `site:${site}`,
          details: {
            goal: page.id,
            name: 'Checkout done',
            kind: 'page',
            match: '/checkout/*/done',
            propertyKey: null,
            propertyValue: null,
            scrollDepth: null,
          },
        },
      ],
    );

    // A scroll goal: a page pattern scrolled so far down; turned into a page goal, its depth goes.
    const { body: scroll } = await as('post', `/sites/${site}/goals`)
      .send({ name: 'Read the blog', kind: 'scroll', match: '/blog/**', scrollDepth: 75 })
      .expect(201);
    assert.deepEqual([scroll.kind, scroll.match, scroll.scrollDepth], ['scroll', '/blog/**', 75]);
    const { body: deeper } = await as('patch', `/sites/${site}/goals/${scroll.id}`)
      .send({ scrollDepth: 90 })
      .expect(200);
    assert.equal(deeper.scrollDepth, 90);
    const { body: paged } = await as('patch', `/sites/${site}/goals/${scroll.id}`)
      .send({ kind: 'page' })
      .expect(200);
    assert.deepEqual([paged.kind, paged.scrollDepth], ['page', null]);
  });

  test('bad input is a 400 naming the field', async () => {
    const site = await newSite('goals-input.test');
    const { body: goal } = await as('post', `/sites/${site}/goals`)
      .send({ name: 'Signed up', kind: 'event', match: 'signup' })
      .expect(201);
    const refused = async (
      method: 'post' | 'patch',
      path: string,
      body: Record<string, unknown>,
      message: RegExp,
    ) => {
      const response = await as(method, path).send(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      const text = ([] as string[]).concat(response.body.message).join('; ');
      assert.match(text, message, JSON.stringify(body));
    };
    const valid = { name: 'A goal', kind: 'event', match: 'signup' };
    const goals = `/sites/${site}/goals`;
    await refused('post', goals, { ...valid, name: ' ' }, /^name must be 1 to 100 characters/);
    await refused('post', goals, { ...valid, kind: 'click' }, /^kind must be one of page, event/);
    await refused('post', goals, { ...valid, match: '' }, /^match must be 1 to 2048 characters/);
    await refused('post', goals, { ...valid, match: 7 }, /^match must be a string/);
    await refused(
      'post',
      goals,
      { ...valid, match: 'a\u0000b' },
      /^match must not contain the NUL character/,
    );
    await refused(
      'post',
      goals,
      { ...valid, propertyKey: 'plan' },
      /propertyValue must be a string \(propertyKey and propertyValue go together/,
    );
    await refused('post', goals, { ...valid, siteId: 9 }, /property siteId should not exist/);
    const scroll = { name: 'Read', kind: 'scroll', match: '/blog/**', scrollDepth: 75 };
    await refused(
      'post',
      goals,
      { ...scroll, scrollDepth: undefined },
      /^scrollDepth: a scroll goal must have one/,
    );
    await refused(
      'post',
      goals,
      { ...scroll, scrollDepth: 0 },
      /^scrollDepth must be an integer from 1 to 100$/,
    );
    await refused(
      'post',
      goals,
      { ...scroll, scrollDepth: 50.5 },
      /^scrollDepth must be an integer from 1 to 100$/,
    );
    await refused('post', goals, { ...valid, scrollDepth: 50 }, /^scrollDepth: only a scroll goal has one$/);
    await refused(
      'post',
      goals,
      { ...scroll, propertyKey: 'plan', propertyValue: 'pro' },
      /^propertyKey: a scroll goal has no property$/,
    );
    await refused(
      'patch',
      `${goals}/${goal.id}`,
      { kind: 'scroll' },
      /^scrollDepth: a scroll goal must have one/,
    );
    await refused('patch', `${goals}/${goal.id}`, { name: null }, /^name: must be given, not null/);
    // A change is checked as the whole goal it makes: half a property match is refused there.
    await refused(
      'patch',
      `${goals}/${goal.id}`,
      { propertyKey: 'plan' },
      /^propertyKey: propertyKey and propertyValue go together: both or neither$/,
    );
    const bad = await as('patch', `${goals}/abc`).send({ name: 'x' });
    assert.deepEqual([bad.status, bad.body.code], [400, 'validation_failed']);
    assert.deepEqual((await as('get', goals).expect(200)).body, [goal], 'nothing refused was stored');
  });

  test("site B's goals are a 404 to a user without B, like a missing site's; B's goal is missing in A", async () => {
    const siteA = await newSite('goals-a.test');
    const siteB = await newSite('goals-b.test');
    const admin = await newUser('goal-admin-of-a@shop.test', 'admin', [siteA]);
    const { body: goalB } = await as('post', `/sites/${siteB}/goals`)
      .send({ name: 'B', kind: 'page', match: '/b' })
      .expect(201);
    const missing = 2_147_483_647;
    await assertHiddenLikeMissing((method, path) => as(method, path, admin), siteB, [
      ['get', `/sites/${siteB}/goals`, undefined],
      ['post', `/sites/${siteB}/goals`, { name: 'x', kind: 'page', match: '/' }],
      ['patch', `/sites/${siteB}/goals/${goalB.id}`, { name: 'x' }],
      ['delete', `/sites/${siteB}/goals/${goalB.id}`, undefined],
      ['get', `/sites/${siteB}/conversions?from=2026-11-20&to=2026-11-20`, undefined],
    ]);
    // A leading zero names the same site to the validation pipe: the same answer.
    const padded = await as('get', `/sites/0${siteB}/goals`, admin);
    assert.deepEqual([padded.status, padded.body.message], [404, `site 0${siteB} not found`]);
    // Owners see every site there is, and no other: a goal for a missing site is a 404, not a refused insert.
    for (const method of ['get', 'post'] as const) {
      const absent = await as(method, `/sites/${missing}/goals`).send({
        name: 'x',
        kind: 'page',
        match: '/',
      });
      assert.deepEqual([absent.status, absent.body.message], [404, `site ${missing} not found`], method);
    }
    // Within a site one can see, another site's goal is no goal at all.
    const inA = await as('patch', `/sites/${siteA}/goals/${goalB.id}`, admin).send({ name: 'x' });
    assert.deepEqual([inA.status, inA.body.message], [404, `goal ${goalB.id} not found`]);
    const inReport = await report(
      siteA,
      'overview',
      { from: '2026-11-20', to: '2026-11-20', goal: goalB.id },
      admin,
    );
    assert.deepEqual(
      [inReport.status, inReport.body.message],
      [400, `goal: this site has no goal ${goalB.id}`],
    );
    const { body: noGoals } = await report(
      siteA,
      'conversions',
      { from: '2026-11-20', to: '2026-11-20' },
      admin,
    );
    assert.deepEqual(noGoals.goals, [], 'a site without goals converts nothing, and asks ClickHouse nothing');
    const { body: stillB } = await as('get', `/sites/${siteB}/goals`).expect(200);
    assert.deepEqual(stillB, [goalB], 'untouched by the refused changes');
  });
});

/** The seeded goals, each with the same rule restated over one event. */
const GOALS: Array<{ name: string; goal: GoalCondition; test: GoalTest }> = [
  {
    name: 'Read the docs',
    goal: { kind: 'page', match: '/docs/*', propertyKey: null, propertyValue: null },
    test: (row) => row.name === 'pageview' && /^\/docs\/[^/]*$/.test(row.pathname),
  },
  {
    name: 'Purchase',
    goal: { kind: 'event', match: 'purchase', propertyKey: null, propertyValue: null },
    test: (row) => row.name === 'purchase',
  },
  {
    name: 'Purchase pro',
    goal: { kind: 'event', match: 'purchase', propertyKey: 'plan', propertyValue: 'pro' },
    test: (row) => row.name === 'purchase' && row.props_values[row.props_keys.indexOf('plan')] === 'pro',
  },
  {
    name: 'Read the docs through',
    goal: { kind: 'scroll', match: '/docs/*', propertyKey: null, propertyValue: null, scrollDepth: 75 },
    test: (row) =>
      row.name === '$engagement' && /^\/docs\/[^/]*$/.test(row.pathname) && row.scroll_depth >= 75,
  },
];

/**
 * The seeded visits with how each pageview was read: an engagement report in its visit at the same moment
 * (the visit lasts no longer), scrolled a depth from 1 to 100 % that varies from view to view.
 */
const withReadings = (rows: EventRow[]): EventRow[] => [
  ...rows,
  ...[
    ...groupBy(
      rows.filter((row) => row.name === 'pageview'),
      (row) => row.event_id,
    ).values(),
  ].map(([view], i) =>
    eventRow({
      ...view,
      event_id: randomUUID(),
      name: '$engagement',
      scroll_depth: 1 + ((i * 37) % 100),
      engaged_ms: 5_000,
    }),
  ),
];

const ZONES = ['UTC', 'Asia/Kolkata'] as const;
const RANGE = { from: '2026-11-20', to: '2026-11-21' };

describe('conversions and revenue over seeded visits', () => {
  const sites = new Map<string, { id: number; rows: EventRow[]; goalIds: number[] }>();
  before(async () => {
    for (const [i, timeZone] of ZONES.entries()) {
      const id = await newSite(`goals-seeded-${i}.test`, timeZone);
      const rows = withReadings(seedVisits(2000 + i, id, '2026-11-19 00:00:00', '2026-11-23 00:00:00', 300));
      await stores.insertEvents(rows);
      const goalIds: number[] = [];
      for (const { name, goal } of GOALS) {
        const { body } = await as('post', `/sites/${id}/goals`)
          .send({ name, ...goal })
          .expect(201);
        goalIds.push(body.id as number);
      }
      sites.set(timeZone, { id, rows, goalIds });
    }
  });

  test('the seed holds revenue in two currencies and purchases delivered twice and resent from another address', () => {
    for (const { rows } of sites.values()) {
      const purchases = rows.filter((row) => row.name === 'purchase' && row.is_bot === 0);
      const byId = groupBy(purchases, (row) => row.event_id);
      const copies = [...byId.values()].filter((group) => group.length > 1);
      assert.ok(
        copies.some((group) => new Set(group.map((row) => row.visitor_id)).size > 1),
        'a resend',
      );
      assert.ok(
        copies.some((group) => new Set(group.map((row) => row.visitor_id)).size === 1),
        'a second delivery',
      );
      assert.deepEqual([...new Set(purchases.map((row) => row.revenue_currency))].sort(), ['EUR', 'USD']);
    }
  });

  for (const timeZone of ZONES) {
    const expected = (goal: GoalTest, eventDimension?: DimensionName) =>
      visitRowsOf(sites.get(timeZone)!.rows, { ...RANGE, timeZone, eventDimension, goal });

    test(`the overview with each goal: ${timeZone}`, async () => {
      const { id, goalIds } = sites.get(timeZone)!;
      for (const [i, { goal, test: goalTest }] of GOALS.entries()) {
        const visits = expected(goalTest);
        const { body } = await report(id, 'overview', { ...RANGE, goal: goalIds[i] }).expect(200);
        assert.deepEqual(body.metrics, { ...metricsOf(visits), ...goalMetricsOf(visits) }, GOALS[i].name);
        assert.deepEqual(body.revenue, goal.kind === 'event' ? revenueOf(visits) : undefined, GOALS[i].name);
        if (goal.kind === 'event')
          assert.deepEqual(Object.keys(body.revenue), ['EUR', 'USD'], 'by currency code');
        assert.ok(goalMetricsOf(visits).conversions > 0, 'the seed converts');
      }
      const { body: plain } = await report(id, 'overview', RANGE).expect(200);
      assert.deepEqual(Object.keys(plain.metrics), METRIC_NAMES, 'no goal, no goal metrics');
      assert.equal('revenue' in plain, false);
    });

    test(`every goal's conversions at once, as each goal's overview answers them: ${timeZone}`, async () => {
      const { id, goalIds } = sites.get(timeZone)!;
      const { body } = await report(id, 'conversions', RANGE).expect(200);
      assert.deepEqual(
        body.goals.map((entry: { goal: { id: number } }) => entry.goal.id),
        goalIds,
        'every goal, oldest first',
      );
      for (const [i, { goal, test: goalTest }] of GOALS.entries()) {
        const visits = expected(goalTest);
        assert.deepEqual(body.goals[i].metrics, goalMetricsOf(visits), GOALS[i].name);
        assert.deepEqual(body.goals[i].revenue, goal.kind === 'event' ? revenueOf(visits) : undefined);
        assert.equal(body.goals[i].comparison, null);
      }
      const compared = { from: RANGE.to, to: RANGE.to, compareFrom: RANGE.from, compareTo: RANGE.from };
      const filtered = {
        ...RANGE,
        filters: JSON.stringify([{ dimension: 'device', operator: 'is', value: 'mobile' }]),
      };
      for (const params of [compared, filtered]) {
        const { body: all } = await report(id, 'conversions', params).expect(200);
        assert.ok(
          all.goals.some((entry: { metrics: { conversions: number } }) => entry.metrics.conversions > 0),
          'the seed converts',
        );
        for (const [i, goalId] of goalIds.entries()) {
          const { body: one } = await report(id, 'overview', { ...params, goal: goalId }).expect(200);
          const goalPart = (values: Record<string, unknown> | null) =>
            values && Object.fromEntries(GOAL_METRIC_NAMES.map((name) => [name, values[name]]));
          assert.deepEqual(
            [all.goals[i].metrics, all.goals[i].revenue, all.goals[i].change],
            [goalPart(one.metrics), one.revenue, goalPart(one.change)],
            `${GOALS[i].name}, ${JSON.stringify(params)}`,
          );
          assert.deepEqual(
            all.goals[i].comparison?.metrics ?? null,
            goalPart(one.comparison?.metrics ?? null),
          );
        }
      }
    });

    test(`breakdowns by source, campaign, entry page and page with each goal: ${timeZone}`, async () => {
      const { id, goalIds } = sites.get(timeZone)!;
      for (const dimension of ['referrer_source', 'utm_campaign', 'entry_page', 'page'] as const) {
        for (const [i, { goal, test: goalTest }] of GOALS.entries()) {
          const visits = expected(goalTest, dimension === 'page' ? 'page' : undefined);
          const groups = groupBy(visits, (visit: ExpectedVisit) => visit.dimensions[dimension]!);
          const rows = [...groups.entries()]
            .map(([value, group]) => {
              const all = { ...metricsOf(group), ...goalMetricsOf(group) };
              return {
                value,
                metrics: {
                  conversions: all.conversions,
                  visitors: all.visitors,
                  conversion_rate: all.conversion_rate,
                },
                ...(goal.kind === 'event' && { revenue: revenueOf(group) }),
                comparison: null,
              };
            })
            .sort((a, b) => b.metrics.conversions - a.metrics.conversions || (a.value < b.value ? -1 : 1));
          const { body } = await report(id, 'breakdown', {
            ...RANGE,
            dimension,
            goal: goalIds[i],
            metrics: 'conversions,visitors,conversion_rate',
          }).expect(200);
          assert.deepEqual(body.rows, rows, `${dimension}, ${GOALS[i].name}`);
          assert.equal(body.source, dimension === 'page' ? 'events' : 'rollup');
        }
      }
    });
  }

  test('a daily timeseries of conversions, and the overview compared with the day before', async () => {
    const { id, goalIds, rows } = sites.get('Asia/Kolkata')!;
    const day = (date: string) =>
      visitRowsOf(rows, { from: date, to: date, timeZone: 'Asia/Kolkata', goal: GOALS[1].test });
    const { body } = await report(id, 'timeseries', {
      ...RANGE,
      goal: goalIds[1],
      metrics: 'conversions,conversion_rate',
    }).expect(200);
    assert.deepEqual(
      body.points,
      [RANGE.from, RANGE.to].map((bucket) => ({ bucket, metrics: goalMetricsOf(day(bucket)) })),
    );
    const { body: compared } = await report(id, 'overview', {
      from: RANGE.to,
      to: RANGE.to,
      compareFrom: RANGE.from,
      compareTo: RANGE.from,
      goal: goalIds[1],
    }).expect(200);
    const [now, then] = [goalMetricsOf(day(RANGE.to)), goalMetricsOf(day(RANGE.from))];
    assert.deepEqual(compared.comparison.metrics, { ...metricsOf(day(RANGE.from)), ...then });
    assert.equal(
      compared.change.conversions,
      Math.round(((now.conversions - then.conversions) / then.conversions) * 1000) / 10,
    );
  });

  test('a breakdown with a goal answers visitors, visits, pageviews and the goal metrics by default', async () => {
    const { id, goalIds } = sites.get('UTC')!;
    const { body } = await report(id, 'breakdown', {
      ...RANGE,
      dimension: 'utm_source',
      goal: goalIds[1],
    }).expect(200);
    assert.deepEqual(Object.keys(body.rows[0].metrics), [
      'visitors',
      'visits',
      'pageviews',
      ...GOAL_METRIC_NAMES,
    ]);
  });

  test('the rollup and raw events give the same conversions and revenue', async () => {
    const reports = app.get(ReportsService);
    for (const timeZone of ZONES) {
      const { id } = sites.get(timeZone)!;
      for (const { goal, name } of GOALS) {
        const base: ReportQuery = {
          site: { id, timezone: timeZone },
          range: RANGE,
          metrics: [...METRIC_NAMES, ...GOAL_METRIC_NAMES],
          goal,
        };
        for (const query of [
          base,
          { ...base, dimension: 'utm_campaign' as const, limit: 1000 },
          { ...base, dimension: 'referrer_source' as const, limit: 1000 },
        ]) {
          const [rollup, events] = await Promise.all([
            reports.run(query, query.range, 'rollup'),
            reports.run(query, query.range, 'events'),
          ]);
          assert.deepEqual(events, rollup, `${timeZone}, ${name}, ${query.dimension ?? 'overview'}`);
          assert.ok(rollup.length > 0);
        }
      }
    }
  });

  test('hostile names, patterns and property values are bound and match exactly', async () => {
    const site = await newSite('goals-hostile.test');
    // No NUL: a goal refuses it (PostgreSQL's text can't hold it).
    const hostile = "it's \\ \" \t \n ünï 🙂 '; DROP TABLE events --";
    const row = (session: string, name: string, pathname: string, value: string) =>
      eventRow({
        site_id: site,
        session_id: session,
        visitor_id: session,
        name,
        pathname,
        props_keys: [hostile],
        props_values: [value],
      });
    await stores.insertEvents([
      row('event', hostile, '/', hostile),
      row('event-other-value', hostile, '/', `${hostile}!`),
      row('page', 'pageview', `/${hostile}/x`, ''),
      row('page-deeper', 'pageview', `/${hostile}/x/y`, ''),
    ]);
    const goals = [
      { kind: 'event', match: hostile, propertyKey: hostile, propertyValue: hostile },
      { kind: 'page', match: `/${hostile}/*` },
    ];
    for (const goal of goals) {
      const { body: created } = await as('post', `/sites/${site}/goals`)
        .send({ name: 'hostile', ...goal })
        .expect(201);
      const { body } = await report(site, 'overview', {
        from: '2026-11-20',
        to: '2026-11-20',
        goal: created.id,
      }).expect(200);
      assert.deepEqual([body.metrics.visitors, body.metrics.conversions], [4, 1], goal.kind);
    }
  });

  test('an event whose property the goal names carries it exactly; goal metrics need a goal', async () => {
    const site = await newSite('goals-exact.test');
    const visit = (session: string, plan: string, keys = ['plan']) =>
      eventRow({
        site_id: site,
        session_id: session,
        visitor_id: session,
        name: 'purchase',
        props_keys: keys,
        props_values: [plan],
      });
    // '' is a value like any other: an event without the key does not carry it.
    await stores.insertEvents([visit('a', ''), visit('b', '', ['other']), visit('c', 'pro')]);
    const { body: goal } = await as('post', `/sites/${site}/goals`)
      .send({ name: 'No plan', kind: 'event', match: 'purchase', propertyKey: 'plan', propertyValue: '' })
      .expect(201);
    const { body } = await report(site, 'overview', {
      from: '2026-11-20',
      to: '2026-11-20',
      goal: goal.id,
    }).expect(200);
    assert.deepEqual(
      [body.metrics.visitors, body.metrics.conversions, body.metrics.conversion_rate],
      [3, 1, 33.33],
    );
    assert.deepEqual(body.revenue, {});
    const refused = await report(site, 'breakdown', {
      from: '2026-11-20',
      to: '2026-11-20',
      dimension: 'page',
      metrics: 'conversions',
    });
    assert.deepEqual(
      [refused.status, refused.body.message],
      [400, 'metrics: conversions counts a goal: choose one with the goal parameter'],
    );
    const badGoal = await report(site, 'overview', { from: '2026-11-20', to: '2026-11-20', goal: 'x' });
    assert.deepEqual(
      [badGoal.status, ([] as string[]).concat(badGoal.body.message)[0]],
      [400, 'goal must be a goal id (an integer from 1 to 2147483647)'],
    );
  });

  // Last in the file: finalizing writes every site's days, so events inserted after it on those days go unseen.
  test('the same conversions and revenue once the days are finalized, with a day still open', async () => {
    const answers = async () => {
      const all: unknown[] = [];
      for (const { id, goalIds } of sites.values()) {
        for (const goal of goalIds) {
          all.push((await report(id, 'overview', { ...RANGE, goal }).expect(200)).body);
          for (const dimension of ['referrer_source', 'page'])
            all.push((await report(id, 'breakdown', { ...RANGE, dimension, goal }).expect(200)).body.rows);
        }
      }
      return all;
    };
    // Through the 19th finalized, the 20th and 21st provisional: the range's last UTC days are open.
    assert.equal(await assertSameOnceFinalized(app, new Date('2026-11-22T12:00:00Z'), answers), '2026-11-21');
  });
});

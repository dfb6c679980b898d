import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { text } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import type request from 'supertest';
import {
  DIMENSION_NAMES,
  REPORT_DIMENSIONS,
  VISIT_DIMENSIONS,
  type DimensionName,
  type EventRow,
} from '@sluice/config';
import { ClickHouseService } from '../src/clickhouse/clickhouse.service.js';
import { HEADLINE_SETTINGS, QUERY_PRIORITY } from '../src/clickhouse/query-priority.js';
import { bind, sql } from '../src/clickhouse/sql-binder.js';
import { DomainError, ErrorCode } from '../src/common/domain-error.js';
import { ClientGone, withRequestSignal } from '../src/common/request-signal.js';
import { addDays, localDateOf } from '../src/common/calendar.js';
import { eventsCsvSql } from '../src/reports/query/csv.js';
import { METRIC_NAMES } from '../src/reports/query/metrics.js';
import type { ReportQuery } from '../src/reports/query/report-query.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { eventRow, reportQueries, startSignedInApp, type TestStores } from './harness.js';
import { reportClient, type Params } from './report-client.js';
import {
  eventCarrying,
  localDate,
  metricsOf,
  randomSource,
  seedVisits,
  visitRowsOf,
  type ExpectedVisit,
} from './report-seed.js';

let stores: TestStores;
let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;

before(async () => ({ stores, app, http, token, stop } = await startSignedInApp()));
after(() => stop?.());

const { report, newSite, assertIsolated, assertRefusedStartingWith } = reportClient(
  () => http,
  () => token,
);

const BREAKDOWN = ['visitors', 'visits', 'pageviews'] as const;
const pickMetrics = (metrics: ReturnType<typeof metricsOf>, names: readonly string[]) =>
  Object.fromEntries(names.map((name) => [name, metrics[name as keyof typeof metrics]]));

/** A breakdown's rows from expected visits: visitors first, then the value, as the API orders them. */
function expectedBreakdown(visits: ExpectedVisit[], dimension: DimensionName) {
  const groups = new Map<string, ExpectedVisit[]>();
  for (const visit of visits) {
    const value = visit.dimensions[dimension]!;
    groups.set(value, [...(groups.get(value) ?? []), visit]);
  }
  return [...groups.entries()]
    .map(([value, group]) => ({ value, metrics: pickMetrics(metricsOf(group), BREAKDOWN), comparison: null }))
    .sort(
      (a, b) =>
        b.metrics.visitors - a.metrics.visitors || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
    );
}

const eventDimension = (name: DimensionName) =>
  REPORT_DIMENSIONS[name].level === 'event' ? name : undefined;

const ZONES = ['UTC', 'Asia/Kolkata', 'America/St_Johns', 'America/New_York'] as const;

describe('exact answers over seeded visits, in four time zones', () => {
  const sites = new Map<string, { id: number; rows: EventRow[] }>();
  before(async () => {
    for (const [i, timeZone] of ZONES.entries()) {
      const id = await newSite(`seeded-${i}.test`, timeZone);
      // Four UTC days of visits around the local days asked for, plus copies and resends.
      const rows = seedVisits(1000 + i, id, '2026-11-19 00:00:00', '2026-11-23 00:00:00', 300);
      await stores.insertEvents(rows);
      sites.set(timeZone, { id, rows });
    }
  });

  for (const timeZone of ZONES) {
    const expected = (from: string, to: string, dimension?: DimensionName) =>
      visitRowsOf(sites.get(timeZone)!.rows, { from, to, timeZone, eventDimension: dimension });

    test(`overview of single days, several days and a comparison: ${timeZone}`, async () => {
      const { id } = sites.get(timeZone)!;
      for (const [from, to] of [
        ['2026-11-20', '2026-11-20'],
        ['2026-11-21', '2026-11-21'],
        ['2026-11-19', '2026-11-22'],
        ['2025-01-01', '2025-01-31'], // empty
      ]) {
        const { body } = await report(id, 'overview', { from, to }).expect(200);
        assert.deepEqual(body.metrics, metricsOf(expected(from, to)), `${from}..${to}`);
        assert.equal(body.source, 'rollup');
      }
      const { body } = await report(id, 'overview', {
        from: '2026-11-21',
        to: '2026-11-21',
        compareFrom: '2026-11-20',
        compareTo: '2026-11-20',
      }).expect(200);
      const [now, then] = [
        metricsOf(expected('2026-11-21', '2026-11-21')),
        metricsOf(expected('2026-11-20', '2026-11-20')),
      ];
      assert.deepEqual(body.comparison, { from: '2026-11-20', to: '2026-11-20', metrics: then });
      assert.deepEqual(
        body.change,
        Object.fromEntries(
          METRIC_NAMES.map((name) => [
            name,
            then[name] === 0 ? null : Math.round(((now[name] - then[name]) / then[name]) * 1000) / 10,
          ]),
        ),
      );
      assert.ok(then.visits > 0 && now.visits > 0, 'the seed fills both days');
    });

    test(`timeseries by hour, day and week, every bucket listed: ${timeZone}`, async () => {
      const { id } = sites.get(timeZone)!;
      const metrics = 'visitors,visits,pageviews,bounce_rate,visit_duration';
      const series = (visits: ExpectedVisit[], label: (visit: ExpectedVisit) => string, buckets: string[]) =>
        buckets.map((bucket) => ({
          bucket,
          metrics: pickMetrics(
            metricsOf(visits.filter((visit) => label(visit) === bucket)),
            metrics.split(','),
          ),
        }));
      const hourOf = (visit: ExpectedVisit) =>
        `${localDate(visit.started, timeZone)} ${new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(visit.started)}:00`;
      const hours = Array.from({ length: 24 }, (_, h) => `2026-11-21 ${String(h).padStart(2, '0')}:00`);
      const hourly = await report(id, 'timeseries', {
        from: '2026-11-21',
        to: '2026-11-21',
        interval: 'hour',
        metrics,
      });
      assert.deepEqual(hourly.body.points, series(expected('2026-11-21', '2026-11-21'), hourOf, hours));
      const days = ['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'];
      const daily = await report(id, 'timeseries', { from: days[0], to: days[3], interval: 'day', metrics });
      assert.deepEqual(
        daily.body.points,
        series(expected(days[0], days[3]), (visit) => localDate(visit.started, timeZone), days),
      );
      // Thursday the 19th to Monday the 23rd: two weeks, each labelled by its Monday.
      const weekly = await report(id, 'timeseries', {
        from: days[0],
        to: '2026-11-23',
        interval: 'week',
        metrics,
      });
      assert.deepEqual(weekly.body.points, [
        {
          bucket: '2026-11-16',
          metrics: pickMetrics(metricsOf(expected(days[0], days[3])), metrics.split(',')),
        },
        {
          bucket: '2026-11-23',
          metrics: pickMetrics(metricsOf(expected('2026-11-23', '2026-11-23')), metrics.split(',')),
        },
      ]);
      assert.equal(daily.body.inProgress, null, 'the days of a past range are over');
    });

    test(`the bucket under way is named: today, in ${timeZone}`, async () => {
      const { id } = sites.get(timeZone)!;
      const before = localDateOf(Date.now(), timeZone);
      const { body } = await report(id, 'timeseries', {
        from: addDays(before, -1),
        to: before,
        interval: 'day',
        metrics: 'visits',
      });
      // Unless the zone's midnight passed during the request (today then lies past the range).
      if (localDateOf(Date.now(), timeZone) === before) assert.equal(body.inProgress, before);
      else assert.equal(body.inProgress, null);
    });

    test(`breakdowns by every dimension: ${timeZone}`, async () => {
      const { id } = sites.get(timeZone)!;
      for (const dimension of DIMENSION_NAMES) {
        const { body } = await report(id, 'breakdown', {
          from: '2026-11-20',
          to: '2026-11-21',
          dimension,
        }).expect(200);
        assert.deepEqual(
          body.rows,
          expectedBreakdown(expected('2026-11-20', '2026-11-21', eventDimension(dimension)), dimension),
          dimension,
        );
        assert.equal(
          body.source,
          REPORT_DIMENSIONS[dimension].level === 'visit' ? 'rollup' : 'events',
          dimension,
        );
      }
    });

    test(`filters narrow every report: ${timeZone}`, async () => {
      const { id } = sites.get(timeZone)!;
      const visits = expected('2026-11-20', '2026-11-21');
      const cases: Array<[unknown[], (visit: ExpectedVisit) => boolean]> = [
        [[{ dimension: 'country', operator: 'is', value: 'DE' }], (v) => v.dimensions.country === 'DE'],
        [
          [{ dimension: 'device', operator: 'is_not', value: 'mobile' }],
          (v) => v.dimensions.device !== 'mobile',
        ],
        [
          [
            {
              or: [
                { dimension: 'country', operator: 'one_of', values: ['US', 'CA'] },
                { not: { dimension: 'entry_page', operator: 'matches', value: '/docs/*' } },
              ],
            },
          ],
          (v) =>
            ['US', 'CA'].includes(v.dimensions.country!) || !/^\/docs\/[^/]*$/.test(v.dimensions.entry_page!),
        ],
        [
          [
            { dimension: 'referrer_source', operator: 'contains', value: 'oo' },
            { dimension: 'utm_source', operator: 'does_not_contain', value: 'news' },
          ],
          (v) => v.dimensions.referrer_source!.includes('oo') && !v.dimensions.utm_source!.includes('news'),
        ],
      ];
      for (const [filters, keep] of cases) {
        const { body } = await report(id, 'overview', {
          from: '2026-11-20',
          to: '2026-11-21',
          filters: JSON.stringify(filters),
        }).expect(200);
        assert.deepEqual(body.metrics, metricsOf(visits.filter(keep)), JSON.stringify(filters));
      }
      // An event dimension's filter picks the events, and the visits are built of those.
      const pricing = [{ dimension: 'page', operator: 'is', value: '/pricing' }];
      const { body } = await report(id, 'breakdown', {
        from: '2026-11-20',
        to: '2026-11-21',
        dimension: 'country',
        filters: JSON.stringify(pricing),
      }).expect(200);
      const pricingVisits = expected('2026-11-20', '2026-11-21', 'page').filter(
        (visit) => visit.dimensions.page === '/pricing',
      );
      assert.deepEqual(body.rows, expectedBreakdown(pricingVisits, 'country'));
      assert.equal(body.source, 'events');
    });

    test(`a page filter counts the page's events under their visits' own values: ${timeZone}`, async () => {
      const { id } = sites.get(timeZone)!;
      const [from, to] = ['2026-11-20', '2026-11-21'];
      // Each visit's own entry page, of visits begun up to two days before the range.
      const entries = new Map(
        expected(addDays(from, -2), to).map((visit) => [visit.visit, visit.dimensions.entry_page!]),
      );
      const pricingOf = (visits: ExpectedVisit[]) =>
        visits
          .filter((visit) => visit.dimensions.page === '/pricing')
          .map((visit) => ({ ...visit, dimensions: { entry_page: entries.get(visit.visit)! } }));
      const pricing = pricingOf(expected(from, to, 'page'));
      assert.ok(
        pricing.some((visit) => visit.dimensions.entry_page !== '/pricing'),
        'some visits viewed the page after entering elsewhere',
      );
      const filters = JSON.stringify([{ dimension: 'page', operator: 'is', value: '/pricing' }]);
      const { body } = await report(id, 'breakdown', { from, to, dimension: 'entry_page', filters }).expect(
        200,
      );
      assert.deepEqual(body.rows, expectedBreakdown(pricing, 'entry_page'));
      // A visit filter beside it keeps the visits that entered on the docs, by their own entry page.
      const docs = [
        { dimension: 'page', operator: 'is', value: '/pricing' },
        { dimension: 'entry_page', operator: 'matches', value: '/docs/*' },
      ];
      const overview = await report(id, 'overview', { from, to, filters: JSON.stringify(docs) }).expect(200);
      assert.deepEqual(
        overview.body.metrics,
        metricsOf(pricing.filter((visit) => visit.dimensions.entry_page!.startsWith('/docs/'))),
      );
    });
  }

  test('the rollup and raw events give the same answers', async () => {
    const reports = app.get(ReportsService);
    for (const timeZone of ZONES) {
      const { id } = sites.get(timeZone)!;
      const base: ReportQuery = {
        site: { id, timezone: timeZone },
        range: { from: '2026-11-20', to: '2026-11-21' },
        metrics: METRIC_NAMES,
      };
      const queries: ReportQuery[] = [
        base,
        { ...base, interval: 'hour' },
        { ...base, interval: 'day', filters: { dimension: 'country', operator: 'is_not', value: 'US' } },
        ...VISIT_DIMENSIONS.map((dimension) => ({ ...base, dimension, limit: 1000 })),
      ];
      for (const query of queries) {
        const [rollup, events] = await Promise.all([
          reports.run(query, query.range, 'rollup'),
          reports.run(query, query.range, 'events'),
        ]);
        assert.deepEqual(events, rollup, `${timeZone}: ${query.dimension ?? query.interval ?? 'overview'}`);
        assert.ok(rollup.length > 0);
      }
    }
  });

  test('a breakdown by page with a comparison, filtered by a visit and an event dimension at once', async () => {
    const { id, rows } = sites.get('Asia/Kolkata')!;
    const filters = [
      { dimension: 'device', operator: 'is_not', value: 'tablet' },
      { dimension: 'event_name', operator: 'is', value: 'pageview' },
    ];
    const { body } = await report(id, 'breakdown', {
      from: '2026-11-21',
      to: '2026-11-21',
      compareFrom: '2026-11-20',
      compareTo: '2026-11-20',
      dimension: 'page',
      filters: JSON.stringify(filters),
    }).expect(200);
    // The event filter picks pageviews before visits are made of them; the visit filter keeps visits.
    const pageviews = rows.filter((row) => row.name === 'pageview');
    const day = (date: string) =>
      visitRowsOf(pageviews, {
        from: date,
        to: date,
        timeZone: 'Asia/Kolkata',
        eventDimension: 'page',
      }).filter((visit) => visit.dimensions.device !== 'tablet');
    const before = new Map(
      expectedBreakdown(day('2026-11-20'), 'page').map((row) => [row.value, row.metrics]),
    );
    assert.deepEqual(
      body.rows,
      expectedBreakdown(day('2026-11-21'), 'page').map((row) => ({
        ...row,
        comparison: before.get(row.value) ?? { visitors: 0, visits: 0, pageviews: 0 },
      })),
    );
    assert.equal(body.rows.length, 5);
  });

  test('a breakdown pages by cursor, every row once', async () => {
    const { id, rows } = sites.get('UTC')!;
    const all = expectedBreakdown(
      visitRowsOf(rows, { from: '2026-11-19', to: '2026-11-22', timeZone: 'UTC' }),
      'region',
    );
    const pages: unknown[] = [];
    let cursor: string | undefined;
    do {
      const { body } = await report(id, 'breakdown', {
        from: '2026-11-19',
        to: '2026-11-22',
        dimension: 'region',
        limit: 2,
        ...(cursor && { cursor }),
      }).expect(200);
      pages.push(...body.rows);
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
    assert.deepEqual(pages, all);
    assert.equal(all.length, 3);
  });
});

describe('time zones at their edges', () => {
  /** A visit of one pageview at a UTC time, a session of its own. */
  const visitAt = (siteId: number, ts: string, visitor = ts) =>
    eventRow({ site_id: siteId, ts, visitor_id: visitor, session_id: `${siteId}-${ts}` });
  const daily = async (siteId: number, from: string, to: string) =>
    (
      await report(siteId, 'timeseries', { from, to, interval: 'day', metrics: 'visits' }).expect(200)
    ).body.points.map(({ bucket, metrics }: { bucket: string; metrics: { visits: number } }) => [
      bucket,
      metrics.visits,
    ]);
  const hourly = async (siteId: number, day: string) =>
    (
      await report(siteId, 'timeseries', { from: day, to: day, interval: 'hour', metrics: 'visits' }).expect(
        200,
      )
    ).body.points
      .map(({ bucket, metrics }: { bucket: string; metrics: { visits: number } }) => [
        bucket.slice(11),
        metrics.visits,
      ])
      .filter(([, visits]: [string, number]) => visits > 0);

  test('Asia/Kolkata (UTC+5:30): a day runs from 18:30 UTC to 18:30 UTC, its hours begin at :30 UTC', async () => {
    const site = await newSite('kolkata.test', 'Asia/Kolkata');
    await stores.insertEvents([
      visitAt(site, '2026-11-19 18:29:59'), // 19th, 23:59:59
      visitAt(site, '2026-11-19 18:30:00'), // 20th, 00:00:00
      visitAt(site, '2026-11-20 04:29:59'), // 20th, 09:59:59
      visitAt(site, '2026-11-20 04:30:00'), // 20th, 10:00:00
      visitAt(site, '2026-11-20 18:29:59'), // 20th, 23:59:59
      visitAt(site, '2026-11-20 18:30:00'), // 21st
    ]);
    assert.deepEqual(await daily(site, '2026-11-19', '2026-11-21'), [
      ['2026-11-19', 1],
      ['2026-11-20', 4],
      ['2026-11-21', 1],
    ]);
    assert.deepEqual(await hourly(site, '2026-11-20'), [
      ['00:00', 1],
      ['09:00', 1],
      ['10:00', 1],
      ['23:00', 1],
    ]);
  });

  test('America/St_Johns (UTC−3:30): hourly UTC rollups could not add up to its days; visits do', async () => {
    const site = await newSite('stjohns.test', 'America/St_Johns');
    await stores.insertEvents([
      visitAt(site, '2026-11-20 03:29:59'), // 19th, 23:59:59
      visitAt(site, '2026-11-20 03:30:00'), // 20th, 00:00:00
      visitAt(site, '2026-11-20 03:59:59'), // 20th, 00:29:59: the same UTC hour as the first
      visitAt(site, '2026-11-21 03:29:59'), // 20th, 23:59:59
    ]);
    assert.deepEqual(await daily(site, '2026-11-19', '2026-11-20'), [
      ['2026-11-19', 1],
      ['2026-11-20', 3],
    ]);
    assert.deepEqual(await hourly(site, '2026-11-20'), [
      ['00:00', 2],
      ['23:00', 1],
    ]);
  });

  test('DST days in New York: 23 hours in spring, 25 in autumn, each visit on its wall-clock hour', async () => {
    const site = await newSite('dst.test', 'America/New_York');
    await stores.insertEvents([
      visitAt(site, '2026-03-08 06:59:59'), // 01:59:59 EST
      visitAt(site, '2026-03-08 07:00:00'), // 03:00:00 EDT: 02:00 never happens
      visitAt(site, '2026-03-09 03:59:59'), // 8th, 23:59:59 EDT
      visitAt(site, '2026-11-01 05:30:00'), // 01:30 EDT
      visitAt(site, '2026-11-01 06:30:00'), // 01:30 EST: the same wall-clock hour again
      visitAt(site, '2026-11-02 04:59:59'), // 1st, 23:59:59 EST
    ]);
    const spring = await report(site, 'timeseries', {
      from: '2026-03-08',
      to: '2026-03-08',
      interval: 'hour',
      metrics: 'visits',
    }).expect(200);
    assert.equal(spring.body.points.length, 23);
    assert.ok(!spring.body.points.some(({ bucket }: { bucket: string }) => bucket === '2026-03-08 02:00'));
    assert.deepEqual(await hourly(site, '2026-03-08'), [
      ['01:00', 1],
      ['03:00', 1],
      ['23:00', 1],
    ]);
    // 25 hours, and the repeated 01:00 is one bucket, as its wall clock reads.
    const autumn = await report(site, 'timeseries', {
      from: '2026-11-01',
      to: '2026-11-01',
      interval: 'hour',
      metrics: 'visits',
    }).expect(200);
    assert.equal(autumn.body.points.length, 24);
    assert.deepEqual(await hourly(site, '2026-11-01'), [
      ['01:00', 2],
      ['23:00', 1],
    ]);
    assert.deepEqual(await daily(site, '2026-03-08', '2026-03-08'), [['2026-03-08', 3]]);
    assert.deepEqual(await daily(site, '2026-11-01', '2026-11-01'), [['2026-11-01', 3]]);
  });

  test('an empty range answers zeros: every bucket, no rows', async () => {
    const site = await newSite('empty.test', 'Asia/Kolkata');
    const overview = await report(site, 'overview', { from: '2026-11-20', to: '2026-11-20' }).expect(200);
    assert.deepEqual(overview.body.metrics, metricsOf([]));
    const minutes = await report(site, 'timeseries', {
      from: '2026-11-20',
      to: '2026-11-20',
      interval: 'minute',
    }).expect(200);
    assert.equal(minutes.body.points.length, 1440);
    assert.ok(
      minutes.body.points.every(({ metrics }: { metrics: { visitors: number } }) => metrics.visitors === 0),
    );
    assert.deepEqual(
      [minutes.body.points[0].bucket, minutes.body.points[1439].bucket],
      ['2026-11-20 00:00', '2026-11-20 23:59'],
    );
    const breakdown = await report(site, 'breakdown', {
      from: '2026-11-20',
      to: '2026-11-20',
      dimension: 'page',
    }).expect(200);
    assert.deepEqual([breakdown.body.rows, breakdown.body.nextCursor], [[], null]);
  });
});

describe('an event delivered twice counts once', () => {
  test('a resend from another address, hours later, adds neither an event nor a visitor, in either source', async () => {
    const site = await newSite('resend.test', 'UTC');
    const visit = { site_id: site, session_id: 'offline-session', visitor_id: 'home-address' };
    const landing = eventRow({ ...visit, ts: '2026-11-20 10:00:00', pathname: '/' });
    const signup = eventRow({ ...visit, ts: '2026-11-20 10:05:00', name: 'signup' });
    await stores.insertEvents([
      landing,
      signup,
      { ...signup }, // the pipeline delivered it twice
      // The offline queue resent both from the phone's network: another visitor_id, later.
      { ...landing, visitor_id: 'phone-network', ts: '2026-11-20 16:00:00' },
      { ...signup, visitor_id: 'phone-network', ts: '2026-11-21 09:00:00' },
    ]);
    const once = { visitors: 1, visits: 1, pageviews: 1, events: 2 };
    const overview = await report(site, 'overview', { from: '2026-11-20', to: '2026-11-20' }).expect(200);
    assert.deepEqual(pickMetrics(overview.body.metrics, Object.keys(once)), once);
    // The resend's day shows nothing: its visit began the day before.
    const nextDay = await report(site, 'overview', { from: '2026-11-21', to: '2026-11-21' }).expect(200);
    assert.deepEqual(nextDay.body.metrics, metricsOf([]));
    // By page (raw events): one visitor of / and one pageview.
    const pages = await report(site, 'breakdown', {
      from: '2026-11-20',
      to: '2026-11-21',
      dimension: 'page',
    }).expect(200);
    assert.deepEqual(
      pages.body.rows.map(({ value, metrics }: { value: string; metrics: object }) => [value, metrics]),
      [['/', { visitors: 1, visits: 1, pageviews: 1 }]],
    );
    const reports = app.get(ReportsService);
    const query: ReportQuery = {
      site: { id: site, timezone: 'UTC' },
      range: { from: '2026-11-20', to: '2026-11-20' },
      metrics: ['visitors', 'visits', 'pageviews', 'events'],
    };
    for (const source of ['rollup', 'events'] as const) {
      const [row] = await reports.run<Record<string, string>>(query, query.range, source);
      assert.deepEqual(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])), once, source);
    }
  });

  test("a breakdown by channel: each visit counted once in its first event's channel, without bots", async () => {
    const site = await newSite('channels.test', 'UTC');
    const visit = (session: string, visitor: string, channels: string[], extra: Partial<EventRow> = {}) =>
      channels.map((channel, i) =>
        eventRow({
          site_id: site,
          session_id: session,
          visitor_id: visitor,
          channel,
          ts: `2026-11-20 12:0${i}:00`,
          ...extra,
        }),
      );
    await stores.insertEvents([
      // Later pageviews of a visit are internal navigation (direct): the visit keeps its first channel.
      ...visit('s1', 'alice', ['search', 'direct', 'direct']),
      ...visit('s2', 'bob', ['search']),
      ...visit('s3', 'gina', ['search', 'direct']),
      ...visit('s4', 'carol', ['ai', 'direct']),
      ...visit('s5', 'dave', ['ai']),
      ...visit('s6', 'erin', ['paid']),
      ...visit('s7', 'frank', ['direct', 'email']),
      ...visit('s8', 'crawler', ['social', 'social'], { is_bot: 1 }),
    ]);
    const params = { from: '2026-11-20', to: '2026-11-20', dimension: 'channel' };
    // A visit dimension: answered from the per-visit rollup, like referrer_source.
    const rows = async (extra: Record<string, string> = {}) => {
      const { body } = await report(site, 'breakdown', { ...params, ...extra }).expect(200);
      assert.equal(body.source, 'rollup');
      return body.rows.map(({ value, metrics }: { value: string; metrics: object }) => [value, metrics]);
    };
    assert.deepEqual(await rows(), [
      ['search', { visitors: 3, visits: 3, pageviews: 6 }],
      ['ai', { visitors: 2, visits: 2, pageviews: 3 }],
      ['direct', { visitors: 1, visits: 1, pageviews: 2 }],
      ['paid', { visitors: 1, visits: 1, pageviews: 1 }],
    ]);
    const filters = JSON.stringify([{ dimension: 'channel', operator: 'one_of', values: ['ai', 'paid'] }]);
    assert.deepEqual(await rows({ filters }), [
      ['ai', { visitors: 2, visits: 2, pageviews: 3 }],
      ['paid', { visitors: 1, visits: 1, pageviews: 1 }],
    ]);
    const { body } = await report(site, 'overview', {
      from: '2026-11-20',
      to: '2026-11-20',
      filters: JSON.stringify([{ dimension: 'channel', operator: 'is', value: 'search' }]),
    }).expect(200);
    assert.deepEqual([body.metrics.visitors, body.metrics.visits, body.metrics.pageviews], [3, 3, 6]);
  });

  test('bots are in no report', async () => {
    const site = await newSite('bots.test', 'UTC');
    await stores.insertEvents([
      eventRow({ site_id: site, session_id: 'person', visitor_id: 'person', country: 'DE' }),
      eventRow({ site_id: site, session_id: 'crawler', visitor_id: 'crawler', country: 'US', is_bot: 1 }),
      eventRow({
        site_id: site,
        session_id: 'crawler',
        visitor_id: 'crawler',
        pathname: '/robots',
        is_bot: 1,
      }),
    ]);
    const params = { from: '2026-11-20', to: '2026-11-20' };
    assert.equal((await report(site, 'overview', params).expect(200)).body.metrics.visitors, 1);
    for (const dimension of ['country', 'page']) {
      const { body } = await report(site, 'breakdown', { ...params, dimension }).expect(200);
      assert.deepEqual(
        body.rows.map(({ value }: { value: string }) => value),
        [dimension === 'country' ? 'DE' : '/'],
        dimension,
      );
    }
  });
});

describe('the per-visit rollup', () => {
  test('holds a column for every visit dimension the contract declares', async () => {
    const columns = await stores.query<{ name: string }>(
      "SELECT name FROM system.columns WHERE database = 'sluice' AND table = 'sessions_daily'",
    );
    const names = columns.map(({ name }) => name);
    assert.deepEqual(
      VISIT_DIMENSIONS.filter((dimension) => !names.includes(dimension)),
      [],
    );
  });
});

describe('values round-trip through every operator and dimension', () => {
  /** Strings that break naive SQL: quotes, backslashes, NUL, newlines, unicode, a statement, wildcards. */
  const ALPHABET = [
    "'",
    '"',
    '\\',
    '\0',
    '\n',
    '\r',
    '\t',
    ';',
    '-',
    '*',
    '%',
    '_',
    '/',
    '`',
    '$',
    '{',
    '}',
    '(',
    ')',
    'é',
    '€',
    '日',
    '😀',
    'a',
    'Z',
    '0',
    ' ',
  ];
  function randomValues(seed: number, count: number): string[] {
    const random = randomSource(seed);
    const values = ["'; DROP TABLE events; --", "\\'", 'trailing\\', 'nul\0byte', 'line\nbreak', '**'];
    while (values.length < count) {
      const length = 1 + Math.floor(random() * 12);
      values.push(Array.from({ length }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join(''));
    }
    return values;
  }

  test('a value written in any dimension is found by each of its operators and comes back exactly', async () => {
    const values = randomValues(17, 24);
    const control = 'control-value';
    for (const dimension of DIMENSION_NAMES) {
      const site = await newSite(`roundtrip-${dimension.replaceAll('_', '-')}.test`, 'UTC');
      // One visit per value, and one whose value is the control: each an event carrying the value in the dimension.
      const rowFor = (value: string, i: number) =>
        eventRow({
          site_id: site,
          session_id: `visit-${i}`,
          visitor_id: `visitor-${i}`,
          ...eventCarrying(dimension, value),
        });
      await stores.insertEvents([...values.map(rowFor), rowFor(control, values.length)]);
      const params = { from: '2026-11-20', to: '2026-11-20' };
      const breakdown = await report(site, 'breakdown', {
        ...params,
        dimension,
        limit: 1000,
        order: 'value:asc',
      }).expect(200);
      assert.deepEqual(
        breakdown.body.rows.map(({ value }: { value: string }) => value).sort(),
        [...values, control].sort(),
        `${dimension}: every value comes back as written`,
      );
      const visits = async (filter: object) =>
        (await report(site, 'overview', { ...params, filters: JSON.stringify([filter]) }).expect(200)).body
          .metrics.visits;
      const operators = REPORT_DIMENSIONS[dimension].operators as readonly string[];
      for (const value of values) {
        const each = { dimension, value };
        const containing = [...values, control].filter((other) => other.includes(value)).length;
        const expected: Record<string, [object, number]> = {
          is: [{ ...each, operator: 'is' }, 1],
          is_not: [{ ...each, operator: 'is_not' }, values.length],
          contains: [{ ...each, operator: 'contains' }, containing],
          does_not_contain: [{ ...each, operator: 'does_not_contain' }, values.length + 1 - containing],
          one_of: [{ dimension, operator: 'one_of', values: [value, control] }, 2],
        };
        for (const operator of operators.filter((name) => name !== 'matches')) {
          const [filter, count] = expected[operator];
          assert.equal(await visits(filter), count, `${dimension} ${operator} ${JSON.stringify(value)}`);
        }
        if (operators.includes('matches') && !value.includes('*')) {
          // Without a wildcard a pattern is the literal value: only its own visit matches.
          assert.equal(
            await visits({ ...each, operator: 'matches' }),
            1,
            `${dimension} matches ${JSON.stringify(value)}`,
          );
        }
      }
    }
  });

  test('wildcards: * stays within a path segment, ** crosses them', async () => {
    const site = await newSite('wildcards.test', 'UTC');
    const paths = ['/docs', '/docs/start', '/docs/api/keys', '/blog/docs/x', '/docs.', '/docsx'];
    await stores.insertEvents(
      paths.map((pathname, i) =>
        eventRow({ site_id: site, session_id: `w${i}`, visitor_id: `w${i}`, pathname }),
      ),
    );
    const pages = async (value: string) =>
      (
        await report(site, 'breakdown', {
          from: '2026-11-20',
          to: '2026-11-20',
          dimension: 'page',
          order: 'value:asc',
          filters: JSON.stringify([{ dimension: 'page', operator: 'matches', value }]),
        }).expect(200)
      ).body.rows.map(({ value: page }: { value: string }) => page);
    assert.deepEqual(await pages('/docs/*'), ['/docs/start']);
    assert.deepEqual(await pages('/docs/**'), ['/docs/api/keys', '/docs/start']);
    assert.deepEqual(await pages('**/docs*'), ['/docs', '/docs.', '/docsx']);
    assert.deepEqual(await pages('**/docs/*'), ['/blog/docs/x', '/docs/start']);
    assert.deepEqual(await pages('/docs.'), ['/docs.']);
  });
});

describe('bad requests', () => {
  test('an unknown dimension, metric, operator or a malformed filter is a 400 that names the field', async () => {
    const range = { from: '2026-11-20', to: '2026-11-20' };
    const cases: Array<[string, Params, string]> = [
      ['breakdown', { ...range, dimension: 'password' }, 'dimension: unknown dimension "password" (one of '],
      ['breakdown', { ...range }, 'dimension must be one of page, '],
      ['timeseries', { ...range, metrics: 'visitors,revenue' }, 'metrics: unknown metric "revenue" (one of '],
      ['timeseries', { ...range, metrics: 'visitors,visitors' }, 'metrics: a metric is named twice'],
      [
        'timeseries',
        { ...range, interval: 'second' },
        'interval must be one of minute, hour, day, week, month',
      ],
      [
        'timeseries',
        { from: '2026-11-01', to: '2026-11-03', interval: 'minute' },
        'to: an minute series spans at most 2 days',
      ],
      [
        'breakdown',
        { ...range, dimension: 'page', order: 'events:desc' },
        'order: "events" is not one of the report\'s metrics',
      ],
      ['breakdown', { ...range, dimension: 'page', limit: 0 }, 'limit must be an integer from 1 to 1000'],
      ['breakdown', { ...range, dimension: 'page', cursor: 'bm9wZQ' }, 'cursor: not a cursor this API gave'],
      ['overview', { ...range, filters: 'not json' }, 'filters: must be JSON'],
      ['overview', { ...range, filters: '{}' }, 'filters: must be a list'],
      [
        'overview',
        { ...range, filters: '[{"dimension":"ip","operator":"is","value":"x"}]' },
        'filters[0].dimension: unknown dimension "ip"',
      ],
      [
        'overview',
        { ...range, filters: '[{"or":[{"dimension":"page","operator":"like","value":"x"}]}]' },
        'filters[0].or[0].operator: unknown operator "like"',
      ],
      [
        'overview',
        { ...range, filters: '[{"dimension":"country","operator":"contains","value":"D"}]' },
        'filters[0].operator: country takes is, is_not, one_of, not contains',
      ],
      [
        'overview',
        { ...range, filters: '[{"dimension":"page","operator":"is","value":1}]' },
        'filters[0].value: must be a string',
      ],
      [
        'overview',
        { ...range, filters: '[{"dimension":"page","operator":"one_of","values":[]}]' },
        'filters[0].values: must be a list of 1 to 100 strings',
      ],
      ['overview', { ...range, filters: '[{"and":[]}]' }, 'filters[0].and: must be a non-empty list'],
      [
        'overview',
        {
          ...range,
          filters:
            '[{"or":[{"dimension":"page","operator":"is","value":"/"},{"dimension":"country","operator":"is","value":"DE"}]}]',
        },
        'filters must not mix visit dimensions and event dimensions',
      ],
      [
        'overview',
        { ...range, compareFrom: '2026-11-19' },
        'compareTo must be a calendar date as YYYY-MM-DD',
      ],
      [
        'overview',
        { ...range, compareFrom: '2026-11-19', compareTo: '2026-11-18' },
        'compareTo must not be before compareFrom',
      ],
    ];
    await assertRefusedStartingWith(1, cases);
  });
});

describe('site isolation', () => {
  test("every report of a site the user can't see is the 404 of a missing site", async () => {
    const range = { from: '2026-11-20', to: '2026-11-20' };
    await assertIsolated(
      [
        ['overview', range],
        ['timeseries', { ...range, interval: 'hour' }],
        ['breakdown', { ...range, dimension: 'page' }],
        ['events', range],
        ['events', { ...range, format: 'csv' }],
        ['breakdown', { ...range, dimension: 'country', format: 'csv' }],
        [
          'breakdown',
          { ...range, dimension: 'country', filters: '[{"dimension":"page","operator":"is","value":"/"}]' },
        ],
      ],
      'viewer-of-a@shop.test',
      (siteId) => stores.insertEvents([eventRow({ site_id: siteId, session_id: 'b', visitor_id: 'b' })]),
    );
  });
});

describe('the query entry point', () => {
  test('runs as the read-only account, and the server stops a query past its result-row limit', async () => {
    const clickhouse = app.get(ClickHouseService);
    // What the server applied to the query itself (18.16 has no currentUser() or getSetting()).
    const settings = await clickhouse.rows<{ name: string; value: string }>({
      name: 'settings-check',
      sql: sql`SELECT name, value FROM system.settings
        WHERE name IN ('readonly', 'max_execution_time', 'max_memory_usage', 'max_result_rows', 'result_overflow_mode', 'priority',
          'use_uncompressed_cache', 'merge_tree_max_rows_to_use_cache')
        ORDER BY name`,
    });
    assert.deepEqual(Object.fromEntries(settings.map(({ name, value }) => [name, value])), {
      max_execution_time: '30',
      max_memory_usage: '2000000000',
      max_result_rows: '100000',
      merge_tree_max_rows_to_use_cache: '4194304',
      priority: QUERY_PRIORITY.report,
      readonly: '2',
      result_overflow_mode: 'throw',
      use_uncompressed_cache: '1',
    });
    // An export streams at the last priority, a report's through the block cache its card reads; the raw
    // events' export (every column) passes the cache by. A headline query goes first (its own setting applied).
    const exportSettings = sql`SELECT name, value FROM system.settings
      WHERE name IN ('priority', 'use_uncompressed_cache') ORDER BY name`;
    const exported = await clickhouse.csv({ name: 'export-settings', sql: exportSettings });
    assert.equal(
      (await text(exported)).trim(),
      `"name","value"\n"priority","${QUERY_PRIORITY.export}"\n"use_uncompressed_cache","1"`,
    );
    const eventsExport = eventsCsvSql({
      site: { id: 1, timezone: 'UTC' },
      range: { from: '2026-11-20', to: '2026-11-20' },
      bots: false,
    });
    const rawExported = await clickhouse.csv({ ...eventsExport, sql: exportSettings });
    assert.equal(
      (await text(rawExported)).trim(),
      `"name","value"\n"priority","${QUERY_PRIORITY.export}"\n"use_uncompressed_cache","0"`,
    );
    const priority = sql`SELECT value FROM system.settings WHERE name = 'priority'`;
    const [headline] = await clickhouse.rows<{ value: string }>({
      name: 'headline-priority',
      sql: priority,
      settings: HEADLINE_SETTINGS,
    });
    assert.equal(headline.value, QUERY_PRIORITY.headline);
    await assert.rejects(
      clickhouse.rows({ name: 'too-many-rows', sql: sql`SELECT number FROM system.numbers LIMIT 100001` }),
      /Code: 396\b.*Limit for result exceeded, max rows/,
    );
    assert.equal(await reportQueries(http, 'too-many-rows', 'failed'), 1);
  });

  test("queries side by side share the server's threads; alone, one takes them all", async () => {
    const clickhouse = app.get(ClickHouseService);
    // Each caller's own query: identical ones in flight run once (the test below).
    const threads = async (caller = 0) => {
      const [{ value }] = await clickhouse.rows<{ value: string }>({
        name: 'threads-check',
        sql: sql`SELECT value, ${bind.uint32(caller)} AS caller FROM system.settings WHERE name = 'max_threads'`,
      });
      return Number(value);
    };
    // The test server's profile gives it this host's cores (lib/services), as the backend read at start.
    const cores = availableParallelism();
    assert.equal(await threads(), cores, 'alone');
    assert.deepEqual(
      await Promise.all([threads(1), threads(2), threads(3)]),
      [cores, Math.max(1, Math.floor(cores / 2)), Math.max(1, Math.floor(cores / 3))],
      'each asked while the ones before still run',
    );
    assert.equal(await threads(), cores, 'alone again once they ended');
  });

  test('identical queries in flight run once, and each caller gets rows of its own', async () => {
    const clickhouse = app.get(ClickHouseService);
    // A random number per run, and time enough for the callers to meet.
    const query = { name: 'shared-check', sql: sql`SELECT toString(rand64()) AS run, sleep(0.3) AS slept` };
    const ask = (settings = {}) => clickhouse.rows<{ run: string }>({ ...query, settings });
    const [first, second, otherSettings] = await Promise.all([ask(), ask(), ask(HEADLINE_SETTINGS)]);
    assert.equal(first[0].run, second[0].run, 'asked at once: one run answers both');
    assert.notEqual(otherSettings[0].run, first[0].run, 'other settings are another query');
    first[0].run = 'changed by its first caller';
    assert.notEqual(second[0].run, first[0].run, "one caller's rows are not another's");
    const [later] = await ask();
    assert.notEqual(later.run, second[0].run, 'asked once it ended: a run of its own');
    const count = (outcome: string) => reportQueries(http, 'shared-check', outcome);
    assert.deepEqual([await count('ok'), await count('shared')], [3, 1]);
  });

  test('an identical export in flight is streamed once, whole to each caller', async () => {
    const clickhouse = app.get(ClickHouseService);
    const query = {
      name: 'shared-export-check',
      sql: sql`SELECT toString(rand64()) AS run, number, sleep(0.1) AS slept FROM system.numbers LIMIT 3`,
    };
    const exports = await Promise.all([clickhouse.csv(query), clickhouse.csv(query)]);
    const [first, second] = await Promise.all(exports.map((stream) => text(stream)));
    assert.match(first, /^"run","number","slept"\n("\d+",0,0\n)("\d+",1,0\n)("\d+",2,0\n)$/);
    assert.equal(second, first, 'asked at once: one run, the same bytes to both');
    const later = await text(await clickhouse.csv(query));
    assert.notEqual(later, first, 'asked once it ended: a run of its own');
    const count = (outcome: string) => reportQueries(http, 'shared-export-check', outcome);
    assert.deepEqual([await count('ok'), await count('shared')], [2, 1]);
  });

  test('a query no caller waits for any more is stopped on the server', async () => {
    const clickhouse = app.get(ClickHouseService);
    const marker = `abandoned-${randomUUID()}`;
    // Counts numbers for the whole of max_execution_time (30 s) unless stopped.
    const endless = sql`SELECT count() AS n FROM system.numbers WHERE toString(number) != ${bind.string(marker)}`;
    const running = async () => {
      const [{ n }] = await clickhouse.rows<{ n: string }>({
        name: 'processes-check',
        sql: sql`SELECT count() AS n FROM system.processes
          WHERE query LIKE ${bind.string(`%${marker}%`)} AND query NOT LIKE '%system.processes%'`,
      });
      return Number(n);
    };
    const until = async (count: number) => {
      for (const started = Date.now(); Date.now() - started < 5_000;) {
        if ((await running()) === count) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.fail(`not ${count} such queries on the server within 5 s`);
    };
    const client = new AbortController();
    const abandoned = withRequestSignal(client.signal, () =>
      clickhouse.rows({ name: 'abandoned-check', sql: endless }),
    );
    await until(1);
    client.abort(new ClientGone());
    await assert.rejects(abandoned, ClientGone);
    await until(0);
    assert.equal(await reportQueries(http, 'abandoned-check', 'abandoned'), 1);
  });

  test('past two queries per server thread a query waits its turn off the server, the lead first', async () => {
    const clickhouse = app.get(ClickHouseService);
    const marker = `turns-${randomUUID()}`;
    // Read as the admin account, which takes no turn: every turn is taken.
    const onServer = async (tag: string) => {
      const [{ n }] = await stores.query<{ n: string }>(
        `SELECT count() AS n FROM system.processes
          WHERE query LIKE '%${marker}-${tag}%' AND query NOT LIKE '%system.processes%'`,
      );
      return Number(n);
    };
    const until = async (tag: string, count: number) => {
      for (const started = Date.now(); Date.now() - started < 5_000;) {
        if ((await onServer(tag)) === count) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.fail(`not ${count} ${tag} queries on the server within 5 s`);
    };
    // Each place taken by a query that counts numbers until it is stopped (its caller gone).
    const places = 2 * availableParallelism();
    const holders = Array.from({ length: places }, () => new AbortController());
    const held = holders.map((holder, n) =>
      withRequestSignal(holder.signal, () =>
        clickhouse.rows({
          name: 'turns-holder',
          sql: sql`SELECT count() AS n FROM system.numbers
            WHERE toString(number) != ${bind.string(`${marker}-hold-${n}`)}`,
        }),
      ),
    );
    await until('hold', places);
    const answered: string[] = [];
    const ask = async (tag: string, settings = {}) => {
      await clickhouse.rows({
        name: 'turns-check',
        sql: sql`SELECT ${bind.string(`${marker}-${tag}`)} AS tag`,
        settings,
      });
      answered.push(tag);
    };
    const asked = [ask('report'), ask('lead', HEADLINE_SETTINGS)];
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual([await onServer('report'), await onServer('lead'), answered], [0, 0, []], 'both wait');

    holders[0].abort(new ClientGone());
    await assert.rejects(held[0], ClientGone);
    await Promise.all(asked);
    assert.deepEqual(answered, ['lead', 'report'], 'one place freed: the lead, asked last, went first');
    for (const holder of holders) holder.abort(new ClientGone());
    await Promise.allSettled(held);
    await until('hold', 0);
  });

  test("a query stopped by the server's time or memory bound is a 503 busy with Retry-After, not a 500", async () => {
    const clickhouse = app.get(ClickHouseService);
    const busy = (error: unknown) =>
      error instanceof DomainError &&
      error.code === ErrorCode.Busy &&
      error.headers['Retry-After'] === '10' &&
      error.message.startsWith(
        'the report needs more time or memory than the analytics database gives one now',
      );
    await assert.rejects(
      clickhouse.rows({
        name: 'too-long',
        sql: sql`SELECT count() AS n FROM system.numbers`,
        settings: { max_execution_time: 1 },
      }),
      busy,
    );
    await assert.rejects(
      clickhouse.rows({
        name: 'too-big',
        sql: sql`SELECT length(groupArray(number)) AS n FROM (SELECT number FROM system.numbers LIMIT 50000000)`,
        settings: { max_memory_usage: '20000000' },
      }),
      busy,
    );
    // A mistake in the query itself stays the 500 it is: it is logged, and no retry would help.
    await assert.rejects(
      clickhouse.rows({ name: 'broken', sql: sql`SELECT no_such_column FROM events` }),
      (error: unknown) => !(error instanceof DomainError) && /Code: 47\b/.test(String(error)),
    );
  });

  test('counts each report query by name in /metrics with the rows it read', async () => {
    const site = await newSite('metrics.test', 'UTC');
    await stores.insertEvents([eventRow({ site_id: site, session_id: 'm', visitor_id: 'm' })]);
    const scrape = async (pattern: RegExp) =>
      Number(pattern.exec((await http.get('/metrics').expect(200)).text)?.[1] ?? 0);
    const count = () => reportQueries(http, 'report:breakdown:events', 'ok');
    const read = /^sluice_backend_report_rows_read_total\{query="report:breakdown:events"\} (\d+)$/m;
    const [countBefore, readBefore] = [await count(), await scrape(read)];
    await report(site, 'breakdown', { from: '2026-11-20', to: '2026-11-20', dimension: 'event_name' }).expect(
      200,
    );
    assert.equal(await count(), countBefore + 1);
    assert.ok((await scrape(read)) > readBefore, 'the rows ClickHouse read are counted');
  });

  test("a report asked again reads its blocks from the server's cache of uncompressed blocks", async () => {
    const site = await newSite('block-cache.test', 'UTC');
    await stores.insertEvents([eventRow({ site_id: site, session_id: 'c', visitor_id: 'c' })]);
    // Counted by the server since it started; no query but a report's asks for the cache.
    const hits = async () => {
      const rows = await stores.query<{ value: string }>(
        "SELECT value FROM system.events WHERE event = 'UncompressedCacheHits'",
      );
      return Number(rows[0]?.value ?? 0);
    };
    const breakdown = () =>
      report(site, 'breakdown', { from: '2026-11-20', to: '2026-11-20', dimension: 'event_name' }).expect(
        200,
      );
    await breakdown();
    const before = await hits();
    await breakdown();
    assert.ok((await hits()) > before, 'the second answer read cached blocks');
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DIMENSION_NAMES, EVENT_ROW, REPORT_DIMENSIONS } from '@sluice/config';
import { QUERY_PRIORITY } from '../src/clickhouse/query-priority.js';
import { render, sql } from '../src/clickhouse/sql-binder.js';
import { reportSql } from '../src/reports/query/compose.js';
import { wildcardRegex } from '../src/reports/query/filters.js';
import { latestVersions } from '../src/reports/query/finalized-visits.js';
import { METRIC_NAMES } from '../src/reports/query/metrics.js';
import { parseFilters } from '../src/reports/query/parse-request.js';
import { chooseSource } from '../src/reports/query/plan.js';
import type { ReportQuery } from '../src/reports/query/report-query.js';
import { wholeUtcDays } from '../src/reports/query/value-totals.js';
import { vitalsSql } from '../src/reports/query/vitals.js';
import { pageReadingSql } from '../src/reports/query/page-reading.js';
import { bucketLabels, bucketOf } from '../src/reports/query/zoned-buckets.js';

describe('dimensions', () => {
  test('every dimension reads a field of the event contract', () => {
    for (const name of DIMENSION_NAMES) assert.ok(REPORT_DIMENSIONS[name].field in EVENT_ROW, name);
  });
});

/** The name of the query a report's own range asks. */
const nameOf = (query: ReportQuery) => reportSql(query, query.range).name;

/** A breakdown chooses visits with a visit filter, converts them with a goal, or samples them: raw events. */
const askingForVisits = (query: ReportQuery): ReportQuery[] => [
  { ...query, filters: { dimension: 'country', operator: 'is', value: 'IN' } },
  { ...query, goal: { kind: 'page', match: '/', propertyKey: null, propertyValue: null } },
  { ...query, sample: 1000 },
];

describe('the planner', () => {
  test('reads the rollup unless an event dimension is broken down or filtered by', () => {
    const country = { dimension: 'country', operator: 'is', value: 'DE' } as const;
    const page = { dimension: 'page', operator: 'is', value: '/' } as const;
    assert.equal(chooseSource({}), 'rollup');
    assert.equal(chooseSource({ dimension: 'entry_page', filters: { not: country } }), 'rollup');
    assert.equal(chooseSource({ dimension: 'page' }), 'events');
    assert.equal(
      chooseSource({ dimension: 'country', filters: { and: [country, { or: [page] }] } }),
      'events',
    );
  });

  test("the overview and its series go first on a busy server; breakdowns keep the reports' priority", () => {
    const base: ReportQuery = {
      site: { id: 7, timezone: 'Europe/Berlin' },
      range: { from: '2026-11-01', to: '2026-11-30' },
      metrics: ['visitors'],
    };
    const priorityOf = (query: ReportQuery) => reportSql(query, query.range).settings?.priority;
    assert.deepEqual(
      [
        priorityOf(base),
        priorityOf({ ...base, interval: 'day' }),
        priorityOf({ ...base, interval: 'hour' }),
        priorityOf({
          ...base,
          interval: 'day',
          filters: { dimension: 'country', operator: 'is', value: 'DE' },
        }),
      ],
      [QUERY_PRIORITY.headline, QUERY_PRIORITY.headline, QUERY_PRIORITY.headline, QUERY_PRIORITY.headline],
    );
    // No setting of its own: the entry point's default, the reports' priority (reports.test.ts).
    assert.equal(priorityOf({ ...base, dimension: 'page' }), undefined);
    assert.equal(priorityOf({ ...base, dimension: 'country' }), undefined);
  });

  test('names each query by its report and source, and binds every value', () => {
    const query = reportSql(
      {
        site: { id: 7, timezone: 'Asia/Kolkata' },
        range: { from: '2026-11-20', to: '2026-11-20' },
        metrics: METRIC_NAMES,
        dimension: 'country',
        filters: parseFilters(
          `[{"dimension":"page","operator":"contains","value":"'; DROP TABLE events --"}]`,
        ),
      },
      { from: '2026-11-20', to: '2026-11-20' },
    );
    assert.equal(query.name, 'report:breakdown:events');
    assert.ok(render(query.sql).includes(`position(pathname, '\\'; DROP TABLE events --') > 0`));
  });

  test('reads finalized days at the versions the finalizer recorded, written into the SQL as constants', () => {
    const query: ReportQuery = {
      site: { id: 7, timezone: 'Europe/Berlin' },
      range: { from: '2026-11-01', to: '2026-11-30' },
      metrics: ['visitors', 'visits'],
      dimension: 'page',
      filters: parseFilters('[{"dimension":"country","operator":"is","value":"DE"}]'),
      finalizedThrough: '2026-11-28',
    };
    // The 27th final, the 28th provisional in slot 2.
    const versions = [
      { day: '2026-11-27', version: 5, slot: 0 },
      { day: '2026-11-28', version: 4_294_967_295, slot: 2 },
    ];
    const looked = render(reportSql(query, query.range).sql);
    const given = render(reportSql({ ...query, finalizedVersions: versions }, query.range).sql);
    assert.ok(looked.includes('FROM visits_finalized'), 'without them, the query looks them up');
    assert.ok(!given.includes('visits_finalized'), 'with them, no lookup');
    // 2026-11-27 is day 20,784 of the epoch: its number above the version's 32 bits.
    const recorded = `IN (${20_784n * 2n ** 32n + 5n}, ${20_785n * 2n ** 32n + 4_294_967_295n})`;
    assert.equal(given.split(recorded).length - 1, looked.split('FROM visits_finalized').length - 1);
    // Only their slots' partitions, there and where the open days leave out what the finalized ones hold.
    assert.equal(
      given.split('provisional IN (0, 2)').length - 1,
      given.split(recorded).length - 1 + (given.match(/NOT IN \(\s*SELECT/g) ?? []).length,
    );
    assert.equal(render(latestVersions(sql`day`, sql`day`, sql`day`, [])), '0', 'no recorded day, no row');
  });

  test('merges finalized page totals for a page breakdown past 35 days, unless a visit filter, a goal or a sample asks for visits', () => {
    const pages: ReportQuery = {
      site: { id: 7, timezone: 'Asia/Kolkata' },
      range: { from: '2026-09-01', to: '2026-11-30' },
      metrics: METRIC_NAMES,
      dimension: 'page',
      finalizedThrough: '2026-11-28',
    };
    assert.equal(nameOf(pages), 'report:breakdown:totals');
    assert.ok(render(reportSql(pages, pages.range).sql).includes('FROM finalized_value_totals'));
    assert.equal(
      nameOf({ ...pages, filters: { dimension: 'page', operator: 'contains', value: 'docs' } }),
      'report:breakdown:totals',
    );
    for (const variant of askingForVisits(pages)) assert.equal(nameOf(variant), 'report:breakdown:events');
    assert.equal(nameOf({ ...pages, finalizedThrough: undefined }), 'report:breakdown:events');
    assert.equal(nameOf({ ...pages, dimension: 'event_name' }), 'report:breakdown:events');
    assert.equal(nameOf({ ...pages, dimension: 'country' }), 'report:breakdown:rollup');
  });

  test("counts a page's or an element's visitors by their first row in the range, over at most 35 days", () => {
    const pages: ReportQuery = {
      site: { id: 7, timezone: 'Asia/Kolkata' },
      range: { from: '2026-11-01', to: '2026-11-30' },
      metrics: ['visitors'],
      dimension: 'page',
      finalizedThrough: '2026-11-28',
    };
    assert.equal(nameOf(pages), 'report:breakdown:first-visits');
    const sqlText = render(reportSql(pages, pages.range).sql);
    assert.ok(sqlText.includes("countIf(prev_started < toDateTime('2026-11-01 00:00:00', 'Asia/Kolkata'))"));
    // The open days' visitors less those of the finalized days, which end on the 28th.
    assert.ok(sqlText.includes('NOT IN'));
    assert.equal(nameOf({ ...pages, dimension: 'element' }), 'report:breakdown:first-visits');
    assert.equal(nameOf({ ...pages, dimension: 'event_name' }), 'report:breakdown:events');
    assert.equal(
      nameOf({ ...pages, order: { by: 'value', direction: 'asc' } }),
      'report:breakdown:first-visits',
    );
    assert.equal(
      nameOf({ ...pages, filters: { dimension: 'page', operator: 'contains', value: 'docs' } }),
      'report:breakdown:first-visits',
    );
    // Every visit metric; the others as sums, read only where asked for.
    assert.equal(nameOf({ ...pages, metrics: METRIC_NAMES }), 'report:breakdown:first-visits');
    assert.ok(!sqlText.includes('sum(visit_pageviews)'));
    assert.ok(
      render(reportSql({ ...pages, metrics: ['views_per_visit'] }, pages.range).sql).includes(
        'sum(visit_pageviews)',
      ),
    );
    // A visit filter, a goal, a sample or a longer range: as before.
    for (const variant of askingForVisits(pages)) assert.equal(nameOf(variant), 'report:breakdown:events');
    const quarter = { from: '2026-09-01', to: '2026-11-30' };
    assert.equal(nameOf({ ...pages, range: quarter }), 'report:breakdown:totals');
    assert.equal(nameOf({ ...pages, dimension: 'country' }), 'report:breakdown:rollup');
  });

  test("an open day's visit counts are merged or counted only for the metrics that read them", () => {
    const month: ReportQuery = {
      site: { id: 7, timezone: 'Europe/Berlin' },
      range: { from: '2026-11-01', to: '2026-11-30' },
      metrics: ['visitors'],
      finalizedThrough: '2026-11-28',
    };
    const read = (query: ReportQuery) => render(reportSql(query, query.range).sql);
    const visitors = read({ ...month, interval: 'day' });
    assert.ok(visitors.includes('FROM sessions_daily'));
    assert.ok(!visitors.includes('uniqIfMerge(pageviews)') && !visitors.includes('uniqMerge(events)'));
    const bounces = read({ ...month, metrics: ['visitors', 'bounce_rate'] });
    assert.ok(bounces.includes('uniqIfMerge(pageviews)') && !bounces.includes('uniqMerge(events)'));
    const ordered = read({ ...month, dimension: 'country', order: { by: 'events', direction: 'desc' } });
    assert.ok(ordered.includes('uniqMerge(events)') && !ordered.includes('uniqIfMerge(pageviews)'));
    // From raw events (a breakdown by an event dimension) alike.
    const names = read({ ...month, dimension: 'event_name', finalizedThrough: undefined });
    assert.ok(!names.includes("uniqIf(event_id, name = 'pageview')") && !names.includes('uniq(event_id)'));
    assert.ok(
      read({ ...month, metrics: ['pageviews'], dimension: 'event_name' }).includes(
        "uniqIf(event_id, name = 'pageview')",
      ),
    );
  });

  /** What a report over engagement events is asked. */
  type EngagementQuery = Parameters<typeof pageReadingSql>[0];
  /** Reports over engagement events and the table of their finalized days' partials. */
  const STORED_ENGAGEMENT = [
    [
      'web vitals',
      'finalized_vitals',
      (query: EngagementQuery) => vitalsSql(query, 'page', { limit: 10, overall: true }),
    ],
    [
      "pages' readings",
      'finalized_readings',
      (query: EngagementQuery) => pageReadingSql(query, { limit: 10, overall: true }),
    ],
  ] as const;
  for (const [report, table, reportSql] of STORED_ENGAGEMENT) {
    test(`${report} read the stored partials of the finalized UTC days a range covers whole, unless filtered`, () => {
      const month = {
        site: { id: 7, timezone: 'Asia/Kolkata' },
        range: { from: '2026-11-01', to: '2026-11-30' },
        finalizedThrough: '2026-11-28',
      } as const;
      const read = (query: EngagementQuery) => render(reportSql(query).sql);
      // Kolkata's November: the UTC days from the 1st to the 29th, and of those the finalized ones.
      assert.match(
        read(month),
        new RegExp(
          `FROM ${table}\\s+WHERE site_id = 7 AND day >= toDate\\('2026-11-01'\\) AND day <= toDate\\('2026-11-28'\\)`,
        ),
      );
      assert.ok(
        read(month).includes(
          "NOT (toDate(ts) >= toDate('2026-11-01') AND toDate(ts) <= toDate('2026-11-28'))",
        ),
      );
      assert.ok(!read({ ...month, finalizedThrough: undefined }).includes(table));
      assert.ok(
        !read({ ...month, filters: { dimension: 'device', operator: 'is', value: 'mobile' } }).includes(
          table,
        ),
      );
      assert.ok(!read({ ...month, range: { from: '2026-11-20', to: '2026-11-20' } }).includes(table));
    });
  }

  test('a range covers whole the UTC days within its local days: none for one day of a zone off UTC', () => {
    const days = (from: string, to: string, timeZone: string) => wholeUtcDays({ from, to }, timeZone);
    assert.deepEqual(days('2026-11-20', '2026-11-20', 'UTC'), { first: '2026-11-20', last: '2026-11-20' });
    assert.equal(days('2026-11-20', '2026-11-20', 'Asia/Kolkata'), null);
    // 2026-11-19 18:30 UTC to 2026-11-22 18:30 (Kolkata); 2026-11-19 03:30 to 2026-11-23 03:30 (St John's).
    assert.deepEqual(days('2026-11-20', '2026-11-22', 'Asia/Kolkata'), {
      first: '2026-11-20',
      last: '2026-11-21',
    });
    assert.deepEqual(days('2026-11-19', '2026-11-22', 'America/St_Johns'), {
      first: '2026-11-20',
      last: '2026-11-22',
    });
    // New York's DST change (2026-11-01): 2026-11-01 04:00 UTC to 2026-11-03 05:00.
    assert.deepEqual(days('2026-11-01', '2026-11-02', 'America/New_York'), {
      first: '2026-11-02',
      last: '2026-11-02',
    });
    // A window: the days between its ends.
    const window = {
      from: '2026-11-19',
      to: '2026-11-21',
      within: {
        start: Date.parse('2026-11-19T12:00:00Z') / 1000,
        end: Date.parse('2026-11-21T00:00:00Z') / 1000,
      },
    };
    assert.deepEqual(wholeUtcDays(window, 'UTC'), { first: '2026-11-20', last: '2026-11-20' });
  });
});

describe('wildcard patterns', () => {
  const matches = (pattern: string, path: string) => new RegExp(wildcardRegex(pattern)).test(path);
  test('* stays within a segment, ** crosses segments, anything else is itself', () => {
    assert.equal(wildcardRegex('/docs/*'), '^\\/docs\\/[^/]*$');
    assert.equal(matches('/docs/*', '/docs/a'), true);
    assert.equal(matches('/docs/*', '/docs/a/b'), false);
    assert.equal(matches('/docs/**', '/docs/a/b'), true);
    assert.equal(matches('/a.b', '/axb'), false);
    assert.equal(matches('/(x)?', '/(x)?'), true);
  });
});

describe('time buckets in a zone', () => {
  test('a day has 24 hours in zones 30 and 45 minutes off UTC', () => {
    for (const zone of ['Asia/Kolkata', 'America/St_Johns', 'Asia/Kathmandu']) {
      const hours = bucketLabels({ from: '2026-11-20', to: '2026-11-20' }, 'hour', zone);
      assert.deepEqual(
        hours,
        Array.from({ length: 24 }, (_, h) => `2026-11-20 ${String(h).padStart(2, '0')}:00`),
        zone,
      );
    }
  });

  test('DST days: 23 and 24 labels in New York (the repeated hour is one), half an hour on Lord Howe Island', () => {
    const hours = (day: string, zone: string) => bucketLabels({ from: day, to: day }, 'hour', zone);
    assert.equal(hours('2026-03-08', 'America/New_York').length, 23);
    assert.ok(!hours('2026-03-08', 'America/New_York').includes('2026-03-08 02:00'));
    assert.equal(hours('2026-11-01', 'America/New_York').length, 24);
    // Lord Howe moves its clocks by 30 minutes: 02:00 becomes 02:30, so 02:00 still has half an hour.
    assert.equal(hours('2026-10-04', 'Australia/Lord_Howe').length, 24);
    const minutes = bucketLabels({ from: '2026-10-04', to: '2026-10-04' }, 'minute', 'Australia/Lord_Howe');
    assert.equal(minutes.length, 1440 - 30);
  });

  test('weeks are labelled by their Monday, months by their first day', () => {
    const range = { from: '2026-11-29', to: '2026-12-01' };
    assert.deepEqual(bucketLabels(range, 'week', 'UTC'), ['2026-11-23', '2026-11-30']);
    assert.deepEqual(bucketLabels(range, 'month', 'UTC'), ['2026-11-01', '2026-12-01']);
    assert.deepEqual(bucketLabels(range, 'day', 'UTC'), ['2026-11-29', '2026-11-30', '2026-12-01']);
  });

  test('the bucket an instant falls in, labelled as the series labels it', () => {
    // 2026-11-29 20:10 UTC: Sunday evening in UTC, already Monday 01:40 in Kolkata.
    const instant = Date.parse('2026-11-29T20:10:00Z');
    const of = (interval: Parameters<typeof bucketOf>[1], zone: string) => bucketOf(instant, interval, zone);
    assert.deepEqual(
      [of('minute', 'UTC'), of('hour', 'UTC'), of('day', 'UTC'), of('week', 'UTC'), of('month', 'UTC')],
      ['2026-11-29 20:10', '2026-11-29 20:00', '2026-11-29', '2026-11-23', '2026-11-01'],
    );
    assert.deepEqual(
      [of('hour', 'Asia/Kolkata'), of('day', 'Asia/Kolkata'), of('week', 'Asia/Kolkata')],
      ['2026-11-30 01:00', '2026-11-30', '2026-11-30'],
    );
    for (const interval of ['minute', 'hour', 'day', 'week', 'month'] as const) {
      const day = { from: '2026-11-30', to: '2026-11-30' };
      assert.ok(bucketLabels(day, interval, 'Asia/Kolkata').includes(of(interval, 'Asia/Kolkata')), interval);
    }
  });
});

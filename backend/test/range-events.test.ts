import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { render, sql, type SqlFragment } from '../src/clickhouse/sql-binder.js';
import { wildcardMatch } from '../src/reports/query/filters.js';
import { keptVisits } from '../src/reports/query/kept-visits.js';
import { parseFilters } from '../src/reports/query/parse-request.js';
import { rangeEvents, rangeEventVisits, type EventColumn } from '../src/reports/query/range-events.js';
import { wholeEventDays } from '../src/reports/query/range-days.js';
import type { DateRange, ReportQuery } from '../src/reports/query/report-query.js';
import { VisitFinalizer } from '../src/reports/visit-finalizer.js';
import { startSignedInApp, type TestStores } from './harness.js';
import { heatmapRows } from './heatmap-seed.js';
import { copyOf, resendOf } from './paths-seed.js';
import { reportClient } from './report-client.js';
import { seedVisits } from './report-seed.js';

let stores: TestStores;
let app: INestApplication;
let token: string;
let http: ReturnType<typeof request>;
let stop: (() => Promise<void>) | undefined;

const { newSite } = reportClient(
  () => http,
  () => token,
);

/** A half-hour zone each side of UTC, and one that leaves daylight saving time on 2026-11-01. */
const ZONES = ['Asia/Kolkata', 'America/St_Johns', 'America/New_York'] as const;
/** The seeded visits' days (with DST's end) and the hand-placed clicks' day (2026-11-20), whole and in part. */
const RANGES: DateRange[] = [
  { from: '2026-10-31', to: '2026-11-03' },
  { from: '2026-11-01', to: '2026-11-01' },
  { from: '2026-11-19', to: '2026-11-21' },
  { from: '2026-11-20', to: '2026-11-20' },
];
/** Finalizing at each: the UTC days through 2026-11-02, then through 2026-11-20, so ranges straddle both. */
const FINALIZED_AT = [new Date('2026-11-05T12:00:00Z'), new Date('2026-11-23T12:00:00Z')];

interface Read {
  names: string[] | undefined;
  condition: SqlFragment;
  columns: EventColumn[];
  visitors: boolean;
  filters?: string;
}

/** The reads the funnel and the heatmap make, each with the condition they give as `prewhere`. */
const READS: Read[] = [
  {
    // A funnel's steps: two pages (one a pattern) and an event.
    names: ['pageview', 'signup'],
    condition: sql`(name = 'pageview' AND pathname = '/pricing') OR (name = 'pageview' AND ${wildcardMatch(sql`pathname`, '/docs/*')}) OR name = 'signup'`,
    columns: [[sql`pathname`, sql`page`]],
    visitors: true,
  },
  {
    // A funnel with an action step names no events.
    names: undefined,
    condition: sql`el_fingerprint = 'f-buy' OR (name = 'pageview' AND pathname = '/pricing')`,
    columns: [[sql`name`, sql`event_name`]],
    visitors: true,
  },
  {
    // The heatmap's clicks on a page, on desktop, and its scroll reports on a pattern.
    names: ['$autocapture', '$download', '$outbound'],
    condition: sql`pathname = '/pricing' AND viewport_width >= 1024 AND viewport_width <= 100000`,
    columns: [
      [sql`el_fingerprint`, sql`fingerprint`],
      [sql`el_text`, sql`text`],
    ],
    visitors: true,
  },
  {
    names: ['$engagement'],
    condition: wildcardMatch(sql`pathname`, '/pri*'),
    columns: [[sql`scroll_depth`, sql`depth`]],
    visitors: false,
  },
  {
    // Filters choose the heatmap's visits: a further condition beside the page.
    names: ['pageview'],
    condition: wildcardMatch(sql`pathname`, '/docs/**'),
    columns: [[sql`pathname`, sql`page`]],
    visitors: true,
    filters: '[{"dimension":"country","operator":"is","value":"DE"}]',
  },
];

const sites: Array<{ id: number; timezone: string }> = [];

/**
 * How a read is made: its condition as a further `where`, or as the `prewhere`; and `prewhere` with a
 * visit filter that keeps every visit (no visit is in "ZZ"), which reads every day from raw events and
 * merges only the chosen events' visits from the rollup (`IN`), as without finalized days or open days.
 */
const WAYS = ['where', 'prewhere', 'every visit filtered'] as const;
const EVERY_VISIT = parseFilters('[{"dimension":"country","operator":"is_not","value":"ZZ"}]');

/** The rows of one read made one way, in one order. */
async function rows(read: Read, site: (typeof sites)[number], range: DateRange, way: (typeof WAYS)[number]) {
  const finalizedThrough = app.get(VisitFinalizer).finalizedThrough();
  const query: ReportQuery = {
    site,
    range,
    metrics: [],
    filters: parseFilters(read.filters),
    finalizedThrough,
  };
  const kept = keptVisits(query);
  const options =
    way === 'where'
      ? { visitors: read.visitors, where: sql`(${read.condition}) ${kept ? sql`AND ${kept}` : sql``}` }
      : { visitors: read.visitors, prewhere: read.condition, where: kept };
  const filters = way === 'every visit filtered' ? EVERY_VISIT : undefined;
  const events = rangeEvents({ site, finalizedThrough, filters }, range, read.names, read.columns, options);
  const found = await stores.query<Record<string, unknown>>(
    render(sql`SELECT * FROM (${events}) ORDER BY event_id`),
  );
  // A visit filter joins the visits whether or not the read asked for visitors.
  return read.visitors ? found : found.map(({ visitor: _, ...event }) => event);
}

/** Every read over every site and range, made each way. */
async function eachWay() {
  const answers = new Map(WAYS.map((way) => [way, [] as unknown[][]]));
  for (const site of sites) {
    for (const range of RANGES) {
      for (const read of READS) {
        for (const way of WAYS) answers.get(way)?.push(await rows(read, site, range, way));
      }
    }
  }
  return answers;
}

/**
 * Over the days a range's visits are read from (a goal's window, wholeEventDays), each read's visits as
 * rangeEventVisits finds them (copies ungrouped on open days) and those of its events from rangeEvents.
 */
async function visitsBothWays(read: Read, site: (typeof sites)[number], range: DateRange) {
  const finalizedThrough = app.get(VisitFinalizer).finalizedThrough();
  const finalizedVersions = app.get(VisitFinalizer).finalizedVersions();
  const query = { site, finalizedThrough, finalizedVersions };
  const window = wholeEventDays(range);
  const options = { prewhere: read.condition };
  const distinct = (events: SqlFragment) =>
    stores.query<{ visit_id: string }>(
      render(sql`SELECT DISTINCT visit_id FROM (${events}) ORDER BY visit_id`),
    );
  return {
    events: await distinct(
      rangeEvents(query, window, read.names, read.columns, { visitors: false, ...options }),
    ),
    visits: await distinct(rangeEventVisits(query, window, read.names, options)),
  };
}

before(async () => {
  ({ stores, app, http, token, stop } = await startSignedInApp());
  for (const [i, timezone] of ZONES.entries()) {
    const id = await newSite(`range-events-${i}.test`, timezone);
    sites.push({ id, timezone });
    const { clicks, rows: heatmap } = heatmapRows(id);
    await stores.insertEvents([
      ...seedVisits(5000 + i, id, '2026-10-30 00:00:00', '2026-11-05 00:00:00', 300),
      ...heatmap,
      copyOf(clicks.a1),
      resendOf(clicks.b1),
    ]);
  }
});
after(() => stop?.());

test('PREWHERE or WHERE, the open days’ visits merged whole or chosen: the same events, and their visits ungrouped, over raw, finalized and open days', async () => {
  for (const now of [undefined, ...FINALIZED_AT]) {
    if (now) await app.get(VisitFinalizer).finalize(now);
    const answers = await eachWay();
    const asWhere = answers.get('where') ?? [];
    const through = app.get(VisitFinalizer).finalizedThrough();
    for (const way of WAYS)
      assert.deepEqual(answers.get(way), asWhere, `${way}, finalized through ${through}`);
    for (const site of sites) {
      for (const range of RANGES) {
        for (const [i, read] of READS.entries()) {
          const { events, visits } = await visitsBothWays(read, site, range);
          assert.deepEqual(visits, events, `read ${i}'s visits, ${range.from}, finalized through ${through}`);
        }
      }
    }
    // Each read finds events somewhere: the comparison compares something.
    for (const [i] of READS.entries()) {
      const found = asWhere.filter((_, j) => j % READS.length === i).some((events) => events.length > 0);
      assert.ok(found, `read ${i} finds events`);
    }
  }
  // Final through 11-20, provisional through 11-22.
  assert.equal(app.get(VisitFinalizer).finalizedThrough(), '2026-11-22');
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import type { EventRow } from '@sluice/config';
import { ClickHouseService } from '../src/clickhouse/clickhouse.service.js';
import { bind, sql } from '../src/clickhouse/sql-binder.js';
import { errorEvents, MOST_ERROR_KEYS } from '../src/reports/query/errors.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { VisitFinalizer } from '../src/reports/visit-finalizer.js';
import type { ReportQueryDto } from '../src/reports/dto/report-query.dto.js';
import { eventRow, startSignedInApp, type TestStores } from './harness.js';
import { copyOf, resendOf } from './paths-seed.js';
import { reportClient, type Params } from './report-client.js';
import { randomSource } from './report-seed.js';

/**
 * The errors report aggregates its events per distinct error (message, stack, script, line, page and
 * browser) before it derives the group ids and merges the visitors' and visits' states. Here its answers
 * are compared with the groups aggregated straight over each error event, as the report did before:
 * over raw and finalized days, in zones each side of UTC and one that leaves daylight saving time, with
 * copies and resends from another address.
 */

let app: INestApplication;
let http: ReturnType<typeof request>;
let token: string;
let stop: (() => Promise<void>) | undefined;

const { report, newSite } = reportClient(
  () => http,
  () => token,
);

/** UTC+5:30, UTC−3:30, and a zone that leaves daylight saving time on 2026-11-01. */
const ZONES = ['Asia/Kolkata', 'America/St_Johns', 'America/New_York'] as const;
/**
 * Finalizing at NOW finalizes the UTC days through 2026-11-02 and writes 11-03 and 11-04 provisionally: the
 * first range spans final and provisional days.
 */
const NOW = new Date('2026-11-05T12:00:00Z');
const RANGES = [
  { from: '2026-10-31', to: '2026-11-03' },
  { from: '2026-11-01', to: '2026-11-01' },
];
const FILTERS = [
  undefined,
  '[{"dimension":"page","operator":"is_not","value":"/"}]',
  '[{"dimension":"country","operator":"is","value":"DE"}]',
];

const MESSAGES = [
  (n: number) => `Item ${n} not found`,
  (n: number) => `Cannot read properties of undefined (reading 'x${n}')`,
  (n: number) => `Request ${n.toString(16).padStart(8, 'a')}ff failed with 0x${n.toString(16)}`,
  (n: number) => `Session 3f2a${String(n).padStart(4, '0')}-1b2c-4d5e-8f90-123456789abc expired`,
  () => 'Script error.',
];
const FRAMES = [
  (n: number) =>
    `Error: x\n    at load (https://shop.test/app.js:${10 + (n % 2)}:5)\n    at main (https://shop.test/app.js:2:1)`,
  () => 'render@https://shop.test/app.js:99:1\nmain@https://shop.test/app.js:2:1',
  () => '',
];
const PAGES = ['/', '/cart', '/checkout', '/docs/a', '/docs/b', '/pricing'];
const BROWSERS = ['Chrome', 'Firefox', 'Safari', 'Edge'];

/**
 * Visits with one to four errors each, every error at a second of its own (the latest occurrence, the
 * sample, is then one event), from 2026-10-30 to 2026-11-05 UTC; some visitors come back. One error in
 * ten is stored twice, one in ten resent from another address later.
 */
function seedErrors(siteId: number, seed: number): EventRow[] {
  const random = randomSource(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const rows: EventRow[] = [];
  const start = Date.parse('2026-10-30T00:00:00Z');
  for (let visit = 0; visit < 160; visit++) {
    const visitor = `v${Math.floor(random() * 100)}`;
    const country = pick(['DE', 'IN', 'US']);
    let at = start + Math.floor(random() * 6 * 86_400) * 1000;
    const errors = 1 + Math.floor(random() * 4);
    for (let n = 0; n < errors; n++) {
      at += (1 + Math.floor(random() * 900)) * 1000;
      const stack = pick(FRAMES)(Math.floor(random() * 4));
      const error = eventRow({
        site_id: siteId,
        name: '$error',
        event_id: `00000000-0000-4000-8000-${String(visit * 10 + n).padStart(12, '0')}`,
        session_id: `s${seed}-${visit}`,
        visitor_id: visitor,
        ts: new Date(at).toISOString().slice(0, 19).replace('T', ' '),
        country,
        pathname: pick(PAGES),
        browser: pick(BROWSERS),
        error_message: pick(MESSAGES)(Math.floor(random() * 50)),
        error_stack: stack,
        error_source: stack ? '' : 'https://shop.test/vendor.js',
        error_line: stack ? 0 : 1 + Math.floor(random() * 2),
        error_column: 7,
      });
      rows.push(error);
      const chance = random();
      if (chance < 0.1) rows.push(copyOf(error));
      else if (chance < 0.2) rows.push(resendOf(error));
    }
  }
  return rows;
}

/** An error group as the API answers it, from the per-event aggregates below. */
interface Group {
  group: string;
  message: string;
  frame: string;
  occurrences: number;
  visitors: number;
  visits: number;
  firstSeen: string;
  lastSeen: string;
  firstSeenEver: string;
  sampleStack: string;
  pages: Value[];
  browsers: Value[];
}
type Value = { value: string; occurrences: number; visitors: number };

/**
 * The groups of `params` aggregated over each error event (the report's error events, with their group
 * ids, visitors and visits), most occurrences first, with their top `values` pages and browsers.
 */
async function perEventGroups(siteId: number, params: ReportQueryDto, values: number): Promise<Group[]> {
  const query = await app.get(ReportsService).baseQuery(siteId, params);
  const events = errorEvents(query, query.range);
  const zone = bind.timeZone(query.site.timezone);
  const rows = <T>(name: string, text: ReturnType<typeof sql>) =>
    app.get(ClickHouseService).rows<T>({ name, sql: text });
  const groups = await rows<Record<string, string>>(
    'test:groups',
    sql`SELECT group_id, any(frame) AS f, argMax(message, seen) AS m, toString(count()) AS n,
        toString(uniq(visitor)) AS vs, toString(uniq(visit_id)) AS vi,
        formatDateTime(min(seen), '%Y-%m-%d %H:%M:%S', ${zone}) AS first,
        formatDateTime(max(seen), '%Y-%m-%d %H:%M:%S', ${zone}) AS last, argMax(stack, seen) AS st
      FROM ${events} GROUP BY group_id`,
  );
  const valuesBy = async (column: ReturnType<typeof sql>) => {
    const found = await rows<{ group_id: string; value: string; n: string; vs: string }>(
      'test:values',
      sql`SELECT group_id, ${column} AS value, toString(count()) AS n, toString(uniq(visitor)) AS vs
        FROM ${events} GROUP BY group_id, value`,
    );
    return (group: string): Value[] =>
      found
        .filter((row) => row.group_id === group)
        .map((row) => ({ value: row.value, occurrences: Number(row.n), visitors: Number(row.vs) }))
        .sort((a, b) => b.occurrences - a.occurrences || (a.value < b.value ? -1 : 1))
        .slice(0, values);
  };
  const [pages, browsers] = [await valuesBy(sql`page`), await valuesBy(sql`browser_name`)];
  // Every error event up to the range's end, whenever it happened.
  const ever = await rows<{ group_id: string; first: string }>(
    'test:first-ever',
    sql`SELECT group_id, formatDateTime(min(seen), '%Y-%m-%d %H:%M:%S', ${zone}) AS first
      FROM ${errorEvents(query, { from: '2000-01-01', to: query.range.to })} GROUP BY group_id`,
  );
  const firstEver = new Map(ever.map((row) => [row.group_id, row.first]));
  return groups
    .map((row) => ({
      group: row.group_id,
      message: row.m,
      frame: row.f,
      occurrences: Number(row.n),
      visitors: Number(row.vs),
      visits: Number(row.vi),
      firstSeen: row.first,
      lastSeen: row.last,
      firstSeenEver: firstEver.get(row.group_id)!,
      sampleStack: row.st,
      pages: pages(row.group_id),
      browsers: browsers(row.group_id),
    }))
    .sort((a, b) => b.occurrences - a.occurrences || (a.group < b.group ? -1 : 1));
}

/** One group's days with occurrences and its latest five occurrences, aggregated over each error event. */
async function perEventDetail(siteId: number, params: ReportQueryDto, group: string) {
  const query = await app.get(ReportsService).baseQuery(siteId, params);
  const events = sql`(SELECT * FROM ${errorEvents(query, query.range)} WHERE group_id = ${bind.string(group)})`;
  const rows = <T>(name: string, text: ReturnType<typeof sql>) =>
    app.get(ClickHouseService).rows<T>({ name, sql: text });
  const days = await rows<{ day: string; occurrences: number; visitors: number; visits: number }>(
    'test:days',
    sql`SELECT toString(toDate(seen, ${bind.timeZone(query.site.timezone)})) AS day, toUInt32(count()) AS occurrences,
        toUInt32(uniq(visitor)) AS visitors, toUInt32(uniq(visit_id)) AS visits
      FROM ${events} GROUP BY day ORDER BY day`,
  );
  const samples = await rows<{ eventId: string; frame: string }>(
    'test:samples',
    sql`SELECT toString(event_id) AS eventId, frame FROM ${events} ORDER BY seen DESC, event_id ASC LIMIT 5`,
  );
  return { days, samples };
}

/** What perEventDetail compares of a group's own report. */
const detailOf = (body: {
  days: Array<{ occurrences: number }>;
  samples: Array<{ eventId: string; frame: string }>;
}) => ({
  days: body.days.filter((day) => day.occurrences > 0),
  samples: body.samples.map(({ eventId, frame }) => ({ eventId, frame })),
});

const sites: number[] = [];

/** Each site, range and filter: the report's groups (and one group's summary) beside the per-event ones. */
async function compared() {
  const answers: Array<[unknown, unknown]> = [];
  for (const site of sites) {
    for (const range of RANGES) {
      for (const filters of FILTERS) {
        const params: Params = { ...range, limit: 100, ...(filters ? { filters } : {}) };
        const expected = await perEventGroups(site, params as unknown as ReportQueryDto, 3);
        const { body } = await report(site, 'errors', params).expect(200);
        answers.push([body.groups, expected]);
        if (expected.length === 0) continue;
        const [busiest] = await perEventGroups(site, params as unknown as ReportQueryDto, 10);
        const one = await report(site, `errors/${busiest.group}`, {
          ...range,
          ...(filters ? { filters } : {}),
        }).expect(200);
        answers.push([one.body.summary, busiest]);
        answers.push([
          detailOf(one.body),
          await perEventDetail(site, params as unknown as ReportQueryDto, busiest.group),
        ]);
      }
    }
  }
  return answers;
}

let stores: TestStores;

before(async () => {
  ({ stores, app, http, token, stop } = await startSignedInApp());
  for (const [i, timeZone] of ZONES.entries()) {
    const id = await newSite(`errors-distinct-${i}.test`, timeZone);
    sites.push(id);
    await stores.insertEvents(seedErrors(id, 7000 + i));
  }
});
after(() => stop?.());

const assertSame = (answers: Array<[unknown, unknown]>) => {
  for (const [actual, expected] of answers) assert.deepEqual(actual, expected);
};

test('error groups from distinct errors answer as aggregated over each event, from raw events', async () => {
  assert.equal(app.get(VisitFinalizer).finalizedThrough(), undefined);
  const answers = await compared();
  assertSame(answers);
  // What the comparison covers: groups of several raw messages, more pages than a group lists, copies.
  const [groups] = answers[0] as [Group[], Group[]];
  assert.ok(groups.length >= 8, `${groups.length} groups`);
  assert.ok(groups.some((group) => group.pages.length === 3 && group.occurrences > 6));
  assert.ok(groups.some((group) => group.visitors < group.visits));
});

test('a group of more distinct errors than their hashes are listed for is found by its id', async () => {
  const site = await newSite('errors-distinct-many.test', 'UTC');
  const day = Date.parse('2026-11-01T00:00:00Z');
  await stores.insertEvents(
    Array.from({ length: MOST_ERROR_KEYS + 1 }, (_, n) =>
      eventRow({
        site_id: site,
        name: '$error',
        event_id: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
        session_id: `many-${n % 40}`,
        visitor_id: `many-${n % 25}`,
        ts: new Date(day + n * 60_000).toISOString().slice(0, 19).replace('T', ' '),
        error_message: `Order ${n} failed`,
        error_source: 'https://shop.test/vendor.js',
        error_line: 3,
      }),
    ),
  );
  const params = { from: '2026-11-01', to: '2026-11-01' } as ReportQueryDto;
  const [group] = await perEventGroups(site, params, 10);
  assert.equal(group.occurrences, MOST_ERROR_KEYS + 1);
  const { body } = await report(site, `errors/${group.group}`, { ...params }).expect(200);
  assert.equal(body.summary.occurrences, MOST_ERROR_KEYS + 1);
  assert.deepEqual(detailOf(body), await perEventDetail(site, params, group.group));
});

test('error groups from distinct errors answer as aggregated over each event, over final and provisional days', async () => {
  await app.get(VisitFinalizer).finalize(NOW);
  assert.equal(app.get(VisitFinalizer).finalizedThrough(), '2026-11-04');
  assertSame(await compared());
});

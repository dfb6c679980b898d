import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { GoalConversion, OverviewReport, TimeseriesReport } from '../src/overview/api.js';
import { breakdownLines, detailMetrics, percentChange } from '../src/overview/breakdown-data.js';
import { goalLines } from '../src/overview/goals-data.js';
import { formatMetric, isEmptyOverview, metricCards } from '../src/overview/overview-data.js';
import { chartSeries, metricScale } from '../src/overview/timeseries-data.js';

const METRICS = {
  visitors: 3,
  visits: 3,
  pageviews: 4,
  events: 4,
  views_per_visit: 1.33,
  bounce_rate: 66.67,
  visit_duration: 20,
};

const overview = (change: OverviewReport['change']): OverviewReport => ({
  siteId: 1,
  from: '2026-11-10',
  to: '2026-11-16',
  timezone: 'UTC',
  source: 'rollup',
  sampling: null,
  metrics: METRICS,
  comparison: null,
  change,
});

test('metric cards: every metric formatted, its change signed, a fall of the bounce rate is good news, "0%" no news', () => {
  assert.equal(metricCards(overview({ bounce_rate: -33.3 }), 'en-US')[4].trend, 'better');
  const cards = metricCards(
    overview({
      visitors: 200,
      visits: 0,
      pageviews: 300,
      events: 300,
      views_per_visit: 33.3,
      bounce_rate: -0.4,
      visit_duration: null,
    }),
    'en-US',
  );
  assert.deepEqual(
    cards.map(({ label, value, change, trend }) => [label, value, change, trend]),
    [
      ['Unique visitors', '3', '+200%', 'better'],
      ['Visits', '3', '0%', 'flat'],
      ['Pageviews', '4', '+300%', 'better'],
      ['Views per visit', '1.33', '+33%', 'better'],
      ['Bounce rate', '66.7%', '0%', 'flat'],
      ['Visit duration', '20s', '—', 'flat'],
      ['Events', '4', '+300%', 'better'],
    ],
  );
  assert.deepEqual(
    metricCards(overview(null), 'en-US').map((card) => card.change),
    Array(7).fill(undefined),
    'no comparison, no change shown',
  );
  assert.deepEqual(
    metricCards(overview(null), 'en-US', true).map((card) => card.label),
    ['Unique visitors', 'Visits', 'Pageviews', 'Bounce rate', 'Events'],
    "filtered by page: not the whole visits' views per visit and duration",
  );
});

test('an overview is empty when it counted no visitor, pageview or event', () => {
  assert.equal(isEmptyOverview(overview(null)), false);
  const none = { ...METRICS, visitors: 0, pageviews: 0, events: 0 };
  assert.equal(isEmptyOverview({ ...overview(null), metrics: none }), true);
  assert.equal(isEmptyOverview({ ...overview(null), metrics: { ...none, events: 1 } }), false);
});

test("a card's detail view: how a visit dimension's visits went, an event dimension's counts, each line's values", () => {
  assert.deepEqual(detailMetrics('referrer_source'), [
    'visits',
    'pageviews',
    'bounce_rate',
    'visit_duration',
  ]);
  assert.deepEqual(detailMetrics('entry_page'), ['visits', 'pageviews', 'bounce_rate', 'visit_duration']);
  assert.deepEqual(detailMetrics('page'), ['visits', 'pageviews']);
  assert.deepEqual(detailMetrics('event_name'), ['visits', 'events']);
  assert.deepEqual(detailMetrics('prop_value'), ['visits', 'events']);
  const [line] = breakdownLines(
    [{ value: 'desktop', metrics: METRICS, comparison: null }],
    'device',
    '',
    'visitors',
  );
  assert.deepEqual(
    detailMetrics('device').map((metric) => formatMetric(metric, line.metrics[metric], 'en-US')),
    ['3', '4', '66.7%', '20s'],
  );
});

test('breakdown lines: searched case-insensitively, sorted, with bars in percent of the top row and changes', () => {
  const row = (value: string, visitors: number, before?: number) => ({
    value,
    metrics: { visitors },
    comparison: before === undefined ? null : { visitors: before },
  });
  const rows = [row('/pricing', 1, 0), row('/', 4, 2), row('/Docs', 2, 2), row('', 1, 1)];
  assert.deepEqual(
    breakdownLines(rows, 'page', '', 'visitors').map((line) => [
      line.label,
      line.visitors,
      line.share,
      line.change,
    ]),
    [
      ['/', 4, 100, 100],
      ['/Docs', 2, 50, 0],
      ['(not set)', 1, 25, 0],
      ['/pricing', 1, 25, null],
    ],
  );
  assert.deepEqual(
    breakdownLines(rows, 'page', 'DOC', 'value').map((line) => line.label),
    ['/Docs'],
  );
  assert.deepEqual(
    breakdownLines(rows, 'page', '', 'value').map((line) => line.label),
    ['(not set)', '/', '/Docs', '/pricing'],
  );
  assert.equal(percentChange(3, 9), -66.7);
  assert.deepEqual(
    breakdownLines([row('', 3)], 'referrer_source', '', 'visitors').map((line) => line.label),
    ['Direct / none'],
  );
  // The Sources card's Channels tab: channels by their names, found by them; rows from before channels had none.
  const channels = [row('ai', 2), row('search', 3), row('direct', 1), row('', 1)];
  assert.deepEqual(
    breakdownLines(channels, 'channel', '', 'visitors').map((line) => [line.value, line.label]),
    [
      ['search', 'Search'],
      ['ai', 'AI assistants'],
      ['', '(not set)'],
      ['direct', 'Direct'],
    ],
  );
  assert.deepEqual(
    breakdownLines(channels, 'channel', 'assist', 'visitors').map((line) => line.value),
    ['ai'],
  );
});

test('the chart aligns the comparison bucket by bucket and keeps to granularities the range allows', () => {
  const point = (bucket: string, visitors: number) => ({ bucket, metrics: { visitors } });
  const report: TimeseriesReport = {
    siteId: 1,
    from: '2026-11-10',
    to: '2026-11-11',
    timezone: 'UTC',
    source: 'rollup',
    sampling: null,
    interval: 'day',
    points: [point('2026-11-10', 3), point('2026-11-11', 1)],
    inProgress: null,
    comparison: {
      from: '2026-11-08',
      to: '2026-11-09',
      points: [point('2026-11-08', 2), point('2026-11-09', 0)],
    },
  };
  assert.deepEqual(chartSeries(report, 'visitors', 'en-US'), {
    ticks: ['Nov 10', 'Nov 11'],
    titles: ['Tue, Nov 10, 2026', 'Wed, Nov 11, 2026'],
    current: [3, 1],
    comparison: [2, 0],
    comparisonTitles: ['Sun, Nov 8, 2026', 'Mon, Nov 9, 2026'],
    inProgress: undefined,
  });
  assert.equal(
    chartSeries({ ...report, inProgress: '2026-11-11' }, 'visitors', 'en-US').inProgress,
    1,
    'the bucket under way, by its index',
  );
  const shorter = { ...report, comparison: { ...report.comparison!, points: [point('2026-11-09', 4)] } };
  assert.deepEqual(
    [
      chartSeries(shorter, 'visitors', 'en-US').comparison,
      chartSeries(shorter, 'visitors', 'en-US').comparisonTitles,
    ],
    [
      [4, null],
      ['Mon, Nov 9, 2026', null],
    ],
    'a comparison with fewer buckets leaves the rest empty',
  );
});

test('the chart writes each metric as its card does, and its axis in short steps fit for the metric', () => {
  const visitors = metricScale('visitors', 'en-US');
  assert.deepEqual(
    [visitors.value(12345), visitors.axis(12345), visitors.axis(1500000)],
    ['12,345', '12.3K', '1.5M'],
  );
  assert.ok(visitors.steps?.every(Number.isInteger), 'counts step by whole numbers: never 0.5 visitors');
  const bounce = metricScale('bounce_rate', 'en-US');
  assert.deepEqual([bounce.value(66.7), bounce.value(40), bounce.axis(40)], ['66.7%', '40.0%', '40%']);
  assert.ok(bounce.steps?.every(Number.isInteger), 'a rate’s axis steps by whole percents');
  const duration = metricScale('visit_duration', 'en-US');
  assert.deepEqual(
    [duration.value(65), duration.axis(120), duration.axis(30), duration.axis(5400)],
    ['1m 05s', '2m', '30s', '1.5h'],
  );
  assert.ok(
    duration.steps?.includes(60) && duration.steps.includes(3600),
    'durations step by minutes and hours',
  );
  assert.deepEqual(metricScale('views_per_visit', 'de-DE').axis(1.5), '1,5');
});

test('goals: most conversions first, counts, rates and the change of conversions formatted', () => {
  const entry = (
    id: number,
    name: string,
    conversions: number,
    conversion_rate: number,
    change: GoalConversion['change'] = null,
  ): GoalConversion => ({
    goal: {
      id,
      siteId: 1,
      name,
      kind: 'page' as const,
      match: '/x',
      propertyKey: null,
      propertyValue: null,
      scrollDepth: null,
      createdAt: '',
    },
    metrics: { conversions, conversion_rate },
    comparison: null,
    change,
  });
  assert.deepEqual(
    goalLines(
      [entry(1, 'Signup', 1, 33.33), entry(2, 'Pricing', 2, 66.67), entry(3, 'Docs', 1, 33.33)],
      'en-US',
    ),
    [
      { id: 2, name: 'Pricing', conversions: '2', rate: '66.7%', change: undefined, revenue: undefined },
      { id: 3, name: 'Docs', conversions: '1', rate: '33.3%', change: undefined, revenue: undefined },
      { id: 1, name: 'Signup', conversions: '1', rate: '33.3%', change: undefined, revenue: undefined },
    ],
  );
  const compared = goalLines(
    [
      entry(1, 'Signup', 3, 10, { conversions: -25, conversion_rate: -10 }),
      entry(2, 'Pricing', 2, 5, { conversions: null, conversion_rate: null }),
    ],
    'en-US',
  );
  assert.deepEqual(
    compared.map((line) => line.change),
    ['−25%', '—'],
    'a fall signed with a true minus; none before: a dash',
  );
  assert.deepEqual(
    goalLines([{ ...entry(1, 'Bought', 2, 20), revenue: { USD: '5.00', EUR: '19.80' } }], 'en-US')[0].revenue,
    { USD: '5.00', EUR: '19.80' },
    "an event goal's revenue, each currency on its own",
  );
});

import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { QuestionAnswer, ReportRequestObject } from '../src/questions/api.js';
import { answerTable, answerView } from '../src/questions/ask-data.js';

const HEADER = {
  siteId: 1,
  from: '2026-11-24',
  to: '2026-11-30',
  timezone: 'UTC',
  source: 'rollup' as const,
  sampling: null,
};

const answered = (query: ReportRequestObject, result: QuestionAnswer['result']): QuestionAnswer => ({
  question: 'q',
  outcome: 'answered',
  message: 'Visitors by country, last 7 days',
  query,
  result,
  reason: null,
  suggestions: [],
});

const LAST_7_DAYS = { period: 'last_7_days' as const, from: '2026-11-24', to: '2026-11-30' };

test('a breakdown answer as a table: the dimension’s labels, the metrics asked for, formatted', () => {
  const query: ReportRequestObject = {
    report: 'breakdown',
    range: LAST_7_DAYS,
    metrics: ['visitors', 'bounce_rate'],
    dimension: 'country',
  };
  const table = answerTable(
    answered(query, {
      breakdown: {
        ...HEADER,
        dimension: 'country',
        nextCursor: null,
        rows: [
          { value: 'DE', metrics: { visitors: 1200, bounce_rate: 41.5 }, comparison: null },
          { value: '', metrics: { visitors: 3, bounce_rate: 0 }, comparison: null },
        ],
      },
    }),
    'en',
  );
  assert.deepEqual(table, {
    caption: 'Visitors by country, last 7 days',
    columns: [
      { label: 'Country', number: false },
      { label: 'Unique visitors', number: true },
      { label: 'Bounce rate', number: true },
    ],
    rows: [
      ['Germany', '1,200', '41.5%'],
      ['(not set)', '3', '0.0%'],
    ],
  });
});

test('an overview answer: a row per metric named; a timeseries: a row per bucket', () => {
  const overview = answerTable(
    answered(
      { report: 'overview', range: LAST_7_DAYS, metrics: ['visit_duration'] },
      {
        overview: {
          ...HEADER,
          metrics: { visitors: 5, visit_duration: 125 },
          comparison: null,
          change: null,
        },
      },
    ),
    'en',
  );
  assert.deepEqual(overview?.rows, [['Visit duration', '2m 05s']]);
  const series = answerTable(
    answered(
      { report: 'timeseries', range: LAST_7_DAYS, metrics: ['pageviews'], interval: 'day' },
      {
        timeseries: {
          ...HEADER,
          interval: 'day',
          points: [
            { bucket: '2026-11-29', metrics: { pageviews: 10 } },
            { bucket: '2026-11-30', metrics: { pageviews: 2500 } },
          ],
          inProgress: null,
          comparison: null,
        },
      },
    ),
    'en',
  );
  assert.deepEqual(series?.columns, [
    { label: 'Period', number: false },
    { label: 'Pageviews', number: true },
  ]);
  assert.deepEqual(series?.rows, [
    ['2026-11-29', '10'],
    ['2026-11-30', '2,500'],
  ]);
});

test('a query object as a dashboard view: period, comparison, filters, and what the widget shows', () => {
  assert.deepEqual(
    answerView({
      report: 'breakdown',
      range: LAST_7_DAYS,
      dimension: 'country',
      filters: [
        { dimension: 'page', operator: 'is', value: '/pricing' },
        { dimension: 'referrer', operator: 'does_not_contain', value: 'google' },
      ],
    }),
    {
      reportKey: 'overview',
      query: 'period=7d&compare=none&filter=page%3A%2Fpricing&filter=referrer%3Adoes_not_contain%3Agoogle',
      kind: 'breakdown',
      dimension: 'country',
    },
  );
  assert.deepEqual(
    answerView({
      report: 'timeseries',
      range: { period: 'last_days', days: 90, from: '2026-09-02', to: '2026-11-30' },
      compare: true,
      metrics: ['pageviews'],
      interval: 'week',
    }),
    {
      reportKey: 'overview',
      query: 'period=custom&from=2026-09-02&to=2026-11-30&compare=previous&metric=pageviews&interval=week',
      kind: 'chart',
    },
  );
  assert.deepEqual(
    answerView({
      report: 'funnel',
      range: LAST_7_DAYS,
      steps: [
        { kind: 'page', match: '/docs/**' },
        { kind: 'event', match: 'signup' },
      ],
      window: 3600,
    }),
    {
      reportKey: 'funnels',
      query: 'period=7d&compare=none&step=page%3A%2Fdocs%2F**&step=event%3Asignup&window=3600',
      kind: 'funnel',
    },
  );
});

test('what a dashboard view can’t hold is said, not dropped', () => {
  assert.deepEqual(answerView({ report: 'overview', range: LAST_7_DAYS, goal: 'Signup' }), {
    unsaved: 'A dashboard view can’t hold a goal yet: open Goals to save it.',
  });
  assert.deepEqual(
    answerView({
      report: 'overview',
      range: LAST_7_DAYS,
      filters: [{ or: [{ dimension: 'page', operator: 'contains', value: 'docs' }] }],
    }),
    { unsaved: 'A dashboard view holds a list of filters; this answer groups them or lists values.' },
  );
});

test('a paths answer: next then previous pages; retention and paths saved as links to their pages', () => {
  const table = answerTable(
    answered(
      { report: 'paths', range: LAST_7_DAYS, page: '/pricing' },
      {
        paths: {
          siteId: HEADER.siteId,
          from: HEADER.from,
          to: HEADER.to,
          timezone: HEADER.timezone,
          page: '/pricing',
          visits: 40,
          next: [{ page: '/signup', visits: 12, percent: 30 }],
          previous: [{ page: 'entry', visits: 1500, percent: 37.5 }],
        },
      },
    ),
    'en',
  );
  assert.deepEqual(table?.rows, [
    ['Next', '/signup', '12', '30.0%'],
    ['Previous', 'entry', '1,500', '37.5%'],
  ]);
  assert.deepEqual(
    answerView({ report: 'retention', range: LAST_7_DAYS, cohort: 'day', returnEvent: 'purchase' }),
    { reportKey: 'retention', query: 'period=7d&compare=none&cohort=day&return=purchase', kind: 'link' },
  );
  assert.deepEqual(answerView({ report: 'paths', range: LAST_7_DAYS, page: '/pricing' }), {
    reportKey: 'paths',
    query: 'period=7d&compare=none&page=%2Fpricing',
    kind: 'link',
  });
});

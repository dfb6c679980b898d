import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { RetentionReport } from '../src/retention/api.js';
import {
  identityStatement,
  isEmptyRetention,
  parseRetentionOptions,
  periodLabel,
  periodsFor,
  retentionCurve,
  retentionGrid,
  retentionOptionChanges,
} from '../src/retention/retention-data.js';

const WEEK = { from: '2026-11-10', to: '2026-11-16' };
const YEAR = { from: '2025-11-17', to: '2026-11-16' };

test('daily cohorts only where the API allows them (92 days); a period it refuses reads weekly', () => {
  assert.deepEqual(periodsFor(WEEK), ['day', 'week', 'month']);
  assert.deepEqual(periodsFor(YEAR), ['week', 'month']);
  assert.deepEqual(parseRetentionOptions(new URLSearchParams('cohort=day&return=signup'), WEEK), {
    period: 'day',
    returnEvent: 'signup',
  });
  assert.deepEqual(parseRetentionOptions(new URLSearchParams('cohort=day'), YEAR), {
    period: 'week',
    returnEvent: undefined,
  });
  assert.deepEqual(retentionOptionChanges({ period: 'week', returnEvent: undefined }), {
    cohort: undefined,
    return: undefined,
  });
});

test('cohort labels: a day, a week by its Monday, a month', () => {
  assert.deepEqual(
    [
      periodLabel('2026-11-10', 'day', 'en-US'),
      periodLabel('2026-11-09', 'week', 'en-US'),
      periodLabel('2026-11-01', 'month', 'en-US'),
    ],
    ['Nov 10', 'Week of Nov 9', 'November 2026'],
  );
});

test('the grid: a row per cohort, its cells to the range’s end, shaded in tenths, each described', () => {
  const report: RetentionReport = {
    siteId: 1,
    from: '2026-11-10',
    to: '2026-11-12',
    timezone: 'UTC',
    period: 'day',
    identity: 'persistent',
    returnEvent: null,
    comparison: null,
    cohorts: [
      {
        cohort: '2026-11-10',
        visitors: 3,
        returning: [
          { offset: 0, period: '2026-11-10', visitors: 3, percent: 100 },
          { offset: 1, period: '2026-11-11', visitors: 2, percent: 66.67 },
          { offset: 2, period: '2026-11-12', visitors: 0, percent: 0 },
        ],
      },
      {
        cohort: '2026-11-12',
        visitors: 1,
        returning: [{ offset: 0, period: '2026-11-12', visitors: 1, percent: 100 }],
      },
    ],
  };
  const grid = retentionGrid(report, '2026-12-02', 'en-US');
  assert.deepEqual(grid.offsets, [0, 1, 2]);
  assert.deepEqual(
    grid.rows.map((row) => [
      row.label,
      row.visitors,
      row.cells.map((cell) => [cell.percent, cell.count, cell.shade]),
    ]),
    [
      [
        'Nov 10',
        '3',
        [
          ['100%', '3', 10],
          ['66.7%', '2', 7],
          ['0%', '0', 0],
        ],
      ],
      ['Nov 12', '1', [['100%', '1', 10]]],
    ],
  );
  assert.equal(grid.rows[0].cells[1].description, 'day 1: 2 of 3 visitors, 66.7%');
  // A cohort of 100 from the week of the 2nd, 19 of them back the next week.
  const hundred = {
    cohort: '2026-11-02',
    visitors: 100,
    returning: [
      { offset: 0, period: '2026-11-02', visitors: 100, percent: 100 },
      { offset: 1, period: '2026-11-09', visitors: 19, percent: 19 },
    ],
  };
  assert.deepEqual(
    retentionGrid({ ...report, cohorts: [hundred] }, '2026-12-02', 'en-US').rows[0].cells.map(
      (cell) => cell.percent,
    ),
    ['100%', '19.0%'],
    'a share between the ends has its decimal, as the column beside it has (not 19%)',
  );
  // On the 12th, its last day is under way; the next day, none is.
  const underWay = (grid: ReturnType<typeof retentionGrid>) =>
    grid.rows.map((row) => row.cells.map((cell) => cell.inProgress));
  assert.deepEqual(underWay(retentionGrid(report, '2026-11-12', 'en-US')), [[false, false, true], [true]]);
  assert.equal(
    retentionGrid(report, '2026-11-12', 'en-US').rows[1].cells[0].description,
    'day 0: 1 of 1 visitors, 100% so far (this day is not over)',
  );
  assert.deepEqual(underWay(retentionGrid(report, '2026-11-13', 'en-US')), [[false, false, false], [false]]);
  // By week: on Sunday the 15th, the week of Monday the 9th is under way.
  const weekly: RetentionReport = { ...report, period: 'week', cohorts: [hundred] };
  assert.deepEqual(underWay(retentionGrid(weekly, '2026-11-15', 'en-US')), [[false, true]]);
  assert.deepEqual(underWay(retentionGrid(weekly, '2026-11-16', 'en-US')), [[false, false]]);
  const nobody = {
    cohort: '2026-11-11',
    visitors: 0,
    returning: [{ offset: 0, period: '2026-11-11', visitors: 0, percent: 0 }],
  };
  const [empty] = retentionGrid({ ...report, cohorts: [nobody] }, '2026-12-02', 'en-US').rows[0].cells;
  assert.deepEqual(
    [empty.percent, empty.shade, empty.description],
    ['—', 0, 'day 0: no visitors in this cohort'],
    'a cohort nobody began in has no share, not 0%',
  );
  assert.equal(isEmptyRetention(report), false);
  const noVisitors = report.cohorts.map((cohort) => ({ ...cohort, visitors: 0 }));
  assert.equal(
    isEmptyRetention({ ...report, cohorts: noVisitors }),
    true,
    'cohorts without visitors: the empty state',
  );
});

test('the identity mode stated plainly', () => {
  assert.match(identityStatement('cookieless'), /nobody can be followed past the day of their first visit/);
  assert.match(identityStatement('persistent'), /follows visitors across days/);
});

test('the curve: each period’s share over the cohorts that have it, weighted by size; a period under way only where none is over', () => {
  const cell = (offset: number, period: string, visitors: number) => ({
    offset,
    period,
    visitors,
    percent: 0,
  });
  const cohorts: RetentionReport['cohorts'] = [
    {
      cohort: '2026-11-02',
      visitors: 100,
      returning: [cell(0, '2026-11-02', 100), cell(1, '2026-11-09', 20), cell(2, '2026-11-16', 10)],
    },
    {
      cohort: '2026-11-09',
      visitors: 300,
      returning: [cell(0, '2026-11-09', 300), cell(1, '2026-11-16', 30)],
    },
    // Nobody began in this week: no share, not a 0% pulling the average down.
    { cohort: '2026-11-16', visitors: 0, returning: [cell(0, '2026-11-16', 0)] },
  ];
  // Before 16 November's week is under way, every period counts: (20 + 30) / 400 back in week 1.
  assert.deepEqual(retentionCurve(cohorts, 'week', '2026-11-30'), [
    { offset: 0, percent: 100, visitors: 400, cohorts: 2, inProgress: false },
    { offset: 1, percent: 12.5, visitors: 400, cohorts: 2, inProgress: false },
    { offset: 2, percent: 10, visitors: 100, cohorts: 1, inProgress: false },
  ]);
  // In that week, week 1 counts only the first cohort's (over), and week 2 is the last point, under way.
  assert.deepEqual(retentionCurve(cohorts, 'week', '2026-11-18'), [
    { offset: 0, percent: 100, visitors: 400, cohorts: 2, inProgress: false },
    { offset: 1, percent: 20, visitors: 100, cohorts: 1, inProgress: false },
    { offset: 2, percent: 10, visitors: 100, cohorts: 1, inProgress: true },
  ]);
  assert.deepEqual(retentionCurve([], 'week', '2026-11-18'), []);
});

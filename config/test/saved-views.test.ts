import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  chartInterval,
  chartIntervalsFor,
  comparisonDays,
  parseLinkCondition,
  periodDays,
  shiftDays,
  shiftMonths,
  steppedDays,
  VIEW_PERIODS,
  writeLinkCondition,
  type LinkCondition,
} from '../src';

test('days and months are moved across month, year and leap-day boundaries', () => {
  assert.equal(shiftDays('2026-11-30', 1), '2026-12-01');
  assert.equal(shiftDays('2026-12-31', 1), '2027-01-01');
  assert.equal(shiftDays('2028-02-28', 1), '2028-02-29');
  assert.equal(shiftDays('2026-03-01', -1), '2026-02-28');
  assert.equal(shiftMonths('2026-03-31', -1), '2026-02-28', 'the shorter month’s last day');
  assert.equal(shiftMonths('2028-02-29', -12), '2027-02-28');
  assert.equal(shiftMonths('2026-01-15', -11), '2025-02-15');
  assert.equal(shiftMonths('2026-12-01', 1), '2027-01-01');
});

test('each period’s days on a given day in the site’s zone; a custom one is its own', () => {
  const today = '2026-03-15';
  const days = Object.fromEntries(
    VIEW_PERIODS.map((period) => [period, periodDays(period, undefined, today)]),
  );
  assert.deepEqual(days, {
    today: { from: '2026-03-15', to: '2026-03-15' },
    yesterday: { from: '2026-03-14', to: '2026-03-14' },
    '7d': { from: '2026-03-09', to: '2026-03-15' },
    '30d': { from: '2026-02-14', to: '2026-03-15' },
    month: { from: '2026-03-01', to: '2026-03-15' },
    last_month: { from: '2026-02-01', to: '2026-02-28' },
    year: { from: '2026-01-01', to: '2026-03-15' },
    '12mo': { from: '2025-04-01', to: '2026-03-15' },
    custom: { from: '2026-03-09', to: '2026-03-15' },
  });
  assert.deepEqual(periodDays('last_month', undefined, '2026-01-01'), {
    from: '2025-12-01',
    to: '2025-12-31',
  });
  const custom = { from: '2025-10-01', to: '2025-10-31' };
  assert.deepEqual(periodDays('custom', custom, today), custom);
});

test('the comparison is the as-long period just before, the same days a year before, or none', () => {
  assert.deepEqual(comparisonDays('previous', { from: '2026-03-01', to: '2026-03-31' }), {
    from: '2026-01-29',
    to: '2026-02-28',
  });
  assert.deepEqual(comparisonDays('previous', { from: '2026-03-15', to: '2026-03-15' }), {
    from: '2026-03-14',
    to: '2026-03-14',
  });
  assert.deepEqual(comparisonDays('year', { from: '2028-02-01', to: '2028-02-29' }), {
    from: '2027-02-01',
    to: '2027-02-28',
  });
  assert.equal(comparisonDays('none', { from: '2026-03-01', to: '2026-03-31' }), undefined);
});

test('the chart’s granularity: the one chosen where the range allows it, else the one the range is best drawn in', () => {
  const day = { from: '2026-11-10', to: '2026-11-10' };
  const month = { from: '2026-11-01', to: '2026-11-30' };
  const year = { from: '2026-01-01', to: '2026-12-31' };
  assert.deepEqual(chartIntervalsFor(year), ['day', 'week', 'month']);
  assert.equal(chartInterval('hour', year), 'month', 'hours are refused past 92 days');
  assert.equal(chartInterval('week', day), 'week');
  assert.equal(chartInterval('minute', day), 'hour', 'not a granularity of the chart');
  assert.deepEqual(
    [day, month, year].map((range) => chartInterval(undefined, range)),
    ['hour', 'day', 'month'],
  );
  assert.equal(chartInterval('day', year), 'day', 'a year by days when asked');
});

test('a link condition is read back as written; one the contract refuses is nothing', () => {
  const conditions: LinkCondition[] = [
    { dimension: 'country', operator: 'is', value: 'DE' },
    { dimension: 'page', operator: 'does_not_contain', value: '/a:b' },
    { dimension: 'utm_source', operator: 'is', value: 'matches:x' },
  ];
  assert.deepEqual(conditions.map(writeLinkCondition), [
    'country:DE',
    'page:does_not_contain:/a:b',
    'utm_source:is:matches:x',
  ]);
  assert.deepEqual(conditions.map(writeLinkCondition).map(parseLinkCondition), conditions);
  for (const refused of ['planet:Mars', 'country:matches:D*', 'nocolon', ':x', 'constructor:x'])
    assert.equal(parseLinkCondition(refused), undefined, refused);
});

test('the arrows move a view by its own length: whole months by months, other ranges by days, never past today', () => {
  const today = '2026-12-04';
  const period = (name: Parameters<typeof periodDays>[0]) => periodDays(name, undefined, today);
  // The last 30 days: the 30 before them, and back.
  const earlier = steppedDays('30d', period('30d'), -1, today)!;
  assert.deepEqual(earlier, { from: '2026-10-06', to: '2026-11-04' });
  assert.deepEqual(steppedDays('custom', earlier, 1, today), period('30d'));
  assert.equal(steppedDays('30d', period('30d'), 1, today), undefined, 'nothing after today yet');
  assert.deepEqual(steppedDays('today', period('today'), -1, today), period('yesterday'));
  // This month so far: the whole month before; from there, this month so far again.
  const november = steppedDays('month', period('month'), -1, today)!;
  assert.deepEqual(november, { from: '2026-11-01', to: '2026-11-30' });
  assert.deepEqual(steppedDays('custom', november, 1, today), period('month'));
  assert.deepEqual(steppedDays('custom', november, -1, today), { from: '2026-10-01', to: '2026-10-31' });
  assert.deepEqual(steppedDays('custom', { from: '2026-03-01', to: '2026-03-31' }, -1, today), {
    from: '2026-02-01',
    to: '2026-02-28',
  });
  // This year so far and the last 12 months: whole years' worth of months before them.
  assert.deepEqual(steppedDays('year', period('year'), -1, today), { from: '2025-01-01', to: '2025-12-31' });
  assert.deepEqual(steppedDays('12mo', periodDays('12mo', undefined, '2026-03-15'), -1, '2026-03-15'), {
    from: '2024-04-01',
    to: '2025-03-31',
  });
  // The last 7 days on a month's 7th are seven days, not a month so far.
  assert.deepEqual(steppedDays('7d', periodDays('7d', undefined, '2026-12-07'), -1, '2026-12-07'), {
    from: '2026-11-24',
    to: '2026-11-30',
  });
  // A custom week: the week before or after, the later one cut at today.
  assert.deepEqual(steppedDays('custom', { from: '2026-11-10', to: '2026-11-16' }, -1, today), {
    from: '2026-11-03',
    to: '2026-11-09',
  });
  assert.deepEqual(steppedDays('custom', { from: '2026-11-26', to: '2026-12-02' }, 1, today), {
    from: '2026-12-03',
    to: '2026-12-04',
  });
});

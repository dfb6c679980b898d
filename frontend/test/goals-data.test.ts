import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { Goal, GoalConversion } from '../src/overview/api.js';
import { chosenGoal, conversionLines, describeGoal, goalSummaries } from '../src/goals/goals-data.js';

const goal = (id: number, name: string, changes: Partial<Goal> = {}): Goal => ({
  id,
  siteId: 1,
  name,
  kind: 'page',
  match: '/pricing',
  propertyKey: null,
  propertyValue: null,
  scrollDepth: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  ...changes,
});

const converted = (
  goalOf: Goal,
  conversions: number,
  rate: number,
  change: { conversions: number | null; conversion_rate: number | null } | null,
  revenue?: Record<string, string>,
): GoalConversion => ({
  goal: goalOf,
  metrics: { conversions, conversion_rate: rate },
  comparison: null,
  change,
  ...(revenue && { revenue }),
});

test('a goal described in words: a page pattern, an event, an event with its property, a depth scrolled', () => {
  assert.deepEqual(
    [
      describeGoal(goal(1, 'a')),
      describeGoal(goal(2, 'b', { kind: 'event', match: 'signup' })),
      describeGoal(
        goal(3, 'c', { kind: 'event', match: 'signup', propertyKey: 'plan', propertyValue: 'pro' }),
      ),
      describeGoal(goal(4, 'd', { kind: 'scroll', match: '/blog/**', scrollDepth: 75 })),
    ],
    ['Pageview of /pricing', 'Event signup', 'Event signup where plan is pro', 'Scrolled 75% of /blog/**'],
  );
});

test('goal summaries: most conversions first, with their changes and revenue', () => {
  const summaries = goalSummaries(
    [
      converted(goal(1, 'Saw pricing'), 1, 33.33, { conversions: null, conversion_rate: null }),
      converted(
        goal(2, 'Bought', { kind: 'event', match: 'purchase' }),
        2,
        66.67,
        { conversions: 100, conversion_rate: -12.5 },
        { EUR: '19.80' },
      ),
    ],
    'en-US',
  );
  assert.deepEqual(
    summaries.map((s) => [
      s.goal.name,
      s.description,
      s.conversions,
      s.conversionsChange,
      s.rate,
      s.rateChange,
      s.revenue,
    ]),
    [
      ['Bought', 'Event purchase', '2', '+100%', '66.7%', '−13%', { EUR: '19.80' }],
      ['Saw pricing', 'Pageview of /pricing', '1', '—', '33.3%', '—', undefined],
    ],
  );
  assert.equal(
    goalSummaries([converted(goal(1, 'a'), 1, 10, null)])[0].conversionsChange,
    undefined,
    'no comparison, no change',
  );
});

test('conversion lines: only rows that converted, most conversions first', () => {
  const row = (value: string, visitors: number, conversions: number) => ({
    value,
    metrics: { visitors, conversions, conversion_rate: (conversions / visitors) * 100 },
    comparison: null,
  });
  assert.deepEqual(
    conversionLines([row('google', 4, 1), row('', 5, 2), row('bing', 3, 0)], 'referrer_source', 'en-US').map(
      (line) => [line.label, line.visitors, line.conversions, line.rate],
    ),
    [
      ['Direct / none', '5', '2', '40.0%'],
      ['google', '4', '1', '25.0%'],
    ],
  );
});

test('the chosen goal is one of the site’s, by the id in the URL', () => {
  const goals = [goal(3, 'a'), goal(7, 'b')];
  assert.equal(chosenGoal(goals, '7')?.name, 'b');
  assert.equal(chosenGoal(goals, '8'), undefined);
  assert.equal(chosenGoal(goals, null), undefined);
});

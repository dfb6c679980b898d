import assert from 'node:assert/strict';
import { test } from 'vitest';
import {
  comparisonRange,
  DEFAULT_VIEW,
  parseReportView,
  periodRange,
  reportViewSearch,
  withPageOptions,
  withView,
  type ReportView,
} from '../src/routing/report-view.js';

const parse = (search: string) => parseReportView(new URLSearchParams(search));

test('a view survives its own link: written to a query string and read back, it is the same view', () => {
  const view: ReportView = {
    period: 'custom',
    custom: { from: '2026-10-01', to: '2026-10-31' },
    comparison: 'none',
    filters: [
      { dimension: 'country', operator: 'is', value: 'DE' },
      { dimension: 'page', operator: 'is', value: '/docs:api' },
      { dimension: 'referrer', operator: 'does_not_contain', value: 'google' },
    ],
    metric: 'pageviews',
    interval: 'week',
  };
  const search = reportViewSearch(view);
  assert.equal(
    search,
    'period=custom&from=2026-10-01&to=2026-10-31&compare=none&filter=country%3ADE&filter=page%3A%2Fdocs%3Aapi&filter=referrer%3Adoes_not_contain%3Agoogle&metric=pageviews&interval=week',
  );
  assert.deepEqual(parse(search), view);
});

test('the default view is the empty query string, and anything unknown or malformed reads as the default', () => {
  assert.equal(reportViewSearch(DEFAULT_VIEW), '');
  assert.deepEqual(parse(''), DEFAULT_VIEW);
  assert.deepEqual(
    parse('period=fortnight&compare=later&filter=nocolon&filter=planet:Mars&filter=country:contains:D'),
    DEFAULT_VIEW,
  );
  assert.deepEqual(parse('period=custom&from=2026-10-31&to=2026-10-01'), DEFAULT_VIEW, 'dates in reverse');
});

test("periods are days of the site's calendar, and the comparison is the as-long period just before", () => {
  const now = new Date('2026-11-30T02:00:00Z'); // still the 29th in Los Angeles
  const range = (period: ReportView['period']) =>
    periodRange({ ...DEFAULT_VIEW, period }, 'America/Los_Angeles', now);
  assert.deepEqual(range('today'), { from: '2026-11-29', to: '2026-11-29' });
  assert.deepEqual(range('7d'), { from: '2026-11-23', to: '2026-11-29' });
  assert.deepEqual(range('30d'), { from: '2026-10-31', to: '2026-11-29' });
  assert.deepEqual(range('month'), { from: '2026-11-01', to: '2026-11-29' });
  assert.deepEqual(comparisonRange(DEFAULT_VIEW, { from: '2026-03-01', to: '2026-03-31' }), {
    from: '2026-01-29',
    to: '2026-02-28',
  });
  assert.equal(comparisonRange({ ...DEFAULT_VIEW, comparison: 'none' }, range('7d')), undefined);
});

test("a page's own options survive a change of view, and a change of options keeps the view", () => {
  const search = new URLSearchParams('period=30d&step=%2F&step=%2Fpricing&window=60');
  const changed = withView(search, { ...parse(search.toString()), comparison: 'none' });
  assert.equal(changed, 'period=30d&compare=none&step=%2F&step=%2Fpricing&window=60');
  assert.equal(
    withPageOptions(new URLSearchParams(changed), { step: ['/a', '/b', '/c'], window: undefined }),
    'period=30d&compare=none&step=%2Fa&step=%2Fb&step=%2Fc',
  );
  assert.throws(() => withPageOptions(search, { period: 'today' }), /belongs to the report view/);
});

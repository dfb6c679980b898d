import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { Widget } from '../src/dashboards/api.js';
import {
  embedSnippet,
  sharedLinkUrl,
  viewCaption,
  widgetKindsFor,
  widgetReport,
  widgetTitle,
} from '../src/dashboards/dashboards-data.js';

const widget = (changes: Partial<Widget>): Widget => ({
  id: 4,
  reportKey: 'overview',
  query: '',
  kind: 'metrics',
  dimension: null,
  width: 1,
  position: 0,
  ...changes,
});

/** 2026-11-30 23:30 UTC: already December 1st in Berlin. */
const NOW = new Date('2026-11-30T23:30:00Z');

test('a widget asks for its saved view as the page did: the days in the site’s zone, comparison, filters, live up to today', () => {
  assert.deepEqual(
    widgetReport(widget({ query: 'period=30d&filter=country:DE&metric=pageviews' }), 7, 'UTC', NOW),
    {
      request: {
        siteId: 7,
        range: { from: '2026-11-01', to: '2026-11-30' },
        comparison: { from: '2026-10-02', to: '2026-10-31' },
        filters: [{ dimension: 'country', operator: 'is', value: 'DE' }],
        live: true,
      },
      metric: 'pageviews',
      interval: 'day',
    },
  );
  assert.deepEqual(widgetReport(widget({ query: 'period=today&compare=none' }), 7, 'Europe/Berlin', NOW), {
    request: {
      siteId: 7,
      range: { from: '2026-12-01', to: '2026-12-01' },
      comparison: undefined,
      filters: [],
      live: true,
    },
    metric: 'visitors',
    interval: 'hour',
  });
  // A page that draws no comparison asks for none, saved in its view or not (nor does one this panel lacks).
  for (const reportKey of ['retention', 'errors', 'a-newer-page'])
    assert.equal(
      widgetReport(widget({ reportKey, query: 'period=30d' }), 7, 'UTC', NOW).request.comparison,
      undefined,
    );
  // Days that end before the site's today are final: nothing reads them again.
  assert.equal(widgetReport(widget({ query: 'period=last_month' }), 7, 'UTC', NOW).request.live, false);
  // A metric the cards don't have falls back to visitors, as the overview does.
  assert.equal(widgetReport(widget({ query: 'metric=revenue' }), 7, 'UTC', NOW).metric, 'visitors');
});

test('a widget says what it shows and of which view', () => {
  assert.equal(viewCaption('', 'en-US'), 'Last 7 days');
  assert.equal(
    viewCaption(
      'period=custom&from=2026-11-20&to=2026-11-20&filter=referrer_source:&filter=country:is_not:DE',
      'en-US',
    ),
    'Nov 20, 2026 · Source is Direct / none · Country is not Germany',
  );
  assert.equal(
    viewCaption('period=last_month&compare=year', 'en-US'),
    'Last month · against the same days last year',
  );
  assert.equal(
    viewCaption('period=custom&from=2026-11-01&to=2026-11-20', 'en-US'),
    'Nov 1\u2009–\u200920, 2026',
  );
  assert.equal(viewCaption('period=custom&from=2026-11-01&to=2026-11-20', 'de-DE'), '01.–20.11.2026');
  assert.equal(widgetTitle(widget({ kind: 'breakdown', dimension: 'country' }), 'Overview'), 'Country');
  assert.equal(widgetTitle(widget({ kind: 'chart' }), 'Overview'), 'Time chart');
  assert.equal(widgetTitle(widget({ kind: 'link', reportKey: 'funnels' }), 'Funnels'), 'Funnels');
  assert.equal(sharedLinkUrl('https://stats.shop.test', 'shr_abc'), 'https://stats.shop.test/shared/shr_abc');
});

test("a shared link's embed code frames its page's embedded form, as tall as the page says it is", () => {
  const [frame, script] = embedSnippet('https://stats.shop.test/shared/shr_abc').split('\n');
  assert.equal(
    frame,
    '<iframe src="https://stats.shop.test/shared/shr_abc?embed=true" title="Analytics dashboard" ' +
      'loading="lazy" style="width: 100%; height: 1600px; border: 0"></iframe>',
  );
  assert.match(script, /^<script>addEventListener\("message", .*<\/script>$/);
  assert.ok(script.includes(`iframe[src="https://stats.shop.test/shared/shr_abc?embed=true"]`));
  assert.ok(script.includes('e.source === f.contentWindow'), "only the frame's own messages");
});

test('a funnels view is saved as its funnel first; no other page offers a funnel widget', () => {
  assert.deepEqual(widgetKindsFor('funnels'), ['funnel', 'metrics', 'chart', 'breakdown', 'link']);
  assert.deepEqual(widgetKindsFor('overview'), ['metrics', 'chart', 'breakdown', 'link']);
});

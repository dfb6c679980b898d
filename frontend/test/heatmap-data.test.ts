import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { HeatmapReport } from '../src/heatmap/api.js';
import {
  denseAreas,
  elementLines,
  elementsCsv,
  framingNotice,
  heatmapOptionsSearch,
  parseHeatmapOptions,
  placeCells,
  scrollLines,
  stageHeight,
  totalClicks,
} from '../src/heatmap/heatmap-data.js';

const REPORT: HeatmapReport = {
  siteId: 1,
  from: '2026-11-20',
  to: '2026-11-20',
  timezone: 'UTC',
  page: '/pricing',
  viewport: 'desktop',
  grid: { columns: 50, rowPx: 50 },
  cells: [
    { column: 25, row: 2, clicks: 4 },
    { column: 0, row: 20, clicks: 1 },
  ],
  elements: [
    { fingerprint: 'f-buy', name: 'Buy now', nameSource: 'manual', clicks: 4, visitors: 3 },
    { fingerprint: 'f-docs', name: 'a#docs', nameSource: 'heuristic', clicks: 1, visitors: 1 },
  ],
  scroll: {
    views: 3,
    depths: [
      { depth: 25, views: 3, percent: 100 },
      { depth: 50, views: 2, percent: 66.7 },
      { depth: 75, views: 1, percent: 33.3 },
      { depth: 100, views: 0, percent: 0 },
    ],
  },
};

test('the heatmap options: page and viewport from the URL, desktop by default and left out', () => {
  assert.deepEqual(parseHeatmapOptions(new URLSearchParams('')), { page: undefined, viewport: 'desktop' });
  assert.deepEqual(parseHeatmapOptions(new URLSearchParams('page=/pricing&viewport=mobile')), {
    page: '/pricing',
    viewport: 'mobile',
  });
  assert.deepEqual(parseHeatmapOptions(new URLSearchParams('page=pricing&viewport=watch')), {
    page: undefined,
    viewport: 'desktop',
  });
  assert.deepEqual(heatmapOptionsSearch({ page: '/pricing', viewport: 'desktop' }), {
    page: '/pricing',
    viewport: undefined,
  });
  assert.deepEqual(heatmapOptionsSearch({ page: '/', viewport: 'tablet' }), {
    page: '/',
    viewport: 'tablet',
  });
});

test('cells placed at the viewport’s width, with their density against the densest; the stage reaches past the lowest click', () => {
  assert.deepEqual(placeCells(REPORT, 1280), [
    { x: 640, y: 100, width: 25.6, height: 50, clicks: 4, density: 1 },
    { x: 0, y: 1000, width: 25.6, height: 50, clicks: 1, density: 0.25 },
  ]);
  // A cell of one click among a hundred is still drawn, at the faintest density.
  const sparse = placeCells(
    { ...REPORT, cells: [{ ...REPORT.cells[0], clicks: 100 }, REPORT.cells[1]] },
    1280,
  );
  assert.equal(sparse[1].density, 0.2);
  // Row 20 ends at 1050 px; two rows more: 1150, past the desktop screen's 800.
  assert.equal(stageHeight(REPORT, 'desktop'), 1150);
  assert.equal(stageHeight({ ...REPORT, cells: [] }, 'mobile'), 844);
});

test('the densest areas in words, the elements’ share of the clicks, the scroll bars', () => {
  assert.deepEqual(denseAreas(REPORT, 5, 'en-US'), [
    { across: '50–52%', down: '100–150 px', clicks: 4 },
    { across: '0–2%', down: '1,000–1,050 px', clicks: 1 },
  ]);
  assert.deepEqual(
    denseAreas(REPORT, 1, 'de-DE').map((area) => area.across),
    ['50–52\u00a0%'],
    'the percent sign as the reader’s locale writes it',
  );
  assert.equal(totalClicks(REPORT), 5);
  assert.deepEqual(elementLines(REPORT.elements, 5), [
    {
      fingerprint: 'f-buy',
      name: 'Buy now',
      nameSource: 'manual',
      clicks: 4,
      visitors: 3,
      percent: 80,
      share: 80,
    },
    {
      fingerprint: 'f-docs',
      name: 'a#docs',
      nameSource: 'heuristic',
      clicks: 1,
      visitors: 1,
      percent: 20,
      share: 20,
    },
  ]);
  assert.equal(elementLines(REPORT.elements, 0)[0].percent, 0);
  assert.equal(
    elementsCsv(elementLines(REPORT.elements, 5)),
    '"fingerprint","name","clicks","visitors","percent"\n"f-buy","Buy now",4,3,80\n"f-docs","a#docs",1,1,20\n',
  );
  assert.deepEqual(
    scrollLines(REPORT.scroll).map((line) => [line.depth, line.views, line.share]),
    [
      [25, 3, 100],
      [50, 2, 66.7],
      [75, 1, 33.3],
      [100, 0, 0],
    ],
  );
});

test('the framing notice says what is shown, or why only an outline', () => {
  const url = 'https://shop.test/pricing';
  assert.equal(
    framingNotice({ url, framable: true, reason: 'framable' }, '/pricing', 1280),
    'https://shop.test/pricing, shown without its scripts (parts a script draws may be missing), 1280 px wide.',
  );
  assert.equal(
    framingNotice({ url, framable: false, reason: 'x_frame_options' }, '/pricing', 390),
    'https://shop.test/pricing cannot be shown here: it sends X-Frame-Options. Clicks are drawn over an outline of the page, 390 px wide.',
  );
  assert.equal(
    framingNotice({ url: null, framable: false, reason: 'pattern' }, '/blog/**', 820),
    '/blog/** is a pattern, not one page. Clicks are drawn over an outline of the page, 820 px wide.',
  );
  assert.equal(
    framingNotice(undefined, '/pricing', 1280),
    'Could not check whether /pricing can be shown here. Clicks are drawn over an outline of the page, 1280 px wide.',
  );
});

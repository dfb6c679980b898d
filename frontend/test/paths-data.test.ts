import assert from 'node:assert/strict';
import { test } from 'vitest';
import {
  flowHeight,
  flowItems,
  parsePathsOptions,
  pathsOptionsSearch,
  ribbonPaths,
  ROW_PITCH,
  topPathLines,
} from '../src/paths/paths-data.js';

test('the paths options: read from the URL with defaults for anything unknown, written without the defaults', () => {
  assert.deepEqual(parsePathsOptions(new URLSearchParams('')), {
    page: undefined,
    view: 'flow',
    direction: 'from',
    steps: 5,
  });
  const options = parsePathsOptions(new URLSearchParams('page=/blog/**&show=top&direction=to&steps=3'));
  assert.deepEqual(options, { page: '/blog/**', view: 'top', direction: 'to', steps: 3 });
  assert.deepEqual(pathsOptionsSearch(options), {
    page: '/blog/**',
    show: 'top',
    direction: 'to',
    steps: '3',
  });
  // A page without its slash, steps out of the API's range, an unknown view: the defaults.
  assert.deepEqual(parsePathsOptions(new URLSearchParams('page=pricing&show=sankey&direction=up&steps=9')), {
    page: undefined,
    view: 'flow',
    direction: 'from',
    steps: 5,
  });
  assert.deepEqual(pathsOptionsSearch({ page: '/', view: 'flow', direction: 'from', steps: 5 }), {
    page: '/',
    show: undefined,
    direction: undefined,
    steps: undefined,
  });
});

test('the flow’s neighbours: markers named for people and not pages to centre on, bars as long as the percent', () => {
  assert.deepEqual(
    flowItems([
      { page: '/checkout', visits: 2, percent: 66.7 },
      { page: 'exit', visits: 1, percent: 33.3 },
    ]),
    [
      { page: '/checkout', label: '/checkout', marker: false, visits: 2, percent: 66.7, share: 66.7 },
      { page: 'exit', label: 'Left the site', marker: true, visits: 1, percent: 33.3, share: 33.3 },
    ],
  );
  assert.equal(flowItems([{ page: 'entry', visits: 3, percent: 100 }])[0].label, 'Entered the site');
});

test('the ribbons: one band per neighbour from its row’s middle, stacked by visits at the chosen page', () => {
  const items = flowItems([
    { page: '/checkout', visits: 3, percent: 75 },
    { page: 'exit', visits: 1, percent: 25 },
  ]);
  const height = flowHeight(items.length, 1);
  assert.equal(height, 2 * ROW_PITCH);
  // The stack is 80% of 128 = 102.4 units: 76.8 for 3 visits, 25.6 for 1, centred at 64 (12.8 to 115.2);
  // at its row (middle 32) the first band narrows to the row's 48.
  assert.deepEqual(ribbonPaths(items, 'previous', height), [
    'M0 8 C50 8 50 12.8 100 12.8 L100 89.6 C50 89.6 50 56 0 56 Z',
    'M0 83.2 C50 83.2 50 89.6 100 89.6 L100 115.2 C50 115.2 50 108.8 0 108.8 Z',
  ]);
  // After the page, mirrored: the page's side at x 0, the neighbours' at 100.
  assert.equal(
    ribbonPaths(items, 'next', height)[1],
    'M100 83.2 C50 83.2 50 89.6 0 89.6 L0 115.2 C50 115.2 50 108.8 100 108.8 Z',
  );
  assert.deepEqual(ribbonPaths([], 'next', ROW_PITCH), []);
});

test('top paths: steps with markers named, each path’s share of the visits that viewed the page', () => {
  assert.deepEqual(
    topPathLines(
      [
        { pages: ['/pricing', '/checkout', 'exit'], visits: 2 },
        { pages: ['/pricing', 'exit'], visits: 1 },
      ],
      3,
    ),
    [
      {
        steps: [
          { page: '/pricing', label: '/pricing', marker: false },
          { page: '/checkout', label: '/checkout', marker: false },
          { page: 'exit', label: 'Left the site', marker: true },
        ],
        visits: 2,
        percent: 66.7,
        share: 66.7,
      },
      {
        steps: [
          { page: '/pricing', label: '/pricing', marker: false },
          { page: 'exit', label: 'Left the site', marker: true },
        ],
        visits: 1,
        percent: 33.3,
        share: 33.3,
      },
    ],
  );
  assert.equal(topPathLines([{ pages: ['/'], visits: 1 }], 0)[0].percent, 0);
});

import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { Engagement } from '../src/overview/api.js';
import { BREAKDOWN_CARDS } from '../src/overview/breakdown-data.js';
import {
  filtersByPage,
  readingCards,
  readingCells,
  readingsByPage,
  showsReading,
} from '../src/overview/reading-data.js';

const reading = (views: number, timeOnPage: number, scrollDepth: number): Engagement => ({
  views,
  timeOnPage,
  scrollDepth,
});

test("a page's reading in its detail row: time on page and scroll depth, a dash where none was reported", () => {
  const [pages, sources] = BREAKDOWN_CARDS;
  assert.deepEqual(pages.tabs.map(showsReading), [true, false, false], 'top pages, not entry or exit pages');
  assert.equal(sources.tabs.some(showsReading), false);
  const readings = readingsByPage({
    siteId: 1,
    from: '2026-11-10',
    to: '2026-11-16',
    timezone: 'UTC',
    overall: reading(3, 50, 70),
    rows: [
      { value: '/pricing', ...reading(2, 75, 64) },
      { value: '/embed', ...reading(1, 4, 0) },
    ],
    truncated: false,
  });
  assert.deepEqual(readingCells(readings.get('/pricing'), 'en-US'), ['1m 15s', '64%']);
  assert.deepEqual(readingCells(readings.get('/embed'), 'en-US'), ['4s', '—'], 'no depth measured');
  assert.deepEqual(readingCells(readings.get('/never-read'), 'en-US'), ['—', '—']);
  assert.deepEqual(readingCells(reading(0, 0, 0), 'en-US'), ['—', '—']);
});

test('filtered by page, the metric cards show its reading, changed against the comparison', () => {
  assert.equal(filtersByPage([{ dimension: 'country', operator: 'is', value: 'DE' }]), false);
  assert.equal(
    filtersByPage([{ dimension: 'page', operator: 'is_not', value: '/admin' }]),
    false,
    'a page left out chooses no page',
  );
  assert.equal(
    filtersByPage([
      { dimension: 'country', operator: 'is', value: 'DE' },
      { dimension: 'page', operator: 'contains', value: '/blog' },
    ]),
    true,
  );
  const shown = (cards: ReturnType<typeof readingCards>) =>
    cards.map(({ label, value, change, trend, loading }) => [label, value, change, trend, loading]);
  assert.deepEqual(shown(readingCards(reading(4, 90, 60), reading(2, 60, 66), true, 'en-US')), [
    ['Time on page', '1m 30s', '+50%', 'better', false],
    ['Scroll depth', '60%', '−9%', 'worse', false],
  ]);
  assert.deepEqual(
    shown(readingCards(reading(4, 90, 60), reading(0, 0, 0), true, 'en-US')),
    [
      ['Time on page', '1m 30s', '—', 'flat', false],
      ['Scroll depth', '60%', '—', 'flat', false],
    ],
    'nothing read in the comparison: no change',
  );
  assert.deepEqual(
    shown(readingCards(reading(4, 90, 0), reading(2, 60, 66), true, 'en-US'))[1],
    ['Scroll depth', '—', '—', 'flat', false],
    'no depth measured now: no change from the depth before',
  );
  assert.deepEqual(
    shown(readingCards(undefined, undefined, true, 'en-US')),
    [
      ['Time on page', '…', undefined, 'flat', true],
      ['Scroll depth', '…', undefined, 'flat', true],
    ],
    'loading',
  );
  assert.deepEqual(
    shown(readingCards(reading(4, 90, 60), undefined, true, 'en-US')).map(([, , change]) => change),
    [undefined, undefined],
    "no change until the comparison's reading is in",
  );
  assert.deepEqual(
    shown(readingCards(reading(4, 90, 60), undefined, false, 'en-US')).map(([, , change]) => change),
    [undefined, undefined],
    'no comparison',
  );
});

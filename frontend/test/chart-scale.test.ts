import assert from 'node:assert/strict';
import { test } from 'vitest';
import {
  bucketTick,
  bucketTitle,
  countScale,
  percentScale,
  tickSpace,
  valueAxisSplits,
  valueAxisTop,
} from '../src/shared/chart-scale.js';

test('buckets under the axis: the time of hours, the day where one begins, days, weeks and months', () => {
  assert.deepEqual(
    [
      bucketTick('2026-11-10 14:00', 'hour', 'en-GB'),
      bucketTick('2026-11-10 00:00', 'hour', 'en-GB'),
      bucketTick('2026-11-10 14:05', 'minute', 'en-GB'),
      bucketTick('2026-11-10', 'day', 'en-US'),
      bucketTick('2026-11-09', 'week', 'en-US'),
      bucketTick('2026-11-01', 'month', 'en-US'),
      bucketTick('2026-11-10', 'day', 'de-DE'),
    ],
    ['14:00', '10 Nov', '14:05', 'Nov 10', 'Nov 9', 'Nov 2026', '10. Nov.'],
  );
});

test('buckets in full, as the legend names the one pointed at, with no time zone moving them', () => {
  assert.deepEqual(
    [
      bucketTitle('2026-11-10 23:00', 'hour', 'en-GB'),
      bucketTitle('2026-11-10', 'day', 'en-US'),
      bucketTitle('2026-11-09', 'week', 'en-US'),
      bucketTitle('2026-11-01', 'month', 'en-US'),
      bucketTitle('2026-11-01', 'month', 'de-DE'),
    ],
    ['Tue 10 Nov, 23:00', 'Tue, Nov 10, 2026', 'Week of Nov 9, 2026', 'November 2026', 'November 2026'],
  );
});

test('counts: grouped in the legend, short on the axis, in whole steps', () => {
  const counts = countScale('de-DE');
  assert.deepEqual(
    [counts.value(1234), counts.axis(1234), counts.axis(2500000)],
    ['1.234', '1234', '2,5\u00a0Mio.'],
  );
  assert.ok(counts.steps?.every(Number.isInteger));
  assert.deepEqual(counts.steps?.slice(0, 7), [1, 2, 5, 10, 20, 50, 100]);
});

test('the time axis keeps its widest label and a gap, never less than the 50 px uPlot keeps', () => {
  const width = (label: string) => label.length * 7.5;
  assert.equal(tickSpace(['06:00 AM', '12:00 PM', 'Nov 10'], width), 76);
  assert.equal(tickSpace(['1', '2'], width), 50);
  assert.equal(tickSpace([], width), 50);
});

test('the value axis: its top a whole step above the peak, so the top line is labelled; percents stop at 100', () => {
  const counts = countScale('en-US');
  // The demo's visitors a day peak near 1.1K: a top of 1,210 (1.1 × the peak) left 1K the last label.
  assert.equal(valueAxisTop(1100, counts), 1500);
  assert.deepEqual(valueAxisSplits(1500, counts.steps), [0, 500, 1000, 1500]);
  // An error's 18 occurrences a day: 0 to 20 by 5, never a step of half an occurrence.
  assert.equal(valueAxisTop(18, counts), 20);
  assert.deepEqual(valueAxisSplits(20, counts.steps), [0, 5, 10, 15, 20]);
  assert.equal(valueAxisTop(0, counts), 1);
  // A rate's axis ends at 100% however close its peak; below, at a whole step above it.
  const percents = percentScale('en-US');
  assert.equal(valueAxisTop(100, percents), 100);
  assert.deepEqual(valueAxisSplits(100, percents.steps), [0, 20, 40, 60, 80, 100]);
  assert.equal(valueAxisTop(44, percents), 50);
  // Views per visit, without steps of its own: tenths.
  assert.equal(valueAxisTop(2.61), 3);
  assert.deepEqual(valueAxisSplits(3), [0, 1, 2, 3]);
  assert.equal(valueAxisTop(0.34), 0.4);
  assert.deepEqual(valueAxisSplits(0.4), [0, 0.1, 0.2, 0.3, 0.4]);
});

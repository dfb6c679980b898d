import assert from 'node:assert/strict';
import { test } from 'vitest';
import { bucketTick, bucketTitle, countScale, tickSpace } from '../src/shared/chart-scale.js';

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

import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { Vital, VitalsRow } from '../src/vitals/api.js';
import {
  formatVital,
  ratingShares,
  vitalRating,
  vitalsDimension,
  vitalsRows,
  vitalsSort,
  vitalsSortDirection,
} from '../src/vitals/vitals-data.js';

test('a p75 is rated by the Core Web Vitals thresholds, good including the threshold', () => {
  assert.equal(vitalRating('lcp', 2500), 'good');
  assert.equal(vitalRating('lcp', 2501), 'needs-improvement');
  assert.equal(vitalRating('lcp', 4000), 'needs-improvement');
  assert.equal(vitalRating('lcp', 4001), 'poor');
  assert.equal(vitalRating('inp', 200), 'good');
  assert.equal(vitalRating('inp', 500), 'needs-improvement');
  assert.equal(vitalRating('inp', 501), 'poor');
  assert.equal(vitalRating('cls', 0.1), 'good');
  assert.equal(vitalRating('cls', 0.25), 'needs-improvement');
  assert.equal(vitalRating('cls', 0.3), 'poor');
  assert.equal(vitalRating('cls', null), 'none');
});

test('LCP reads in seconds, INP in milliseconds, CLS unitless; nothing measured is a dash', () => {
  assert.equal(formatVital('lcp', 2350, 'en'), '2.35 s');
  assert.equal(formatVital('inp', 180, 'en'), '180 ms');
  assert.equal(formatVital('cls', 0.05, 'en'), '0.05');
  assert.equal(formatVital('lcp', null, 'en'), '—');
});

const vital = (p75: number | null): Vital => ({ samples: 1, p75, good: 50, needsImprovement: 25, poor: 25 });
const row = (value: string, engagements: number, lcp: number | null): VitalsRow => ({
  value,
  engagements,
  lcp: vital(lcp),
  inp: vital(100),
  cls: vital(0),
});

test('rows sort by the column chosen, worst p75 first, unmeasured last; options from a link fall back safely', () => {
  const rows = [row('/a', 3, 1000), row('/b', 5, null), row('/c', 1, 5000)];
  const values = (sorted: VitalsRow[]) => sorted.map((one) => one.value);
  assert.deepEqual(values(vitalsRows(rows, 'engagements')), ['/b', '/a', '/c']);
  assert.deepEqual(values(vitalsRows(rows, 'lcp')), ['/c', '/a', '/b']);
  assert.deepEqual(values(vitalsRows(rows, 'value')), ['/a', '/b', '/c']);
  assert.equal(vitalsSort('cls'), 'cls');
  assert.equal(vitalsSort('x'), 'engagements');
  assert.deepEqual(
    [vitalsSortDirection('value'), vitalsSortDirection('lcp'), vitalsSortDirection('engagements')],
    ['ascending', 'descending', 'descending'],
  );
  assert.equal(vitalsDimension('device'), 'device');
  assert.equal(vitalsDimension('browser'), 'page');
  assert.deepEqual(ratingShares(vital(1)), [
    { rating: 'good', percent: 50 },
    { rating: 'needs-improvement', percent: 25 },
    { rating: 'poor', percent: 25 },
  ]);
});

import assert from 'node:assert/strict';
import { test } from 'vitest';
import {
  formatChange,
  formatCount,
  formatCountOf,
  formatDate,
  formatDateRange,
  formatDateTime,
  formatDecimal,
  formatDuration,
  formatNumber,
  formatMoney,
  formatPercent,
  formatTimeAgo,
} from '../src/shared/format.js';

/** formatRange's separator: an en dash between thin spaces. */
const DASH = '\u2009–\u2009';

test('numbers and percentages in the reader’s locale', () => {
  assert.deepEqual(
    [formatCount(1234567.4, 'en-US'), formatCount(1234567.4, 'de-DE'), formatCount(1234567.4, 'fr-FR')],
    ['1,234,567', '1.234.567', '1\u202f234\u202f567'],
  );
  assert.deepEqual(
    [
      formatCountOf(1, 'visitor', 'en-US'),
      formatCountOf(0, 'visitor', 'en-US'),
      formatCountOf(1200, 'pageview', 'de-DE'),
    ],
    ['1 visitor', '0 visitors', '1.200 pageviews'],
  );
  assert.deepEqual([formatDecimal(2.5, 2, 'en-US'), formatDecimal(2.5, 2, 'de-DE')], ['2.50', '2,50']);
  assert.deepEqual([formatNumber(1.333, 2, 'en-US'), formatNumber(2, 2, 'en-US')], ['1.33', '2']);
  assert.deepEqual([formatPercent(66.7, 'en-US'), formatPercent(66.7, 'de-DE')], ['66.7%', '66,7\u00a0%']);
  assert.deepEqual(
    [
      formatChange(12.4, 'en-US'),
      formatChange(-5, 'en-US'),
      formatChange(0, 'en-US'),
      formatChange(null, 'en-US'),
    ],
    ['+12%', '−5%', '0%', '—'],
  );
  assert.equal(formatChange(-5, 'de-DE'), '−5\u00a0%');
});

test('durations in their two largest units, in the reader’s unit names', () => {
  assert.deepEqual(
    [formatDuration(42.4, 'en-US'), formatDuration(65, 'en-US'), formatDuration(3725, 'en-US')],
    ['42s', '1m 05s', '1h 02m'],
  );
  assert.equal(formatDuration(185, 'de-DE'), '3 Min. 05 Sek.');
});

test('a report’s days as the reader writes a span of dates; one day alone; instants to the second', () => {
  assert.deepEqual(
    [
      formatDateRange({ from: '2026-11-10', to: '2026-11-16' }, 'en-US'),
      formatDateRange({ from: '2026-10-28', to: '2026-11-03' }, 'en-US'),
      formatDateRange({ from: '2026-11-10', to: '2026-11-10' }, 'en-US'),
      formatDateRange({ from: '2026-11-10', to: '2026-11-16' }, 'de-DE'),
    ],
    [`Nov 10${DASH}16, 2026`, `Oct 28${DASH}Nov 3, 2026`, 'Nov 10, 2026', '10.–16.11.2026'],
  );
  assert.equal(formatDateTime('2026-11-20T10:00:05Z', 'en-US', 'UTC'), 'Nov 20, 2026, 10:00:05 AM');
  assert.equal(formatDateTime('2026-11-20T10:00:05Z', 'de-DE', 'Europe/Berlin'), '20.11.2026, 11:00:05');
  assert.equal(formatDate('2026-11-20T23:30:00Z', 'en-GB', 'UTC'), '20 Nov 2026');
});

test("money: exact to the last digit of its decimal string, in the reader's words", () => {
  assert.equal(formatMoney('119.8025', 'EUR', 'en-US'), '€119.8025');
  assert.equal(formatMoney('0.5', 'USD', 'en-US'), '$0.50');
  assert.equal(formatMoney('12345678901.10', 'JPY', 'en-US'), '¥12,345,678,901.10');
  assert.equal(formatMoney('99999999999.9999', 'EUR', 'de-DE'), '99.999.999.999,9999\u00a0€');
});

test("a time ago in its largest whole unit, in the reader's words", () => {
  const now = new Date('2026-12-07T12:00:00Z');
  assert.deepEqual(
    ['2026-12-07T12:00:00Z', '2026-12-07T12:00:03Z', '2026-12-07T11:59:48Z', '2026-12-07T11:57:00Z'].map(
      (instant) => formatTimeAgo(instant, now, 'en-US'),
    ),
    ['now', 'now', '12 seconds ago', '3 minutes ago'],
  );
  assert.equal(formatTimeAgo('2026-12-07T09:30:00Z', now, 'en-US'), '2 hours ago');
  assert.equal(formatTimeAgo('2026-12-06T11:00:00Z', now, 'en-US'), 'yesterday');
  assert.equal(formatTimeAgo('2026-12-02T12:00:00Z', now, 'de-DE'), 'vor 5 Tagen');
});

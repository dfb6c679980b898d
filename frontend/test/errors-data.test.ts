import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { ErrorGroup } from '../src/errors/api.js';
import {
  errorDaySeries,
  errorRows,
  errorSort,
  isNew,
  sampleText,
  sortDirection,
  siteTimeToInstant,
  timeAgo,
} from '../src/errors/errors-data.js';

const group = (name: string, counts: Partial<ErrorGroup>): ErrorGroup => ({
  group: name,
  message: `${name} failed`,
  frame: `at ${name} (app.js:1:2)`,
  occurrences: 1,
  visitors: 1,
  visits: 1,
  firstSeen: '2026-11-20 10:00:00',
  lastSeen: '2026-11-20 10:00:00',
  firstSeenEver: '2026-11-20 10:00:00',
  sampleStack: '',
  pages: [],
  browsers: [],
  ...counts,
});

const GROUPS = [
  group('checkout', { occurrences: 5, visitors: 1, lastSeen: '2026-11-20 09:00:00' }),
  // First seen in the range after checkout, but first seen ever long before it.
  group('avatar', {
    occurrences: 2,
    visitors: 2,
    firstSeen: '2026-11-20 11:00:00',
    firstSeenEver: '2026-09-01 08:00:00',
    lastSeen: '2026-11-21 09:00:00',
  }),
];

test('error groups sort by the column chosen and are searched in their message and top frame, any case', () => {
  const names = (groups: ErrorGroup[]) => groups.map((one) => one.group);
  assert.deepEqual(names(errorRows(GROUPS, '', 'occurrences')), ['checkout', 'avatar']);
  assert.deepEqual(names(errorRows(GROUPS, '', 'visitors')), ['avatar', 'checkout']);
  assert.deepEqual(names(errorRows(GROUPS, '', 'lastSeen')), ['avatar', 'checkout']);
  assert.deepEqual(
    names(errorRows(GROUPS, '', 'firstSeen')),
    ['checkout', 'avatar'],
    'first seen ever, newest first: the older error last though it came later in the range',
  );
  assert.deepEqual(names(errorRows(GROUPS, '', 'message')), ['avatar', 'checkout']);
  assert.deepEqual(names(errorRows(GROUPS, ' CHECKOUT ', 'occurrences')), ['checkout']);
  assert.deepEqual(names(errorRows(GROUPS, 'app.js', 'occurrences')), ['checkout', 'avatar']);
  assert.deepEqual(names(errorRows(GROUPS, 'nothing', 'occurrences')), []);
  assert.equal(errorSort('visits'), 'visits');
  assert.equal(
    errorSort('drop table'),
    'occurrences',
    'an unknown sort in a link falls back to the API order',
  );
  assert.equal(errorSort(null), 'occurrences');
  assert.deepEqual(
    [sortDirection('message'), sortDirection('occurrences'), sortDirection('lastSeen')],
    ['ascending', 'descending', 'descending'],
    'messages read A to Z, counts and times largest first',
  );
});

test('an error is new in the range when it never happened before it', () => {
  assert.deepEqual(
    GROUPS.map((one) => [one.group, isNew(one)]),
    [
      ['checkout', true],
      ['avatar', false],
    ],
  );
});

test("a time of the site's zone is the instant it names, across a daylight-saving change", () => {
  assert.equal(
    new Date(siteTimeToInstant('2026-11-20 17:30:05', 'UTC')).toISOString(),
    '2026-11-20T17:30:05.000Z',
  );
  assert.equal(
    new Date(siteTimeToInstant('2026-11-20 17:30:05', 'Europe/Berlin')).toISOString(),
    '2026-11-20T16:30:05.000Z',
  );
  assert.equal(
    new Date(siteTimeToInstant('2026-07-01 02:00:00', 'America/New_York')).toISOString(),
    '2026-07-01T06:00:00.000Z',
  );
  // The first hour after Berlin's clocks went back (25 Oct 2026, 03:00 CEST → 02:00 CET).
  assert.equal(
    new Date(siteTimeToInstant('2026-10-25 04:00:00', 'Europe/Berlin')).toISOString(),
    '2026-10-25T03:00:00.000Z',
  );
  assert.equal(
    new Date(siteTimeToInstant('2026-11-20 17:30:05', 'Not/AZone')).toISOString(),
    '2026-11-20T17:30:05.000Z',
    'a zone the browser lacks reads as UTC',
  );
});

test('how long ago, in the largest whole unit', () => {
  const now = Date.parse('2026-11-20T12:00:00Z');
  const ago = (seconds: number) => timeAgo(now - seconds * 1000, now, 'en');
  assert.equal(ago(20), 'now');
  assert.equal(ago(5 * 60 + 59), '5m ago');
  assert.equal(ago(3 * 3600 + 10), '3h ago');
  assert.equal(ago(2 * 86_400), '2d ago');
  assert.equal(ago(86_400), 'yesterday');
});

test("a group's days become its chart's buckets; a sample without a stack reads as its message and place", () => {
  assert.deepEqual(
    errorDaySeries(
      [
        { day: '2026-11-20', occurrences: 3, visitors: 1, visits: 1 },
        { day: '2026-11-21', occurrences: 0, visitors: 0, visits: 0 },
      ],
      '2026-11-30',
      'en-US',
    ),
    { ticks: ['Nov 20', 'Nov 21'], titles: ['Fri, Nov 20, 2026', 'Sat, Nov 21, 2026'], current: [3, 0] },
  );
  const upToToday = errorDaySeries(
    [{ day: '2026-11-30', occurrences: 1, visitors: 1, visits: 1 }],
    '2026-11-30',
  );
  assert.equal(upToToday.inProgress, 0, 'today, in the site’s zone, is under way');
  const sample = { message: 'Boom', stack: '', script: 'https://shop.test/app.js', line: 4, column: 2 };
  assert.equal(sampleText(sample), 'Boom\n    at https://shop.test/app.js:4:2');
  assert.equal(
    sampleText({ ...sample, stack: 'Error: Boom\n    at f (x.js:1:1)' }),
    'Error: Boom\n    at f (x.js:1:1)',
  );
  assert.equal(sampleText({ ...sample, script: '' }), 'Boom');
});

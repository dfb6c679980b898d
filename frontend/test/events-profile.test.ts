import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { EventsProfile } from '../src/events/api.js';
import {
  profileDetails,
  profileFigures,
  profileTitle,
  profileVisitLines,
  profileVisitsShown,
} from '../src/events/events-profile.js';

const visit = {
  sessionId: 'visit-a',
  started: '2026-11-20 08:00:00',
  ended: '2026-11-20 08:03:05',
  events: 3,
  pageviews: 2,
  entryPage: '/',
  exitPage: '/pricing',
  source: 'Google',
  country: 'DE',
  device: 'mobile',
  browser: 'Safari',
};
const profile: EventsProfile = {
  siteId: 1,
  from: '2026-11-20',
  to: '2026-11-20',
  timezone: 'Europe/Berlin',
  of: 'visitor',
  value: '3f9a2c1b8d7e6f5a4b3c2d1e0f9a8b7c',
  events: 1234,
  pageviews: 3,
  visits: 2,
  firstSeen: '2026-11-20 08:00:00',
  lastSeen: '2026-11-20 17:00:00',
  countries: ['AT', 'DE'],
  devices: ['desktop', 'mobile'],
  browsers: ['Firefox', 'Safari'],
  systems: ['Linux', 'iOS'],
  city: 'Vienna',
  userId: 'u-9',
  visitList: [visit, { ...visit, sessionId: 'visit-b', entryPage: '/docs', exitPage: '/docs', source: '' }],
};

test('whose profile, in words: a visitor and a visit by the start of their ids, a user by theirs', () => {
  assert.equal(profileTitle({ kind: 'visitor', value: profile.value }), 'Visitor 3f9a2c1b…');
  assert.equal(profileTitle({ kind: 'session', value: 'short' }), 'Visit short');
  assert.equal(profileTitle({ kind: 'user', value: 'ada@shop.test' }), 'User ada@shop.test');
});

test('the figures in the site’s zone, where and on what, each detail only where known', () => {
  assert.deepEqual(profileFigures(profile, 'Europe/Berlin', 'en-US'), [
    { label: 'First seen', value: 'Nov 20, 2026, 9:00:00 AM' },
    { label: 'Last seen', value: 'Nov 20, 2026, 6:00:00 PM' },
    { label: 'Visits', value: '2' },
    { label: 'Pageviews', value: '3' },
    { label: 'Events', value: '1,234' },
  ]);
  // A visit is one visit: no count of them; nobody found: no times.
  const none = { ...profile, of: 'session' as const, firstSeen: null, lastSeen: null };
  assert.deepEqual(
    profileFigures(none, 'UTC', 'en-US').map(({ value }) => value),
    ['—', '—', '3', '1,234'],
  );
  assert.deepEqual(profileDetails(profile, 'en-US'), [
    { label: 'Location', value: 'Vienna · Austria, Germany' },
    { label: 'Device', value: 'Desktop, Mobile' },
    { label: 'Browser', value: 'Firefox, Safari' },
    { label: 'System', value: 'Linux, iOS' },
    { label: 'Signed in as', value: 'u-9' },
  ]);
  // A user's profile is theirs already; nothing known is left out.
  assert.deepEqual(
    profileDetails({ ...profile, of: 'user', city: '', countries: [], systems: [] }, 'en-US').map(
      ({ label }) => label,
    ),
    ['Device', 'Browser'],
  );
});

test('their visits: when, how long, from where and through which pages', () => {
  assert.deepEqual(profileVisitLines(profile.visitList, 'Europe/Berlin', 'en-US'), [
    {
      sessionId: 'visit-a',
      started: 'Nov 20, 2026, 9:00:00 AM',
      duration: '3m 05s',
      source: 'Google',
      pages: '/ → /pricing',
      pageviews: '2',
      events: '3',
    },
    {
      sessionId: 'visit-b',
      started: 'Nov 20, 2026, 9:00:00 AM',
      duration: '3m 05s',
      source: 'Direct / none',
      pages: '/docs',
      pageviews: '2',
      events: '3',
    },
  ]);
  assert.equal(profileVisitsShown(profile, 'en-US'), '2 visits');
  assert.equal(profileVisitsShown({ ...profile, visits: 31 }, 'en-US'), 'The newest 2 of 31 visits');
});

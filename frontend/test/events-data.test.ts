import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { StoredEvent } from '../src/events/api.js';
import {
  EVENT_DIMENSIONS,
  eventFields,
  eventOwners,
  eventProperties,
  eventsOfOptions,
  eventTime,
  parseConditions,
  parseEventsOf,
} from '../src/events/events-data.js';

test('explorer conditions: read from the URL as the filter bar reads its own; a visit dimension or junk is left out', () => {
  assert.deepEqual(
    parseConditions([
      'event_name:signup',
      'page:matches:/blog/**',
      'entry_page:is:/',
      'country:like:DE',
      'country:contains:D',
      'nonsense',
    ]),
    [
      { dimension: 'event_name', operator: 'is', value: 'signup' },
      { dimension: 'page', operator: 'matches', value: '/blog/**' },
      { dimension: 'country', operator: 'is', value: 'like:DE' },
    ],
  );
  assert.equal(
    (EVENT_DIMENSIONS as string[]).includes('entry_page'),
    false,
    'a visit dimension the API refuses on events',
  );
  assert.equal(EVENT_DIMENSIONS[0], 'event_name', 'the form starts on the event’s name');
  assert.equal(new Set(EVENT_DIMENSIONS).size, EVENT_DIMENSIONS.length);
});

test("an event's time in the site's zone; its fields without defaults, in the contract's order; its properties", () => {
  assert.equal(eventTime('2026-11-14 23:30:05', 'Europe/Berlin', 'en-GB'), '15 Nov 2026, 00:30:05');
  const event = {
    event_id: '6f1c2a3b-1111-4222-8333-444455556666',
    site_id: 1,
    ts: '2026-11-14 23:30:05',
    name: 'signup',
    hostname: 'shop.test',
    pathname: '/pricing',
    referrer: '',
    is_bot: 0,
    props_keys: ['plan', 'seats'],
    props_values: ['pro', '5'],
    scroll_depth: 0,
  } as unknown as StoredEvent;
  assert.deepEqual(eventFields(event), [
    { name: 'event_id', value: '6f1c2a3b-1111-4222-8333-444455556666' },
    { name: 'site_id', value: '1' },
    { name: 'ts', value: '2026-11-14 23:30:05' },
    { name: 'name', value: 'signup' },
    { name: 'hostname', value: 'shop.test' },
    { name: 'pathname', value: '/pricing' },
  ]);
  assert.deepEqual(eventProperties(event), [
    { name: 'plan', value: 'pro' },
    { name: 'seats', value: '5' },
  ]);
});

test("whose events: the URL's session, visitor or user (the first it holds); an event's visit, visitor and user", () => {
  assert.equal(parseEventsOf(new URLSearchParams('period=7d')), undefined);
  assert.equal(parseEventsOf(new URLSearchParams('session=')), undefined, 'an empty one asks for nothing');
  assert.deepEqual(parseEventsOf(new URLSearchParams('visitor=v1&user=u-7')), {
    kind: 'visitor',
    value: 'v1',
  });
  // Showing one kind clears the others; nothing clears them all.
  assert.deepEqual(eventsOfOptions({ kind: 'user', value: 'u-7' }), {
    session: undefined,
    visitor: undefined,
    user: 'u-7',
  });
  assert.deepEqual(eventsOfOptions(undefined), { session: undefined, visitor: undefined, user: undefined });
  const event = { session_id: 's1', visitor_id: 'v1', user_id: '' } as unknown as StoredEvent;
  assert.deepEqual(eventOwners(event), [
    { kind: 'session', value: 's1' },
    { kind: 'visitor', value: 'v1' },
  ]);
});

import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { StoredEvent } from '../src/events/api.js';
import {
  conditionLabel,
  EVENT_DIMENSIONS,
  eventFields,
  eventProperties,
  eventTime,
  explorerConditions,
  parseConditions,
  writeCondition,
} from '../src/events/events-data.js';

test('explorer conditions: read from the URL and written back alike; a value keeps its colons; junk is left out', () => {
  const conditions = parseConditions([
    'event_name:is:signup',
    'page:matches:/blog/**',
    'referrer:contains:https://x.test/a:b',
    'entry_page:is:/',
    'country:like:DE',
    'nonsense',
  ]);
  assert.deepEqual(conditions, [
    { dimension: 'event_name', operator: 'is', value: 'signup' },
    { dimension: 'page', operator: 'matches', value: '/blog/**' },
    { dimension: 'referrer', operator: 'contains', value: 'https://x.test/a:b' },
  ]);
  assert.deepEqual(conditions.map(writeCondition), [
    'event_name:is:signup',
    'page:matches:/blog/**',
    'referrer:contains:https://x.test/a:b',
  ]);
  assert.deepEqual(conditions.map(conditionLabel), [
    'Event is signup',
    'Page matches pattern /blog/**',
    'Referrer contains https://x.test/a:b',
  ]);
  assert.equal(
    (EVENT_DIMENSIONS as string[]).includes('entry_page'),
    false,
    'a visit dimension the API refuses on events',
  );
});

test("the API's conditions: the filter bar's as `is`, then the explorer's", () => {
  assert.deepEqual(
    explorerConditions(
      [{ dimension: 'country', value: 'DE' }],
      [{ dimension: 'event_name', operator: 'is_not', value: 'pageview' }],
    ),
    [
      { dimension: 'country', operator: 'is', value: 'DE' },
      { dimension: 'event_name', operator: 'is_not', value: 'pageview' },
    ],
  );
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

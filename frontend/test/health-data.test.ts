import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { IngestHealth } from '../src/health/api.js';
import {
  botLines,
  formatBytes,
  nodeLines,
  reasonLines,
  siteTotals,
  sourceNotice,
  visitorEventsAccepted,
} from '../src/health/health-data.js';

const HEALTH: IngestHealth = {
  siteId: 3,
  readAt: '2026-12-01T00:26:01.000Z',
  edge: 'ok',
  site: {
    accepted: 1234,
    refused: [
      { reason: 'origin_not_allowed', count: 2 },
      { reason: 'some_new_code', count: 1 },
    ],
    bots: [
      { kind: 'crawler', action: 'dropped', events: 5 },
      { kind: 'no_user_agent', action: 'flagged', events: 1 },
      { kind: 'too_many_visitors', action: 'flagged', events: 4 },
    ],
  },
  node: { refusedRequests: [], backlogBytes: 1_500, budgetBytes: 10_000_000_000, refusing: false },
  shipper: 'not_configured',
  pipeline: null,
};

test('ingest health: totals, reasons and bots in words; an unknown code as it is; sizes in B, kB, GB', () => {
  assert.deepEqual(siteTotals(HEALTH, 'en-US'), [
    { label: 'Accepted', value: '1,234' },
    { label: 'Refused', value: '3' },
    { label: 'From bots', value: '10' },
  ]);
  assert.deepEqual(reasonLines(HEALTH.site?.refused ?? [], 'en-US'), [
    { label: 'Origin not allowed', value: '2' },
    { label: 'some_new_code', value: '1' },
  ]);
  assert.deepEqual(botLines(HEALTH, 'en-US'), [
    { label: 'Listed crawlers and monitors (dropped)', value: '5' },
    { label: 'No user agent (kept, flagged)', value: '1' },
    { label: 'Too many visitor ids from one address (kept, flagged)', value: '4' },
  ]);
  assert.deepEqual(nodeLines(HEALTH, 'en-US'), [
    { label: 'Backlog on disk', value: '1.5 kB of 10 GB' },
    { label: 'Beacons refused for disk', value: 'No' },
  ]);
  assert.equal(formatBytes(0, 'en-US'), '0 B');
  assert.equal(sourceNotice('edge', 'ok'), undefined);
  assert.match(sourceNotice('shipper', 'not_configured') ?? '', /Vector/);
});

test("a visitor's events accepted: the bots' a site flags are accepted too, and left out; dropped ones never were", () => {
  assert.equal(visitorEventsAccepted(HEALTH), 1234 - 1 - 4);
  assert.equal(visitorEventsAccepted({ ...HEALTH, site: null }), 0);
});

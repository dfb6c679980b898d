import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { DemoSiteStatus } from '../src/sites/api.js';
import { demoFinished, demoProgress } from '../src/sites/demo-site-data.js';

const status = (changes: Partial<DemoSiteStatus>): DemoSiteStatus => ({
  siteId: 2,
  stage: 'writing',
  rows: 200_000,
  rowsWritten: 50_000,
  until: '2026-12-02T05:30:00.000Z',
  error: null,
  ...changes,
});

test("a demo site's progress: its rows while writing, then a wait of unknown length, then done", () => {
  assert.deepEqual(demoProgress(status({}), 'en-US'), {
    text: 'Writing 60 days of visits: 50,000 of about 200,000 events',
    fraction: 0.25,
  });
  assert.deepEqual(demoProgress(status({ stage: 'finalizing', rows: 194_321 }), 'en-US'), {
    text: '194,321 events written; preparing the reports of past days',
  });
  assert.deepEqual(demoProgress(status({ stage: 'ready', rows: 194_321 }), 'de-DE'), {
    text: 'The demo site is ready: 194.321 events over 60 days.',
    fraction: 1,
  });
  assert.deepEqual(demoProgress(status({ stage: 'failed', error: 'ClickHouse is down' }), 'en-US'), {
    text: "Writing the demo site's events failed: ClickHouse is down.",
  });
  assert.equal(demoProgress(status({ rows: 0, rowsWritten: 0 })).fraction, 0);
});

test('writing is over once ready or failed', () => {
  assert.deepEqual(
    (['writing', 'finalizing', 'ready', 'failed'] as const).map((stage) => demoFinished(status({ stage }))),
    [false, false, true, true],
  );
});

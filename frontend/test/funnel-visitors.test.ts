import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { FunnelReport } from '../src/funnels/api.js';
import {
  funnelVisitorLines,
  lastStepColumn,
  parseFunnelWho,
  whoAsked,
  whoHeading,
  whoShown,
  whoTotal,
  writeFunnelWho,
} from '../src/funnels/funnel-visitors.js';

test('who= names a figure of the funnel shown: a step’s visitors, or a drop-off before step 2 or later', () => {
  assert.deepEqual(parseFunnelWho('reached-1', 3), { step: 1, outcome: 'reached' });
  assert.deepEqual(parseFunnelWho('dropped-3', 3), { step: 3, outcome: 'dropped' });
  for (const value of [null, '', 'reached-4', 'reached-0', 'dropped-1', 'lost-2', 'reached-2x', 'reached-']) {
    assert.equal(parseFunnelWho(value, 3), undefined, String(value));
  }
  assert.equal(writeFunnelWho({ step: 2, outcome: 'dropped' }), 'dropped-2');
  assert.equal(writeFunnelWho(undefined), undefined);
});

test('a drop-off before step n is asked of the API as who reached step n − 1 and went no further', () => {
  assert.deepEqual(whoAsked({ step: 2, outcome: 'dropped' }), { step: 1, outcome: 'dropped' });
  assert.deepEqual(whoAsked({ step: 2, outcome: 'reached' }), { step: 2, outcome: 'reached' });
  const report = {
    steps: [
      { visitors: 100, dropOff: 0 },
      { visitors: 40, dropOff: 60 },
      { visitors: 10, dropOff: 30 },
    ],
  } as FunnelReport;
  assert.equal(whoTotal(report, { step: 2, outcome: 'dropped' }), 60);
  assert.equal(whoTotal(report, { step: 3, outcome: 'reached' }), 10);
});

test('the list says whose it is, how many of them it holds, and how long their last step took', () => {
  assert.equal(
    whoHeading({ step: 2, outcome: 'dropped' }, 'Pageview of /pricing'),
    'Who dropped off before step 2: Pageview of /pricing',
  );
  assert.equal(
    whoHeading({ step: 3, outcome: 'reached' }, 'Event signup'),
    'Who reached step 3: Event signup',
  );
  assert.equal(whoShown(100, 6506, 'en'), 'The 100 latest to enter of 6,506.');
  assert.equal(whoShown(48, 48, 'en'), 'All 48, the latest to enter first.');
  // The time is that of the last step they reached; a drop-off before step 2 reached only the entry.
  assert.equal(lastStepColumn({ step: 3, outcome: 'reached' }), 'Time to step 3');
  assert.equal(lastStepColumn({ step: 3, outcome: 'dropped' }), 'Time to step 2');
  assert.equal(lastStepColumn({ step: 2, outcome: 'dropped' }), undefined);
  assert.equal(lastStepColumn({ step: 1, outcome: 'reached' }), undefined);

  const visitor = {
    visitorId: '3f9a2c1b8d7e6f5a4b3c2d1e0f9a8b7c',
    sessionId: 's1',
    userId: '',
    country: 'DE',
    device: 'mobile',
    browser: 'Firefox',
    enteredAt: '2026-11-10T08:00:00.000Z',
    reachedAt: '2026-11-10T08:01:05.000Z',
  };
  assert.deepEqual(
    funnelVisitorLines(
      [visitor, { ...visitor, userId: 'ada@shop.test', country: '' }],
      'Europe/Berlin',
      'en',
    ),
    [
      {
        key: visitor.visitorId,
        name: 'Visitor 3f9a2c1b…',
        eventsOf: { kind: 'visitor', value: visitor.visitorId },
        country: 'Germany',
        device: 'Mobile',
        browser: 'Firefox',
        entered: 'Nov 10, 2026, 9:00:00 AM',
        after: '1m 05s',
      },
      {
        key: visitor.visitorId,
        name: 'ada@shop.test',
        eventsOf: { kind: 'user', value: 'ada@shop.test' },
        country: '(not set)',
        device: 'Mobile',
        browser: 'Firefox',
        entered: 'Nov 10, 2026, 9:00:00 AM',
        after: '1m 05s',
      },
    ],
  );
});

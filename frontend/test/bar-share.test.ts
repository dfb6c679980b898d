import assert from 'node:assert/strict';
import { test } from 'vitest';
import { barShare } from '../src/shared/bar-share.js';

test('a bar is its share of the longest to a tenth of a percent, a sliver above zero, none at zero', () => {
  // Rows close in number get bars as different as their numbers (Bing and DuckDuckGo of the demo's sources).
  assert.equal(barShare(667, 7214), 9.2);
  assert.equal(barShare(418, 7214), 5.8);
  assert.equal(barShare(7214, 7214), 100);
  // One visitor of thousands still shows, as a sliver; none shows nothing.
  assert.equal(barShare(1, 20_000), 1);
  assert.equal(barShare(0, 20_000), 0);
  assert.equal(barShare(3, 0), 0);
  assert.equal(barShare(12, 10), 100);
});

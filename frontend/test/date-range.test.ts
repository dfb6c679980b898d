import assert from 'node:assert/strict';
import { test } from 'vitest';
import { todayIn, withFrom, withTo } from '../src/date-range/date-range.js';

test("today is the site's calendar day, not the browser's", () => {
  const now = new Date('2026-11-23T02:30:00Z');
  assert.equal(todayIn('UTC', now), '2026-11-23');
  assert.equal(todayIn('America/Los_Angeles', now), '2026-11-22');
  assert.equal(todayIn('Asia/Tokyo', now), '2026-11-23');
  assert.equal(todayIn('Not/A_Zone', now), '2026-11-23', 'an unknown zone falls back to UTC');
});

test('moving one end past the other drags it along', () => {
  const range = { from: '2026-11-10', to: '2026-11-20' };
  assert.deepEqual(withFrom(range, '2026-11-25'), { from: '2026-11-25', to: '2026-11-25' });
  assert.deepEqual(withFrom(range, '2026-11-12'), { from: '2026-11-12', to: '2026-11-20' });
  assert.deepEqual(withTo(range, '2026-11-01'), { from: '2026-11-01', to: '2026-11-01' });
  assert.deepEqual(withTo(range, '2026-11-15'), { from: '2026-11-10', to: '2026-11-15' });
});

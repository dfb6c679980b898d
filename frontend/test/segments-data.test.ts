import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { Segment } from '../src/segments/api.js';
import { activeSegment, segmentConditions, segmentSummary } from '../src/segments/segments-data.js';

const segment = (id: number, name: string, filters: string[]): Segment => ({
  id,
  siteId: 1,
  name,
  filters,
  author: null,
  createdAt: '2026-12-07T09:00:00.000Z',
});

const germans = segment(1, 'Germans on phones', ['country:DE', 'device:mobile']);
const blog = segment(2, 'Blog', ['page:matches:/blog/**']);

test("a segment's conditions as the filter bar holds them, one the panel can't read left out", () => {
  assert.deepEqual(segmentConditions(germans), [
    { dimension: 'country', operator: 'is', value: 'DE' },
    { dimension: 'device', operator: 'is', value: 'mobile' },
  ]);
  assert.deepEqual(segmentConditions(segment(3, 'Old', ['shoe_size:44', 'os:iOS'])), [
    { dimension: 'os', operator: 'is', value: 'iOS' },
  ]);
});

test("the page's filters are a segment's when they are its conditions in any order, no more and no fewer", () => {
  const segments = [germans, blog];
  const [country, device] = segmentConditions(germans);
  assert.equal(activeSegment(segments, [device, country]), germans);
  assert.equal(activeSegment(segments, [country]), undefined);
  assert.equal(
    activeSegment(segments, [country, device, { dimension: 'os', operator: 'is', value: 'iOS' }]),
    undefined,
  );
  assert.equal(activeSegment(segments, []), undefined, 'no filters: no segment');
});

test('a segment in words', () => {
  assert.equal(segmentSummary(germans), 'Country is Germany and Device is Mobile');
  assert.equal(segmentSummary(blog), 'Page matches pattern /blog/**');
});

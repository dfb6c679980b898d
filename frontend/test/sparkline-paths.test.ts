import { describe, expect, it } from 'vitest';
import { sparklinePaths } from '../src/shared/sparkline-paths.js';

describe('sparklinePaths', () => {
  it('spreads the values over the width, the highest at the top, zero at the bottom', () => {
    expect(sparklinePaths([0, 5, 10])).toEqual({
      line: 'M0,30.5L50,16L100,1.5',
      area: 'M0,30.5L50,16L100,1.5L100,32L0,32Z',
    });
  });

  it('stops at the bucket under way, keeping the whole width for the buckets to come', () => {
    const { line, area } = sparklinePaths([4, 8, 0, 0, 0], 1);
    expect(line).toBe('M0,16L25,1.5');
    expect(area).toBe('M0,16L25,1.5L25,32L0,32Z');
  });

  it('draws a series of zeros on the bottom, and nothing for no bucket drawn', () => {
    expect(sparklinePaths([0, 0]).line).toBe('M0,30.5L100,30.5');
    expect(sparklinePaths([3], 0).line).toBe('M0,1.5');
    expect(sparklinePaths([], 0)).toEqual({ line: '', area: '' });
    expect(sparklinePaths([1, 2], -1)).toEqual({ line: '', area: '' });
  });
});

import { conditionLabel, parseCondition, writeCondition, type Condition } from '../reports/conditions.js';
import type { Segment } from './api.js';

/** A segment's conditions, as the filter bar holds them (one the panel can't read is left out). */
export const segmentConditions = (segment: Segment): Condition[] => segment.filters.flatMap(parseCondition);

/** The same conditions in any order. */
const sameConditions = (a: Condition[], b: Condition[]) => {
  const key = (list: Condition[]) => list.map(writeCondition).sort().join('\n');
  return key(a) === key(b);
};

/** The segment the page's filters are, if any: its name stands for them in the toolbar. */
export const activeSegment = (segments: Segment[], filters: Condition[]): Segment | undefined =>
  filters.length === 0
    ? undefined
    : segments.find((segment) => sameConditions(segmentConditions(segment), filters));

/** What a segment keeps, in words: "Country is Germany and Device is Mobile". */
export const segmentSummary = (segment: Segment): string =>
  segmentConditions(segment).map(conditionLabel).join(' and ');

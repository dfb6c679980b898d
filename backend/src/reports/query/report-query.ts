import type { DimensionName, FilterOperator } from '@sluice/config';
import type { Goal } from '../../goals/goal.entity.js';
import type { Site } from '../../sites/site.js';
import type { FinalizedVersions } from './finalized-visits.js';
import type { MetricName } from './metrics.js';

/** Whole days in the site's time zone, both ends included (`YYYY-MM-DD`). */
export interface DateRange {
  from: string;
  to: string;
  /**
   * Narrows the range to the visits begun in [start, end) (unix seconds), an alert's window of minutes or
   * hours; `from`..`to` must then be the local days the window falls on, whose rows are read.
   */
  within?: { start: number; end: number };
}

/** One condition on a dimension; `one_of` takes a list, every other operator one value. */
export type FilterCondition =
  | { dimension: DimensionName; operator: Exclude<FilterOperator, 'one_of'>; value: string }
  | { dimension: DimensionName; operator: 'one_of'; values: string[] };

/** A filter tree: conditions combined with and / or / not. */
export type Filter = FilterCondition | { and: Filter[] } | { or: Filter[] } | { not: Filter };

/** Time buckets of a timeseries, in the site's time zone. */
export const INTERVALS = ['minute', 'hour', 'day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

/**
 * What completes a goal (goal.entity.ts): reports with a goal answer conversions and revenue. A funnel's steps
 * are page and event conditions alike, without a scroll depth.
 */
export type GoalCondition = Pick<Goal, 'kind' | 'match' | 'propertyKey' | 'propertyValue'> &
  Partial<Pick<Goal, 'scrollDepth'>>;

export interface Order {
  by: MetricName | 'value';
  direction: 'asc' | 'desc';
}

/**
 * A report request: every report is this object (plus, later, a report kind with its own options).
 * `dimension` breaks the answer down by one declared dimension, `interval` by time; neither: one row.
 */
export interface ReportQuery {
  site: Pick<Site, 'id' | 'timezone'>;
  range: DateRange;
  comparison?: DateRange;
  metrics: MetricName[];
  dimension?: DimensionName;
  interval?: Interval;
  filters?: Filter;
  /** The goal whose conversions the goal metrics count (conversions, conversion_rate, revenue). */
  goal?: GoalCondition;
  order?: Order;
  /**
   * Sampled mode (sampling.ts): the share of visitors read, in ten-thousandths (1–9,999), and counts scaled
   * up by it; absent, every row is read.
   */
  sample?: number;
  /** Breakdowns: rows per page and how many to skip (the cursor, decoded). */
  limit?: number;
  offset?: number;
  /**
   * The last UTC day whose visits are finalized (VisitFinalizer): the planner reads the visits begun up
   * to it from `visits` and the rest from the rollup. Unset: every visit from the rollup.
   */
  finalizedThrough?: string;
  /** With `finalizedThrough`: each finalized day's latest version, as the VisitFinalizer recorded them. */
  finalizedVersions?: FinalizedVersions;
}

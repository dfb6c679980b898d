import type { DimensionName } from '@sluice/config';
import { filterDimensions } from './filters.js';
import { dimensionLevel } from './dimensions.js';
import type { ReportQuery } from './report-query.js';

/**
 * Where a report's visits come from. The per-visit rollup (`sessions_daily`) holds every visit
 * dimension and answers exactly (the same visits, values and counts as raw events: tested); a
 * breakdown or filter on an event dimension needs the events themselves.
 */
export type VisitSource = 'rollup' | 'events';

/** Every dimension a query reads: its breakdown and its filters'. */
export function queryDimensions(query: Pick<ReportQuery, 'dimension' | 'filters'>): DimensionName[] {
  return [...new Set([...(query.dimension ? [query.dimension] : []), ...filterDimensions(query.filters)])];
}

/**
 * The one planner: the rollup wherever it answers the query exactly. Sampled, the same: the finalized
 * visits are sampled by visitor like raw events (migrations 0007, 0023), and the open days' visits are
 * then grouped from a sample of raw events, as the rollup has no sample key (visits.ts).
 */
export function chooseSource(query: Pick<ReportQuery, 'dimension' | 'filters'>): VisitSource {
  return queryDimensions(query).every((name) => dimensionLevel(name) === 'visit') ? 'rollup' : 'events';
}

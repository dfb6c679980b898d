/**
 * ClickHouse's query priorities (the `priority` setting, on 18.16 and modern servers alike): while a query
 * of a smaller number runs, those of larger numbers pause at their next block read; queries past the backend's
 * turns (`ClickHouseService`) wait for theirs in the same order. What a page leads with
 * (the overview's metric cards and chart) comes first, other reports after it and exports last: the ten
 * queries of a filter change run side by side on two cores, the overview's answered in 202 ms instead of
 * 393 (docs/benchmarks.md, "Query priorities"), and an export never slows a dashboard.
 */
// Strings: the setting is a UInt64, which the client types as text.
export const QUERY_PRIORITY = { headline: '1', report: '2', export: '3' } as const;

/** The settings of a query a page leads with. */
export const HEADLINE_SETTINGS = { priority: QUERY_PRIORITY.headline };

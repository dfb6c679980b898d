/**
 * The tables the backend's VisitFinalizer writes under a finalization's version (migrations 0014 to 0033),
 * and the records of its writes, named once beside the migrations that create them: the finalizer writes
 * and cleans them, the retention drops their months, a site's erasure empties them.
 */
export const FINALIZED_TABLES = [
  'visits',
  'visit_values',
  'finalized_events',
  'visit_paths',
  'finalized_first_seen',
  'finalized_event_counts',
  'finalized_value_totals',
  'finalized_vitals',
  'finalized_readings',
] as const;
export type FinalizedTable = (typeof FINALIZED_TABLES)[number];

/** A finalized table's time column: the events' `ts` (their UTC day is its date), the others' UTC `day`. */
export const finalizedTimeColumn = (table: FinalizedTable): 'ts' | 'day' =>
  table === 'finalized_events' ? 'ts' : 'day';

/** The finalizer's records: of the days written to the tables above, and of their page sequences (0019). */
export const FINALIZED_RECORDS = ['visits_finalized', 'visit_paths_finalized'] as const;
export type FinalizedRecords = (typeof FINALIZED_RECORDS)[number];

-- Returning visitors: each finalized visit gets when its visitor's previous visit began (`prev_started`; 1970
-- where none began in the FIRST_VISIT_LOOKBACK_DAYS before it) and when the visitor was first seen at all
-- (`first_seen`, from visitors_first_seen), written by the backend's VisitFinalizer. A retention grid then
-- counts, per cohort (the period of `first_seen`) and period, the visits that are their visitor's first in
-- that period (`prev_started` before the period's start): a scan of the month's visits with a handful of
-- groups, where grouping them by visitor first took most of the report (on the benchmark's largest site
-- 202 ms against 70). The days finalized before have neither: they are finalized again at the backend's
-- next run (reports read them from the rollup until then), as 0031 did.
ALTER TABLE {database}.visits ADD COLUMN prev_started DateTime('UTC');
ALTER TABLE {database}.visits ADD COLUMN first_seen DateTime('UTC');
ALTER TABLE {database}.visits_finalized DELETE WHERE day >= toDate('1970-01-01');

-- Retention cohorts start at a visitor's first-ever event, not their first in a report's range: a visitor
-- first seen before the range belongs to no cohort of it. Reading every event of a site's history for
-- each report would not scale, so each visitor's first moment is rolled up here, without bots: one
-- min state per (site, visitor), merged at query time (a copy or an older row only lowers nothing or
-- moves the minimum back). The visitor is sipHash64(visitor_id), as sessions_daily keeps it, so the two
-- join. No monthly partition: the first moment must outlive the months of events a retention drops
-- (a row per visitor, 24 bytes before compression); a deleted site's rows are erased with its other tables.
CREATE TABLE IF NOT EXISTS {database}.visitors_first_seen
(
    site_id UInt32,
    visitor UInt64,
    first_seen AggregateFunction(min, DateTime('UTC'))
)
ENGINE = AggregatingMergeTree()
ORDER BY (site_id, visitor);
CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.visitors_first_seen_mv TO {database}.visitors_first_seen
AS SELECT
    site_id,
    sipHash64(visitor_id) AS visitor,
    minState(ts) AS first_seen
FROM {database}.events
WHERE is_bot = 0
GROUP BY site_id, visitor;
-- Rows stored before: a row the view also saw while this ran only repeats a minimum.
INSERT INTO {database}.visitors_first_seen
SELECT site_id, sipHash64(visitor_id) AS visitor, minState(ts)
FROM {database}.events WHERE is_bot = 0 GROUP BY site_id, visitor;

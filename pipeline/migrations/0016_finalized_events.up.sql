-- Finalized events: each event of a finalized UTC day once, as it first arrived, with its visit and
-- that visit's visitor. Reports over single events (errors, web vitals) count each event once: over
-- raw events that takes a GROUP BY event_id (copies the pipeline stored twice, or the tracker's queue
-- resent from another address), a hash table of every event of the range (15 s for 1.5 million
-- `$engagement` events on a loaded 2-core machine). The backend's VisitFinalizer writes these rows once
-- a day can no longer change, beside `visits` and under the same version; reports read them as plain
-- rows and deduplicate only the open days' raw events.
--
-- The table has the columns of `events` (kept equal by a test: a migration that adds a column to
-- `events` adds it here too), then the finalization's version, the visit's key and its visitor (the
-- visitor of the visit's first event, as reports count it). Rows the edge flagged as bots are not here.
CREATE TABLE IF NOT EXISTS {database}.finalized_events AS {database}.events
ENGINE = MergeTree()
PARTITION BY toYYYYMM(ts)
ORDER BY (site_id, toDate(ts), name);
ALTER TABLE {database}.finalized_events ADD COLUMN version UInt32, ADD COLUMN visit_id UInt64, ADD COLUMN visitor UInt64;
-- The days finalized before these rows (and visit_values, 0015) existed have none: they are finalized
-- again, visits included, at the backend's next run (reports read them from the rollup and raw events
-- until then).
ALTER TABLE {database}.visits_finalized DELETE WHERE day >= toDate('1970-01-01');

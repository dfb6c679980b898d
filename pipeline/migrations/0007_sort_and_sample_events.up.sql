-- The events table's final sort and sampling key. ClickHouse can't change a table's ORDER BY or add
-- a SAMPLE BY in place, so the rows move to a new table that replaces the old one.
--
-- ORDER BY serves the reports: one site, a date range, then the event name (pageviews, a funnel's
-- steps), then the visitor (sessions, retention, paths read a visitor's events together). SAMPLE BY
-- the visitor's hash lets a very large site answer from a fraction of its visitors (SAMPLE 1/10)
-- while each sampled visitor's journey stays whole. event_id ends the key: ReplacingMergeTree
-- collapses the copies at-least-once delivery leaves, and reports count distinct event ids until it has.
CREATE TABLE IF NOT EXISTS {database}.events_resorted AS {database}.events
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(ts)
ORDER BY (site_id, toDate(ts), name, sipHash64(visitor_id), event_id)
SAMPLE BY sipHash64(visitor_id);
INSERT INTO {database}.events_resorted SELECT * FROM {database}.events;
RENAME TABLE {database}.events TO {database}.events_presorted, {database}.events_resorted TO {database}.events;
DROP TABLE {database}.events_presorted;

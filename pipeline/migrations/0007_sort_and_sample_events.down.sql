CREATE TABLE IF NOT EXISTS {database}.events_unsorted AS {database}.events
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(ts)
ORDER BY (site_id, toDate(ts), event_id);
INSERT INTO {database}.events_unsorted SELECT * FROM {database}.events;
RENAME TABLE {database}.events TO {database}.events_sorted, {database}.events_unsorted TO {database}.events;
DROP TABLE {database}.events_sorted;

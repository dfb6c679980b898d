-- Back to finalized events in granules of 8,192 rows.
CREATE TABLE IF NOT EXISTS {database}.finalized_events_coarse AS {database}.finalized_events
ENGINE = MergeTree()
PARTITION BY (toYYYYMM(ts), provisional)
ORDER BY (site_id, toDate(ts), name, pathname);
INSERT INTO {database}.finalized_events_coarse SELECT * FROM {database}.finalized_events;
RENAME TABLE {database}.finalized_events TO {database}.finalized_events_fine, {database}.finalized_events_coarse TO {database}.finalized_events;
DROP TABLE {database}.finalized_events_fine;

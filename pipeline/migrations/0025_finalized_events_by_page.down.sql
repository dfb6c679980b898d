-- Back to finalized events sorted by site, day and name only.
CREATE TABLE IF NOT EXISTS {database}.finalized_events_by_name AS {database}.finalized_events
ENGINE = MergeTree()
PARTITION BY (toYYYYMM(ts), provisional)
ORDER BY (site_id, toDate(ts), name);
INSERT INTO {database}.finalized_events_by_name SELECT * FROM {database}.finalized_events;
RENAME TABLE {database}.finalized_events TO {database}.finalized_events_by_page, {database}.finalized_events_by_name TO {database}.finalized_events;
DROP TABLE {database}.finalized_events_by_page;

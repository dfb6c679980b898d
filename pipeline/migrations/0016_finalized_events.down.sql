-- Reports over single events deduplicate every day's raw events again.
DROP TABLE IF EXISTS {database}.finalized_events;

-- Sampling estimates count every event of their days again.
DROP TABLE IF EXISTS {database}.finalized_event_counts;

CREATE TABLE IF NOT EXISTS {database}.visits_unsorted AS {database}.visits
ENGINE = MergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (site_id, day, version, started);
INSERT INTO {database}.visits_unsorted SELECT * FROM {database}.visits;
RENAME TABLE {database}.visits TO {database}.visits_sorted, {database}.visits_unsorted TO {database}.visits;
DROP TABLE {database}.visits_sorted;

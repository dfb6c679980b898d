-- Back to final days only: the provisional rows and their records go (reports merge those days from the
-- rollup again), the final ones are copied back into monthly partitions.
CREATE TABLE IF NOT EXISTS {database}.visits_finalized_final AS {database}.visits_finalized
ENGINE = MergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (day, version);
INSERT INTO {database}.visits_finalized_final SELECT * FROM {database}.visits_finalized WHERE provisional = 0;
RENAME TABLE {database}.visits_finalized TO {database}.visits_finalized_all, {database}.visits_finalized_final TO {database}.visits_finalized;
DROP TABLE {database}.visits_finalized_all;
ALTER TABLE {database}.visits_finalized DROP COLUMN provisional;
CREATE TABLE IF NOT EXISTS {database}.visit_paths_finalized_final AS {database}.visit_paths_finalized
ENGINE = MergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (day, version);
INSERT INTO {database}.visit_paths_finalized_final SELECT * FROM {database}.visit_paths_finalized WHERE provisional = 0;
RENAME TABLE {database}.visit_paths_finalized TO {database}.visit_paths_finalized_all, {database}.visit_paths_finalized_final TO {database}.visit_paths_finalized;
DROP TABLE {database}.visit_paths_finalized_all;
ALTER TABLE {database}.visit_paths_finalized DROP COLUMN provisional;
CREATE TABLE IF NOT EXISTS {database}.visit_paths_monthly AS {database}.visit_paths
ENGINE = MergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (site_id, day, version, started);
INSERT INTO {database}.visit_paths_monthly SELECT * FROM {database}.visit_paths WHERE provisional = 0;
RENAME TABLE {database}.visit_paths TO {database}.visit_paths_slotted, {database}.visit_paths_monthly TO {database}.visit_paths;
DROP TABLE {database}.visit_paths_slotted;
ALTER TABLE {database}.visit_paths DROP COLUMN provisional;
CREATE TABLE IF NOT EXISTS {database}.finalized_events_monthly AS {database}.finalized_events
ENGINE = MergeTree()
PARTITION BY toYYYYMM(ts)
ORDER BY (site_id, toDate(ts), name);
INSERT INTO {database}.finalized_events_monthly SELECT * FROM {database}.finalized_events WHERE provisional = 0;
RENAME TABLE {database}.finalized_events TO {database}.finalized_events_slotted, {database}.finalized_events_monthly TO {database}.finalized_events;
DROP TABLE {database}.finalized_events_slotted;
ALTER TABLE {database}.finalized_events DROP COLUMN provisional;
CREATE TABLE IF NOT EXISTS {database}.visit_values_monthly AS {database}.visit_values
ENGINE = MergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (site_id, dimension, day, version, value);
INSERT INTO {database}.visit_values_monthly SELECT * FROM {database}.visit_values WHERE provisional = 0;
RENAME TABLE {database}.visit_values TO {database}.visit_values_slotted, {database}.visit_values_monthly TO {database}.visit_values;
DROP TABLE {database}.visit_values_slotted;
ALTER TABLE {database}.visit_values DROP COLUMN provisional;
CREATE TABLE IF NOT EXISTS {database}.visits_monthly AS {database}.visits
ENGINE = MergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (site_id, day, version, visitor)
SAMPLE BY visitor;
INSERT INTO {database}.visits_monthly SELECT * FROM {database}.visits WHERE provisional = 0;
RENAME TABLE {database}.visits TO {database}.visits_slotted, {database}.visits_monthly TO {database}.visits;
DROP TABLE {database}.visits_slotted;
ALTER TABLE {database}.visits DROP COLUMN provisional;

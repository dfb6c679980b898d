-- Provisional days: the finalized tables also hold the days not yet final, rewritten every hour.
-- A day is final SLUICE_FINALIZE_AFTER_DAYS (3) after it: until then a visit begun on it may gain rows.
-- Every report merged those last days' visits from the per-visit rollup and grouped their raw events,
-- which cost twice what the 27 finalized days of a month did (docs/benchmarks.md). The backend now also
-- writes each day once it has ended, as it writes a final day, and writes it again every hour until it is
-- final: reports read only the day under way from the rollup.
--
-- Rows written for a day that is not final carry `provisional` 1 or 2, the slot of their hourly write
-- (final rows 0): each hour's write goes to the slot the latest one did not use, after dropping that
-- slot's partitions whole. 18.16 can't delete rows cheaply (a DELETE rewrites every part of a table), so
-- the slot is part of each table's partition key: the rows a write replaces go by DROP PARTITION.
-- Readers are unchanged: they read each day's latest recorded version, and the records say which days'
-- versions are provisional (visits_finalized.provisional, visit_paths_finalized.provisional).
--
-- The finalized tables are copied once into their new partitioning.
ALTER TABLE {database}.visits ADD COLUMN provisional UInt8 DEFAULT 0;
CREATE TABLE IF NOT EXISTS {database}.visits_slotted AS {database}.visits
ENGINE = MergeTree()
PARTITION BY (toYYYYMM(day), provisional)
ORDER BY (site_id, day, version, visitor)
SAMPLE BY visitor;
INSERT INTO {database}.visits_slotted SELECT * FROM {database}.visits;
RENAME TABLE {database}.visits TO {database}.visits_unslotted, {database}.visits_slotted TO {database}.visits;
DROP TABLE {database}.visits_unslotted;
ALTER TABLE {database}.visit_values ADD COLUMN provisional UInt8 DEFAULT 0;
CREATE TABLE IF NOT EXISTS {database}.visit_values_slotted AS {database}.visit_values
ENGINE = MergeTree()
PARTITION BY (toYYYYMM(day), provisional)
ORDER BY (site_id, dimension, day, version, value);
INSERT INTO {database}.visit_values_slotted SELECT * FROM {database}.visit_values;
RENAME TABLE {database}.visit_values TO {database}.visit_values_unslotted, {database}.visit_values_slotted TO {database}.visit_values;
DROP TABLE {database}.visit_values_unslotted;
ALTER TABLE {database}.finalized_events ADD COLUMN provisional UInt8 DEFAULT 0;
CREATE TABLE IF NOT EXISTS {database}.finalized_events_slotted AS {database}.finalized_events
ENGINE = MergeTree()
PARTITION BY (toYYYYMM(ts), provisional)
ORDER BY (site_id, toDate(ts), name);
INSERT INTO {database}.finalized_events_slotted SELECT * FROM {database}.finalized_events;
RENAME TABLE {database}.finalized_events TO {database}.finalized_events_unslotted, {database}.finalized_events_slotted TO {database}.finalized_events;
DROP TABLE {database}.finalized_events_unslotted;
ALTER TABLE {database}.visit_paths ADD COLUMN provisional UInt8 DEFAULT 0;
CREATE TABLE IF NOT EXISTS {database}.visit_paths_slotted AS {database}.visit_paths
ENGINE = MergeTree()
PARTITION BY (toYYYYMM(day), provisional)
ORDER BY (site_id, day, version, started);
INSERT INTO {database}.visit_paths_slotted SELECT * FROM {database}.visit_paths;
RENAME TABLE {database}.visit_paths TO {database}.visit_paths_unslotted, {database}.visit_paths_slotted TO {database}.visit_paths;
DROP TABLE {database}.visit_paths_unslotted;
ALTER TABLE {database}.visits_finalized ADD COLUMN provisional UInt8 DEFAULT 0;
ALTER TABLE {database}.visit_paths_finalized ADD COLUMN provisional UInt8 DEFAULT 0;

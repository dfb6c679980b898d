-- Retention groups the visits by visitor again.
ALTER TABLE {database}.visits DROP COLUMN first_seen;
ALTER TABLE {database}.visits DROP COLUMN prev_started;

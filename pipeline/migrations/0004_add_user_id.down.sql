ALTER TABLE {database}.events DROP COLUMN user_id;

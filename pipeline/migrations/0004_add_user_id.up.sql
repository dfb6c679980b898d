-- The site's own id for a signed-in user (contract v4), after session_id.
ALTER TABLE {database}.events ADD COLUMN user_id String AFTER session_id;

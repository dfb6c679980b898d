ALTER TABLE {database}.events
    DROP COLUMN browser,
    DROP COLUMN browser_version,
    DROP COLUMN os,
    DROP COLUMN device,
    DROP COLUMN is_bot;

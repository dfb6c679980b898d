-- Acquisition: where a visit came from (contract v2). One ALTER, so the columns arrive together.
-- ClickHouse 18.16 can't place a column AFTER one added in the same statement, so each goes right
-- after `referrer`, listed in reverse: the result is referrer, referrer_source, utm_source, …, utm_content.
ALTER TABLE {database}.events
    ADD COLUMN utm_content String AFTER referrer,
    ADD COLUMN utm_term String AFTER referrer,
    ADD COLUMN utm_campaign String AFTER referrer,
    ADD COLUMN utm_medium String AFTER referrer,
    ADD COLUMN utm_source String AFTER referrer,
    ADD COLUMN referrer_source String AFTER referrer;

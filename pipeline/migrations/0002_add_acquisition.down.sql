ALTER TABLE {database}.events
    DROP COLUMN referrer_source,
    DROP COLUMN utm_source,
    DROP COLUMN utm_medium,
    DROP COLUMN utm_campaign,
    DROP COLUMN utm_term,
    DROP COLUMN utm_content;

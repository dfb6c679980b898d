DROP TABLE IF EXISTS {database}.sessions_daily_mv;
DROP TABLE IF EXISTS {database}.sessions_daily;
DROP TABLE IF EXISTS {database}.traffic_hourly_mv;
DROP TABLE IF EXISTS {database}.traffic_hourly;
-- The rollups of 0009 again: bots counted, one visit row per session_id as stored.
CREATE TABLE IF NOT EXISTS {database}.traffic_hourly
(
    site_id UInt32,
    hour DateTime('UTC'),
    visitors AggregateFunction(uniq, String),
    sessions AggregateFunction(uniq, String),
    pageviews AggregateFunction(uniqIf, UUID, UInt8),
    events AggregateFunction(uniq, UUID)
)
ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(hour)
ORDER BY (site_id, hour);
CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.traffic_hourly_mv TO {database}.traffic_hourly
AS SELECT
    site_id,
    toStartOfHour(ts) AS hour,
    uniqState(visitor_id) AS visitors,
    uniqState(session_id) AS sessions,
    uniqIfState(event_id, name = 'pageview') AS pageviews,
    uniqState(event_id) AS events
FROM {database}.events
GROUP BY site_id, hour;
-- One row per session and UTC day it was active on: bounce rate and visit duration come from each
-- session's first and last event and its pageviews, merged across days at query time.
CREATE TABLE IF NOT EXISTS {database}.sessions_daily
(
    site_id UInt32,
    day Date,
    session_id String,
    visitor_id AggregateFunction(any, String),
    started AggregateFunction(min, DateTime('UTC')),
    ended AggregateFunction(max, DateTime('UTC')),
    pageviews AggregateFunction(uniqIf, UUID, UInt8)
)
ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (site_id, day, session_id);
CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.sessions_daily_mv TO {database}.sessions_daily
AS SELECT
    site_id,
    toDate(ts) AS day,
    session_id,
    anyState(visitor_id) AS visitor_id,
    minState(ts) AS started,
    maxState(ts) AS ended,
    uniqIfState(event_id, name = 'pageview') AS pageviews
FROM {database}.events
GROUP BY site_id, day, session_id;
-- Rows stored before.
INSERT INTO {database}.traffic_hourly
SELECT site_id, toStartOfHour(ts) AS hour, uniqState(visitor_id), uniqState(session_id),
    uniqIfState(event_id, name = 'pageview'), uniqState(event_id)
FROM {database}.events GROUP BY site_id, hour;
INSERT INTO {database}.sessions_daily
SELECT site_id, toDate(ts) AS day, session_id, anyState(visitor_id), minState(ts), maxState(ts),
    uniqIfState(event_id, name = 'pageview')
FROM {database}.events GROUP BY site_id, day, session_id;

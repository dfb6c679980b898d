-- Reports leave out the rows the edge flagged as bots (is_bot = 1), and count each visit once even
-- when the tracker's offline queue resends its events from another address. Both rollups are rebuilt
-- from the events without bots.
--
-- sessions_daily becomes the per-visit rollup every report reads: one row per visit and UTC day it
-- was active on, keyed by visit_id: the session id the tracker minted (an event without one is a visit
-- of its own, keyed by its event id). A resend carries the tracker's event id and session id, but the edge
-- derives a new visitor_id from the new address and stamps a later ts: so the visitor is the one of
-- the visit's first event (argMin by ts), and events and pageviews are uniq states of event ids, which
-- merge across the visit's days — the resend adds neither a visitor nor an event. Each visit
-- dimension of config/src/report-dimensions.ts is a column, the value of the visit's first event (the
-- entry and exit pages: of its first and last pageview).
-- The visit and its visitor are kept as 64-bit sipHash64s: reports only group and count them, and
-- ClickHouse groups numbers about twice as fast as strings (two of a site's visits share a hash with a
-- chance of about n² / 2^65: one in 10^7 for a million visits).
DROP TABLE IF EXISTS {database}.sessions_daily_mv;
DROP TABLE IF EXISTS {database}.sessions_daily;
DROP TABLE IF EXISTS {database}.traffic_hourly_mv;
DROP TABLE IF EXISTS {database}.traffic_hourly;
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
WHERE is_bot = 0
GROUP BY site_id, hour;
CREATE TABLE IF NOT EXISTS {database}.sessions_daily
(
    site_id UInt32,
    day Date,
    visit_id UInt64,
    visitor_hash AggregateFunction(argMin, UInt64, DateTime('UTC')),
    started AggregateFunction(min, DateTime('UTC')),
    ended AggregateFunction(max, DateTime('UTC')),
    pageviews AggregateFunction(uniqIf, UUID, UInt8),
    events AggregateFunction(uniq, UUID),
    entry_page AggregateFunction(argMinIf, String, DateTime('UTC'), UInt8),
    exit_page AggregateFunction(argMaxIf, String, DateTime('UTC'), UInt8),
    referrer AggregateFunction(argMin, String, DateTime('UTC')),
    referrer_source AggregateFunction(argMin, String, DateTime('UTC')),
    utm_source AggregateFunction(argMin, String, DateTime('UTC')),
    utm_medium AggregateFunction(argMin, String, DateTime('UTC')),
    utm_campaign AggregateFunction(argMin, String, DateTime('UTC')),
    utm_term AggregateFunction(argMin, String, DateTime('UTC')),
    utm_content AggregateFunction(argMin, String, DateTime('UTC')),
    country AggregateFunction(argMin, String, DateTime('UTC')),
    region AggregateFunction(argMin, String, DateTime('UTC')),
    city AggregateFunction(argMin, String, DateTime('UTC')),
    browser AggregateFunction(argMin, String, DateTime('UTC')),
    browser_version AggregateFunction(argMin, String, DateTime('UTC')),
    os AggregateFunction(argMin, String, DateTime('UTC')),
    device AggregateFunction(argMin, String, DateTime('UTC'))
)
ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (site_id, day, visit_id);
CREATE MATERIALIZED VIEW IF NOT EXISTS {database}.sessions_daily_mv TO {database}.sessions_daily
AS SELECT
    site_id,
    toDate(ts) AS day,
    sipHash64(if(session_id = '', toString(event_id), session_id)) AS visit_id,
    argMinState(sipHash64(visitor_id), ts) AS visitor_hash,
    minState(ts) AS started,
    maxState(ts) AS ended,
    uniqIfState(event_id, name = 'pageview') AS pageviews,
    uniqState(event_id) AS events,
    argMinIfState(pathname, ts, name = 'pageview') AS entry_page,
    argMaxIfState(pathname, ts, name = 'pageview') AS exit_page,
    argMinState(referrer, ts) AS referrer,
    argMinState(referrer_source, ts) AS referrer_source,
    argMinState(utm_source, ts) AS utm_source,
    argMinState(utm_medium, ts) AS utm_medium,
    argMinState(utm_campaign, ts) AS utm_campaign,
    argMinState(utm_term, ts) AS utm_term,
    argMinState(utm_content, ts) AS utm_content,
    argMinState(country, ts) AS country,
    argMinState(region, ts) AS region,
    argMinState(city, ts) AS city,
    argMinState(browser, ts) AS browser,
    argMinState(browser_version, ts) AS browser_version,
    argMinState(os, ts) AS os,
    argMinState(device, ts) AS device
FROM {database}.events
WHERE is_bot = 0
GROUP BY site_id, day, visit_id;
-- Rows stored before: rolled up again, without bots.
INSERT INTO {database}.traffic_hourly
SELECT site_id, toStartOfHour(ts) AS hour, uniqState(visitor_id), uniqState(session_id),
    uniqIfState(event_id, name = 'pageview'), uniqState(event_id)
FROM {database}.events WHERE is_bot = 0 GROUP BY site_id, hour;
INSERT INTO {database}.sessions_daily
SELECT site_id, toDate(ts) AS day, sipHash64(if(session_id = '', toString(event_id), session_id)) AS visit_id,
    argMinState(sipHash64(visitor_id), ts), minState(ts), maxState(ts), uniqIfState(event_id, name = 'pageview'),
    uniqState(event_id), argMinIfState(pathname, ts, name = 'pageview'),
    argMaxIfState(pathname, ts, name = 'pageview'), argMinState(referrer, ts),
    argMinState(referrer_source, ts), argMinState(utm_source, ts), argMinState(utm_medium, ts),
    argMinState(utm_campaign, ts), argMinState(utm_term, ts), argMinState(utm_content, ts),
    argMinState(country, ts), argMinState(region, ts), argMinState(city, ts), argMinState(browser, ts),
    argMinState(browser_version, ts), argMinState(os, ts), argMinState(device, ts)
FROM {database}.events WHERE is_bot = 0 GROUP BY site_id, day, visit_id;

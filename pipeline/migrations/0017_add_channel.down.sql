-- The per-visit rollup of 0012 again (no channel), then the channel columns go.
DROP TABLE IF EXISTS {database}.sessions_daily_mv;
DROP TABLE IF EXISTS {database}.sessions_daily;
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
    device AggregateFunction(argMin, String, DateTime('UTC')),
    language AggregateFunction(argMin, String, DateTime('UTC'))
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
    argMinState(device, ts) AS device,
    argMinState(language, ts) AS language
FROM {database}.events
WHERE is_bot = 0
GROUP BY site_id, day, visit_id;
INSERT INTO {database}.sessions_daily
SELECT site_id, toDate(ts) AS day, sipHash64(if(session_id = '', toString(event_id), session_id)) AS visit_id,
    argMinState(sipHash64(visitor_id), ts), minState(ts), maxState(ts), uniqIfState(event_id, name = 'pageview'),
    uniqState(event_id), argMinIfState(pathname, ts, name = 'pageview'),
    argMaxIfState(pathname, ts, name = 'pageview'), argMinState(referrer, ts),
    argMinState(referrer_source, ts), argMinState(utm_source, ts), argMinState(utm_medium, ts),
    argMinState(utm_campaign, ts), argMinState(utm_term, ts), argMinState(utm_content, ts),
    argMinState(country, ts), argMinState(region, ts), argMinState(city, ts), argMinState(browser, ts),
    argMinState(browser_version, ts), argMinState(os, ts), argMinState(device, ts),
    argMinState(language, ts)
FROM {database}.events WHERE is_bot = 0 GROUP BY site_id, day, visit_id;
ALTER TABLE {database}.finalized_events DROP COLUMN channel;
ALTER TABLE {database}.visits DROP COLUMN channel;
ALTER TABLE {database}.events DROP COLUMN channel;

-- Finalized readings: per site, UTC day and page, how the `$engagement` events finalized that day (0016) read
-- the page, under their version and slot. A reading is a visit's reports of a page on one UTC day (each report
-- says how deep the view was scrolled and how long it was visible since the one before): their number, their
-- visible milliseconds, and those that measured a depth with their depths' sum, partial sums that add up. A
-- month's time on page and scroll depth grouped 1.44 million events into readings on the benchmark's largest
-- site (680 ms); a row per day and page gives the same answer. The backend's VisitFinalizer writes them beside
-- the day's events; reports read them for the UTC days a range covers whole and the events for the days at its
-- ends. The events already finalized are grouped here, every version and slot present (readers take each
-- day's latest), nothing on a cluster.
CREATE TABLE IF NOT EXISTS {database}.finalized_readings
(
    site_id UInt32,
    day Date,
    version UInt32,
    provisional UInt8,
    page String,
    readings UInt64,
    engaged_ms UInt64,
    depth_readings UInt64,
    depth_sum UInt64
)
ENGINE = MergeTree()
PARTITION BY (toYYYYMM(day), provisional)
ORDER BY (site_id, day, version, page);
INSERT INTO {database}.finalized_readings
SELECT site_id, day, version, provisional, page, count(), sum(engaged), countIf(depth > 0), sumIf(depth, depth > 0)
FROM
(
    SELECT site_id, toDate(ts) AS day, version, provisional, pathname AS page, max(scroll_depth) AS depth,
        sum(engaged_ms) AS engaged
    FROM {database}.finalized_events
    WHERE name = '$engagement'
    GROUP BY site_id, day, version, provisional, visit_id, pathname
)
GROUP BY site_id, day, version, provisional, page;

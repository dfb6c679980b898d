-- Finalized value totals: per site, event dimension, UTC day and value, the partial aggregates of the
-- finalized rows of `visit_values` (0015) that began that day, under their version and slot. A breakdown
-- by page read and grouped a month's visit and page rows (1.37 million on the benchmark's largest site,
-- most of its 200 ms), where a day's row per page answers the same: the visitors as a `uniq` state, merged,
-- and sums (155-162 ms against 229-240 on ClickHouse). Only pages: an event name's day holds a state of
-- nearly every visitor ('pageview'), slower to merge than its rows are to group (241-247 ms against 198-201),
-- and elements and property keys gained nothing. The backend's VisitFinalizer writes them beside the day's
-- values; reports read them for the UTC days a range covers whole and the values' rows for the days at its
-- ends (a site's day is not a UTC day). The rows already finalized are summed here, every version and slot
-- present (readers take each day's latest), nothing on a cluster.
CREATE TABLE IF NOT EXISTS {database}.finalized_value_totals
(
    site_id UInt32,
    dimension String,
    day Date,
    version UInt32,
    provisional UInt8,
    value String,
    visitors AggregateFunction(uniq, UInt64),
    visits UInt64,
    pageviews UInt64,
    events UInt64,
    bounces UInt64,
    duration Int64
)
ENGINE = MergeTree()
PARTITION BY (toYYYYMM(day), provisional)
ORDER BY (site_id, dimension, day, version, value);
INSERT INTO {database}.finalized_value_totals
SELECT site_id, dimension, day, version, provisional, value, uniqState(visitor), count(),
    sum(toUInt64(pageviews)), sum(toUInt64(events)), countIf(pageviews <= 1),
    sum(toUInt32(ended) - toUInt32(started))
FROM {database}.visit_values
WHERE dimension = 'page'
GROUP BY site_id, dimension, day, version, provisional, value;

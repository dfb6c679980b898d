-- Finalized vitals: per site, UTC day, page and device, the web vitals' samples of the `$engagement` events
-- finalized that day (0016), under their version and slot: the number of events and each vital's non-zero
-- values as an array. A month of web vitals read and grouped 1.44 million events on the benchmark's largest
-- site, where 96,714 rows of arrays give the same exact percentiles (quantileExact over the arrays' values).
-- The backend's VisitFinalizer writes them beside the day's events; reports read them for the UTC days a range
-- covers whole and the events for the days at its ends (a site's day is not a UTC day). The events already
-- finalized are grouped here, every version and slot present (readers take each day's latest), nothing on a
-- cluster.
CREATE TABLE IF NOT EXISTS {database}.finalized_vitals
(
    site_id UInt32,
    day Date,
    version UInt32,
    provisional UInt8,
    page String,
    device String,
    engagements UInt64,
    lcp Array(UInt32),
    inp Array(UInt32),
    cls Array(Float32)
)
ENGINE = MergeTree()
PARTITION BY (toYYYYMM(day), provisional)
ORDER BY (site_id, day, version, page, device);
INSERT INTO {database}.finalized_vitals
SELECT site_id, toDate(ts), version, provisional, pathname, device, count(), groupArrayIf(lcp_ms, lcp_ms > 0),
    groupArrayIf(inp_ms, inp_ms > 0), groupArrayIf(cls, cls > 0)
FROM {database}.finalized_events
WHERE name = '$engagement'
GROUP BY site_id, toDate(ts), version, provisional, pathname, device;

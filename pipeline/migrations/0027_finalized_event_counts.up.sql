-- Finalized event counts: the events stored per site and UTC day (bots and copies included), for each
-- finalized day. A sampled report's rate is decided by the events stored on the days it reads
-- (`sample=auto`, and stated for a fixed rate too), and counting them read every event's ts: 25 ms of
-- a 30-day request on the benchmark's largest site, half of a sampled overview's budget. The backend's
-- VisitFinalizer now writes the count of each day beside its visits, under the same version and slot:
-- the estimate sums a row per finalized day and counts only the open days' events. The days already
-- finalized are counted here, each under its latest recorded version and slot (nothing on a cluster,
-- where nothing is finalized).
CREATE TABLE IF NOT EXISTS {database}.finalized_event_counts
(
    site_id UInt32,
    day Date,
    version UInt32,
    provisional UInt8,
    events UInt64
)
ENGINE = MergeTree()
PARTITION BY (toYYYYMM(day), provisional)
ORDER BY (site_id, day, version);
INSERT INTO {database}.finalized_event_counts
SELECT site_id, day, latest_version, latest_slot, events
FROM (
    SELECT site_id, toDate(ts) AS day, count() AS events
    FROM {database}.events
    GROUP BY site_id, day
) ANY INNER JOIN (
    SELECT day, max(version) AS latest_version, argMax(provisional, version) AS latest_slot
    FROM {database}.visits_finalized
    GROUP BY day
) USING day;

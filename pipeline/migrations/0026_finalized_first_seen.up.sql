-- Finalized first sightings: each visitor once, on the UTC day of their first-ever event, as a plain row.
-- A retention report's cohorts are the visitors first seen in its range, and visitors_first_seen (0013)
-- knows a visitor's first moment only once its min states are merged: every report merged the site's
-- whole history (113 ms of the benchmark's weekly grid, for a month of visitors; more each month a site
-- lives) to keep the few first seen in its range. The backend's VisitFinalizer now writes, beside each
-- day's visits and under the same version and slot, the visitors first seen that day: reports read the
-- finalized days' cohorts by day, and merge visitors_first_seen only for those active on the open days.
-- A visitor's first day is final once the day is: no later event can precede it.
--
-- Monthly like the other finalized tables: a month the retention drops holds only visitors first seen
-- then, who are in no cohort of a range it keeps. The days already finalized are filled here, each under
-- its latest recorded version and slot (nothing on a cluster, where nothing is finalized).
CREATE TABLE IF NOT EXISTS {database}.finalized_first_seen
(
    site_id UInt32,
    day Date,
    version UInt32,
    provisional UInt8,
    visitor UInt64,
    first_seen DateTime('UTC')
)
ENGINE = MergeTree()
PARTITION BY (toYYYYMM(day), provisional)
ORDER BY (site_id, day, version, first_seen);
INSERT INTO {database}.finalized_first_seen
SELECT site_id, day, latest_version, latest_slot, visitor, first_seen
FROM (
    SELECT site_id, visitor, minMerge(first_seen) AS first_seen, toDate(first_seen) AS day
    FROM {database}.visitors_first_seen
    GROUP BY site_id, visitor
) ANY INNER JOIN (
    SELECT day, max(version) AS latest_version, argMax(provisional, version) AS latest_slot
    FROM {database}.visits_finalized
    GROUP BY day
) USING day;

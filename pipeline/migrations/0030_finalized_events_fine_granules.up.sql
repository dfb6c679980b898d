-- Finalized events in granules of 1,024 rows instead of 8,192: a report over a few of a day's events (a
-- page's clicks under the three click names, a site's errors) reads whole granules around them, and one
-- name of one page or the day's errors are a few hundred rows of a site's day. On the benchmark's month a
-- heatmap's elements query went from 77 to 47 ms (docs/benchmarks.md). A granule's marks cost 8 times
-- the memory (about 9 MB more for 10 million events), and a scan of a whole day reads its marks in finer
-- steps.
CREATE TABLE IF NOT EXISTS {database}.finalized_events_fine AS {database}.finalized_events
ENGINE = MergeTree()
PARTITION BY (toYYYYMM(ts), provisional)
ORDER BY (site_id, toDate(ts), name, pathname)
SETTINGS index_granularity = 1024;
INSERT INTO {database}.finalized_events_fine SELECT * FROM {database}.finalized_events;
RENAME TABLE {database}.finalized_events TO {database}.finalized_events_coarse, {database}.finalized_events_fine TO {database}.finalized_events;
DROP TABLE {database}.finalized_events_coarse;

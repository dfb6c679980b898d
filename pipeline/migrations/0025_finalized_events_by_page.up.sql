-- Finalized events sorted by page within each day and name: the page-scoped reports (a heatmap's clicks,
-- elements and scroll depth, a funnel's page steps, any report filtered to a page) read one page's rows
-- of a name, and with `pathname` in the key ClickHouse skips the granules of every other page instead of
-- reading every event of the name to test its page. On the benchmark's month (docs/benchmarks.md) a
-- page's `$engagement` rows went from 1.94 M rows read to 0.58 M, a funnel's from 2.06 M to 1.33 M. The key
-- serves a page under one name (`name = …`, or a step's `name = … AND pathname = …`), not under a list of
-- names (`name IN (…)`: 18.16 then leaves the next key column unused; range-events.ts).
-- The price: the columns that followed the finalizer's visit order (session, visitor) compress less (the
-- table is about 40% larger).
CREATE TABLE IF NOT EXISTS {database}.finalized_events_by_page AS {database}.finalized_events
ENGINE = MergeTree()
PARTITION BY (toYYYYMM(ts), provisional)
ORDER BY (site_id, toDate(ts), name, pathname);
INSERT INTO {database}.finalized_events_by_page SELECT * FROM {database}.finalized_events;
RENAME TABLE {database}.finalized_events TO {database}.finalized_events_by_name, {database}.finalized_events_by_page TO {database}.finalized_events;
DROP TABLE {database}.finalized_events_by_name;

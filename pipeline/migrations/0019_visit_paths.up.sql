-- Finalized page sequences: each finalized visit's pages in the order it viewed them, one row per visit.
-- The paths reports (a page's next and previous pages, session paths) walk visits, not events: over
-- events they group every pageview of the range by visit and sort it into an array per visit (2 million
-- pageviews and 580,000 visits for a month of a busy site: about 2 s on two cores, every request). Over
-- these rows they read each visit's sequence as it is, with no grouping. The backend's VisitFinalizer
-- writes them beside `visits`, under the same version, from the finalized events (0016) of the visit's
-- pageviews: a visit belongs to the UTC day of its first pageview (`started`), as the paths reports
-- attribute it, and `steps` is its sequence with a page viewed again right after itself (a reload) once.
-- Readers take each day's latest version recorded in visits_finalized, for the days recorded in
-- visit_paths_finalized (paths walk the other days' visits from events, as before).
--
-- The days finalized before this table existed have no sequences: the finalizer fills them at its next
-- run from finalized_events, a week at a time, without finalizing the days again.
CREATE TABLE IF NOT EXISTS {database}.visit_paths
(
    site_id UInt32,
    day Date,
    version UInt32,
    visit_id UInt64,
    started DateTime('UTC'),
    steps Array(String)
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (site_id, day, version, started);
-- The (day, version) pairs whose sequences are written: a day without visits has no row in visit_paths,
-- and a day finalized before 0019 has none until the finalizer fills it.
CREATE TABLE IF NOT EXISTS {database}.visit_paths_finalized
(
    day Date,
    version UInt32
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (day, version);

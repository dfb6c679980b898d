-- First visits: each visit_values row of a page or an element gets when its visitor's previous group of the
-- same value began (`prev_started`; 1970 where none began in the FIRST_VISIT_LOOKBACK_DAYS before it),
-- written by the backend's VisitFinalizer. A breakdown's visitors of a page are then its rows in the range
-- whose previous group began before the range: a count, exact, where `uniq` over a month's page rows hashes
-- every visitor (on the benchmark's largest site 40 ms against 111). The rows of the other dimensions keep
-- the default. The days finalized before have none: they are finalized again at the backend's next run
-- (reports read them from the rollup and raw events until then), as 0016 and 0022 did.
ALTER TABLE {database}.visit_values ADD COLUMN prev_started DateTime('UTC');
ALTER TABLE {database}.visits_finalized DELETE WHERE day >= toDate('1970-01-01');

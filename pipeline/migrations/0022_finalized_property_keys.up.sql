-- Property keys join the finalized event values (visit_values, 0015): a breakdown by prop_key grouped
-- every event with properties of the range per visit and key, and now reads one row per visit and key
-- for the finalized days. The days finalized before have no such rows: they are finalized again,
-- visits included, at the backend's next run (reports read them from the rollup and raw events until
-- then), as 0016 did.
ALTER TABLE {database}.visits_finalized DELETE WHERE day >= toDate('1970-01-01');

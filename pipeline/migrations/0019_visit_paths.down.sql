-- Paths walk every visit's pageviews from events again.
DROP TABLE IF EXISTS {database}.visit_paths_finalized;
DROP TABLE IF EXISTS {database}.visit_paths;

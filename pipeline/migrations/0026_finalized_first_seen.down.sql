-- Cohorts from visitors_first_seen alone again.
DROP TABLE IF EXISTS {database}.finalized_first_seen;

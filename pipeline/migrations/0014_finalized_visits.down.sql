-- Reports read every visit from the per-visit rollup again.
DROP TABLE IF EXISTS {database}.visits_finalized;
DROP TABLE IF EXISTS {database}.visits;

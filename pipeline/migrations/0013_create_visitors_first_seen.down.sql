DROP TABLE IF EXISTS {database}.visitors_first_seen_mv;
DROP TABLE IF EXISTS {database}.visitors_first_seen;

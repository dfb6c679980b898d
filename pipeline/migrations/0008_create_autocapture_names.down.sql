DROP TABLE IF EXISTS {database}.autocapture_names;

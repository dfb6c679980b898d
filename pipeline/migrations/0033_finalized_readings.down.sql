-- Time on page and scroll depth group the finalized events again.
DROP TABLE IF EXISTS {database}.finalized_readings;

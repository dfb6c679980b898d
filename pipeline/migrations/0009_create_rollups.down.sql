DROP TABLE IF EXISTS {database}.sessions_daily_mv;
DROP TABLE IF EXISTS {database}.sessions_daily;
DROP TABLE IF EXISTS {database}.traffic_hourly_mv;
DROP TABLE IF EXISTS {database}.traffic_hourly;

ALTER TABLE {database}.events DROP COLUMN country, DROP COLUMN region, DROP COLUMN city;

ALTER TABLE {database}.events DROP COLUMN language, DROP COLUMN revenue_amount, DROP COLUMN revenue_currency;

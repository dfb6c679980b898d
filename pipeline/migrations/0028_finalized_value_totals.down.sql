-- Breakdowns by an event dimension group the finalized values' rows again.
DROP TABLE IF EXISTS {database}.finalized_value_totals;

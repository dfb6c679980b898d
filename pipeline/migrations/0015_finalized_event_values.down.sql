-- Breakdowns by an event dimension read raw events again.
DROP TABLE IF EXISTS {database}.visit_values;

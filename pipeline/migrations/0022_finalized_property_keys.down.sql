-- Breakdowns by prop_key read raw events again; their finalized rows are of no use.
ALTER TABLE {database}.visit_values DELETE WHERE dimension = 'prop_key';

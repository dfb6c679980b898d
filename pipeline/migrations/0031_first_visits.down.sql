-- Breakdowns count visitors with `uniq` again.
ALTER TABLE {database}.visit_values DROP COLUMN prev_started;

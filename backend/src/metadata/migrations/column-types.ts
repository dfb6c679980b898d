import type { QueryRunner, TableColumnOptions } from 'typeorm';

/** A point in time: `timestamptz` on PostgreSQL, `datetime` (UTC text) on SQLite. */
export const timestampType = (runner: QueryRunner) =>
  runner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';

/** The `id` every table starts with: an integer the database counts up. */
export const idColumn: TableColumnOptions = {
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
};

/** A timestamp column set by the database on insert. */
export const createdColumn = (runner: QueryRunner, name: string): TableColumnOptions => ({
  name,
  type: timestampType(runner),
  default: 'CURRENT_TIMESTAMP',
});

import type { QueryRunner } from 'typeorm';

/** A point in time: `timestamptz` on PostgreSQL, `datetime` (UTC text) on SQLite. */
export const timestampType = (runner: QueryRunner) =>
  runner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';

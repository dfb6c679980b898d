import type { QueryRunner } from 'typeorm';

/**
 * Drops columns, for a `down`. To drop a column on SQLite, TypeORM rebuilds the table (a copy, then DROP TABLE
 * of the old one), and a revert runs inside a transaction, where SQLite can't switch foreign keys off: dropping
 * the old `users` deleted every row referencing it by ON DELETE CASCADE (site grants, known sources, sessions,
 * identities). SQLite (3.35 on) drops a plain column in place instead, as PostgreSQL does.
 */
export async function dropColumns(runner: QueryRunner, table: string, columns: string[]): Promise<void> {
  if (runner.connection.driver.options.type === 'postgres') return runner.dropColumns(table, columns);
  for (const column of columns) await runner.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
}

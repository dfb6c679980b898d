export { runMigrations, rollbackMigrations, loadMigrations, MIGRATIONS_DIR } from './migrations/migrations';
export type { ClickHouseTarget } from './clickhouse-target';

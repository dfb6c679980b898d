export { runMigrations, rollbackMigrations, loadMigrations, MIGRATIONS_DIR } from './migrations/migrations';
export { dropExpiredPartitions, oldestKeptMonth, MONTHLY_TABLES } from './retention/retention';
export { startShipperProcess, SHIPPER_MAIN, type ShipperProcessOptions } from './shipper/process';
export type { ClickHouseTarget } from './clickhouse-target';

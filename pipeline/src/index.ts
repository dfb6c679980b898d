export { runMigrations, rollbackMigrations, loadMigrations, MIGRATIONS_DIR } from './migrations/migrations';
export { dropExpiredPartitions, oldestKeptMonth } from './retention/retention';
export { startShipperProcess, SHIPPER_NODE_ARGS, type ShipperProcessOptions } from './shipper/process';
export { ROTATED_FILE_GRACE_MS } from './shipper/ndjson-files';
export type { ClickHouseTarget } from './clickhouse-target';
// For the tests of every package that needs a real ClickHouse with Sluice's schema.
export { ClickHouseHarness, eventRow, sluiceAccounts } from './testing/clickhouse-harness';
export { eraseSiteData, expireSiteData, siteErasure, type SiteErasure } from './retention/site-data';

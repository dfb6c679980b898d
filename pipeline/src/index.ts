export { runMigrations, rollbackMigrations, loadMigrations, MIGRATIONS_DIR } from './migrations/migrations';
export { dropExpiredPartitions, oldestKeptMonth } from './retention/retention';
export { startShipperProcess, SHIPPER_NODE_ARGS, type ShipperProcessOptions } from './shipper/process';
export { SHIPPER_DEFAULTS } from './shipper/config';
export type { ClickHouseTarget } from './clickhouse-target';
// For the tests of every package that needs a real ClickHouse with Sluice's schema.
export { ClickHouseHarness, eventRow, siteMutations, sluiceAccounts } from './testing/clickhouse-harness';
export { eraseSiteData, expireSiteData, siteErasure, type SiteErasure } from './retention/site-data';

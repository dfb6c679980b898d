export {
  runMigrations,
  rollbackMigrations,
  loadMigrations,
  migrationLabel,
  MIGRATIONS_DIR,
} from './migrations/migrations';
export { dropExpiredPartitions, oldestKeptMonth } from './retention/retention';
export { startShipperProcess, SHIPPER_NODE_ARGS, type ShipperProcessOptions } from './shipper/process';
export { ROTATED_FILE_GRACE_MS } from './shipper/ndjson-files';
export { ADMIN_WORK_OPTIONS, type ClickHouseTarget } from './clickhouse-target';
export { eraseSiteData, expireSiteData, siteErasure, type SiteErasure } from './retention/site-data';
export {
  FINALIZED_RECORDS,
  FINALIZED_TABLES,
  finalizedTimeColumn,
  type FinalizedRecords,
  type FinalizedTable,
} from './finalized-tables';

// `@sluice/pipeline/testing`: for the tests and benchmarks of every package that need a real ClickHouse with
// Sluice's schema. Kept out of the package's main entry so that production code (the backend image) never loads the
// test servers.
export { ClickHouseHarness, eventRow, siteMutations, sluiceAccounts } from './clickhouse-harness';
export {
  startClickHouseFaultProxy,
  type ClickHouseFaultProxy,
  type InsertFault,
  type ProxiedInsert,
} from './clickhouse-fault-proxy';

// The servers the native stack and the tests start (ClickHouse; ZooKeeper and PostgreSQL for tests only) and test
// helpers; the process tools they rest on are re-exported, so a test imports everything from one place.
export * from '@sluice/processes';
export * from './clickhouse';
export * from './zookeeper';
export * from './postgres';
export * from './marker';

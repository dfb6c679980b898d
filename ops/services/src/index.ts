export * from './managed-process';
export * from './wait';
export * from './ports';
export * from './clickhouse';
export * from './zookeeper';
export * from './postgres';
export * from './marker';

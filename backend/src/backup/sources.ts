import { readFileSync } from 'node:fs';
import type { AppConfig } from '../config/app-config.js';
import type { ClickHouseAdmin } from './clickhouse-partitions.js';
import type { MetadataLocation } from './metadata-copy.js';

/** What a backup reads and a restore writes: the stores as the backend's settings name them. */
export interface BackupSources {
  metadata: MetadataLocation;
  sitesFile: string;
  clickhouse: ClickHouseAdmin;
}

export const backupSourcesOf = (
  config: Pick<AppConfig, 'dataDir' | 'databaseUrl' | 'sitesFile' | 'clickhouse'>,
): BackupSources => ({
  metadata: { dataDir: config.dataDir, databaseUrl: config.databaseUrl },
  sitesFile: config.sitesFile,
  clickhouse: {
    url: config.clickhouse.url,
    database: config.clickhouse.database,
    admin: config.clickhouse.admin,
  },
});

/** The version written into each manifest: the backend's package. */
export const SLUICE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

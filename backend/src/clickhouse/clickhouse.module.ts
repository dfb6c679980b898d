import { Module } from '@nestjs/common';
import { ClickHouseService } from './clickhouse.service.js';
import { DataRetention } from './data-retention.js';
import { SchemaMigrations } from './schema-migrations.js';
import { SiteData } from './site-data.js';

@Module({
  providers: [SchemaMigrations, DataRetention, ClickHouseService, SiteData],
  exports: [ClickHouseService, SiteData],
})
export class ClickHouseModule {}

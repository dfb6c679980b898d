import { Module } from '@nestjs/common';
import { ClickHouseService } from './clickhouse.service.js';
import { DataRetention } from './data-retention.js';
import { SchemaMigrations } from './schema-migrations.js';

@Module({ providers: [SchemaMigrations, DataRetention, ClickHouseService], exports: [ClickHouseService] })
export class ClickHouseModule {}

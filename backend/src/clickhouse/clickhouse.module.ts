import { Module } from '@nestjs/common';
import { ClickHouseService } from './clickhouse.service.js';
import { SchemaMigrations } from './schema-migrations.js';

@Module({ providers: [SchemaMigrations, ClickHouseService], exports: [ClickHouseService] })
export class ClickHouseModule {}

import { Module } from '@nestjs/common';
import { ClickHouseService } from './clickhouse.service.js';

@Module({ providers: [ClickHouseService], exports: [ClickHouseService] })
export class ClickHouseModule {}

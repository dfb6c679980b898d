import { Module } from '@nestjs/common';
import { ClickHouseModule } from '../clickhouse/clickhouse.module.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

@Module({ imports: [ClickHouseModule], controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}

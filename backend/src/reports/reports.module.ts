import { Module } from '@nestjs/common';
import { ClickHouseModule } from '../clickhouse/clickhouse.module.js';
import { GoalsModule } from '../goals/goals.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { EventsService } from './events.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';
import { VisitFinalizer } from './visit-finalizer.js';

@Module({
  imports: [ClickHouseModule, SitesModule, GoalsModule],
  controllers: [ReportsController],
  providers: [ReportsService, EventsService, VisitFinalizer],
  exports: [ReportsService, VisitFinalizer],
})
export class ReportsModule {}

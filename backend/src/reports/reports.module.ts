import { Module } from '@nestjs/common';
import { ClickHouseModule } from '../clickhouse/clickhouse.module.js';
import { GoalsModule } from '../goals/goals.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { ErrorsController } from './errors/errors.controller.js';
import { ErrorsService } from './errors/errors.service.js';
import { EventsService } from './events.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';
import { VitalsController } from './vitals/vitals.controller.js';
import { VitalsService } from './vitals/vitals.service.js';

@Module({
  imports: [ClickHouseModule, SitesModule, GoalsModule],
  controllers: [ReportsController, ErrorsController, VitalsController],
  providers: [ReportsService, EventsService, ErrorsService, VitalsService],
  exports: [ReportsService],
})
export class ReportsModule {}

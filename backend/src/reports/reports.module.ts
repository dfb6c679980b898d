import { Module } from '@nestjs/common';
import { ClickHouseModule } from '../clickhouse/clickhouse.module.js';
import { GoalsModule } from '../goals/goals.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { EventsService } from './events.service.js';
import { HeatmapController } from './heatmap/heatmap.controller.js';
import { HeatmapService } from './heatmap/heatmap.service.js';
import { PathsController } from './paths/paths.controller.js';
import { PathsService } from './paths/paths.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [ClickHouseModule, SitesModule, GoalsModule],
  controllers: [ReportsController, PathsController, HeatmapController],
  providers: [ReportsService, EventsService, PathsService, HeatmapService],
  exports: [ReportsService],
})
export class ReportsModule {}

import { Module } from '@nestjs/common';
import { ClickHouseModule } from '../clickhouse/clickhouse.module.js';
import { GoalsModule } from '../goals/goals.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { EventsService } from './events.service.js';
import { FunnelController } from './funnel/funnel.controller.js';
import { FunnelService } from './funnel/funnel.service.js';
import { RealtimeController } from './realtime/realtime.controller.js';
import { RealtimeHub } from './realtime/realtime-hub.js';
import { RealtimeService } from './realtime/realtime.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';
import { RetentionController } from './retention/retention.controller.js';
import { RetentionService } from './retention/retention.service.js';

@Module({
  imports: [ClickHouseModule, SitesModule, GoalsModule],
  controllers: [ReportsController, FunnelController, RetentionController, RealtimeController],
  providers: [ReportsService, EventsService, FunnelService, RetentionService, RealtimeService, RealtimeHub],
  exports: [ReportsService],
})
export class ReportsModule {}

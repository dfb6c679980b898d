import { ExperimentController } from './experiment/experiment.controller.js';
import { ExperimentService } from './experiment/experiment.service.js';
import { Module } from '@nestjs/common';
import { ClickHouseModule } from '../clickhouse/clickhouse.module.js';
import { GoalsModule } from '../goals/goals.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { EngagementController } from './engagement/engagement.controller.js';
import { EngagementService } from './engagement/engagement.service.js';
import { ErrorsController } from './errors/errors.controller.js';
import { ErrorsService } from './errors/errors.service.js';
import { EventsService } from './events.service.js';
import { FunnelController } from './funnel/funnel.controller.js';
import { FunnelService } from './funnel/funnel.service.js';
import { HeatmapController } from './heatmap/heatmap.controller.js';
import { HeatmapService } from './heatmap/heatmap.service.js';
import { PageFramingService } from './heatmap/page-framing.service.js';
import { PathsController } from './paths/paths.controller.js';
import { PathsService } from './paths/paths.service.js';
import { RealtimeController } from './realtime/realtime.controller.js';
import { RealtimeHub } from './realtime/realtime-hub.js';
import { RealtimeService } from './realtime/realtime.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';
import { RetentionController } from './retention/retention.controller.js';
import { RetentionService } from './retention/retention.service.js';
import { VitalsController } from './vitals/vitals.controller.js';
import { VisitFinalizer } from './visit-finalizer.js';
import { VitalsService } from './vitals/vitals.service.js';

@Module({
  imports: [ClickHouseModule, SitesModule, GoalsModule],
  controllers: [
    ReportsController,
    FunnelController,
    RetentionController,
    RealtimeController,
    ErrorsController,
    VitalsController,
    EngagementController,
    PathsController,
    HeatmapController,
    ExperimentController,
  ],
  providers: [
    ReportsService,
    EventsService,
    FunnelService,
    RetentionService,
    RealtimeService,
    RealtimeHub,
    ErrorsService,
    VitalsService,
    EngagementService,
    PathsService,
    HeatmapService,
    PageFramingService,
    ExperimentService,
    VisitFinalizer,
  ],
  exports: [ReportsService, FunnelService, RetentionService, PathsService, VisitFinalizer],
})
export class ReportsModule {}

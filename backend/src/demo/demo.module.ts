import { Module } from '@nestjs/common';
import { AnnotationsModule } from '../annotations/annotations.module.js';
import { DashboardsModule } from '../dashboards/dashboards.module.js';
import { FeatureFlagsModule } from '../flags/feature-flags.module.js';
import { GoalsModule } from '../goals/goals.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { SegmentsModule } from '../segments/segments.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { DemoSitesController } from './demo-sites.controller.js';
import { DemoRows } from './demo-rows.js';
import { DemoSites } from './demo-sites.service.js';
import { LiveDemoTraffic } from './live-demo-traffic.js';

/** Demo sites: a month of generated traffic on a site of its own. */
@Module({
  imports: [
    SitesModule,
    GoalsModule,
    DashboardsModule,
    ReportsModule,
    AnnotationsModule,
    SegmentsModule,
    FeatureFlagsModule,
  ],
  controllers: [DemoSitesController],
  providers: [DemoSites, DemoRows, LiveDemoTraffic],
})
export class DemoModule {}

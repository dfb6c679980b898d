import { Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AiProviderModule } from './ai/ai-provider.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { AnnotationsModule } from './annotations/annotations.module.js';
import { SegmentsModule } from './segments/segments.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BackupsModule } from './backup/backups.module.js';
import { ClickHouseModule } from './clickhouse/clickhouse.module.js';
import { DashboardsModule } from './dashboards/dashboards.module.js';
import { DemoModule } from './demo/demo.module.js';
import { DigestsModule } from './digests/digests.module.js';
import { ErrorFilter } from './common/error.filter.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { FeatureFlagsModule } from './flags/feature-flags.module.js';
import { GoalsModule } from './goals/goals.module.js';
import { HealthModule } from './health/health.module.js';
import { NamingModule } from './naming/naming.module.js';
import { MetadataModule } from './metadata/metadata.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { QuestionsModule } from './questions/questions.module.js';
import { IngestHealthModule } from './ingest-health/ingest-health.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { SharedLinksModule } from './shared-links/shared-links.module.js';
import { SitesModule } from './sites/sites.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule implements OnApplicationShutdown {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      // ClickHouse is imported here too: its migrations run at start whichever modules use it.
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule,
        MetadataModule,
        AuthModule,
        UsersModule,
        AuditModule,
        HealthModule,
        ClickHouseModule,
        SitesModule,
        GoalsModule,
        AnnotationsModule,
        SegmentsModule,
        FeatureFlagsModule,
        ReportsModule,
        DemoModule,
        DashboardsModule,
        SharedLinksModule,
        IngestHealthModule,
        AiProviderModule,
        NamingModule,
        QuestionsModule,
        AlertsModule,
        DigestsModule,
        BackupsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }

  /** Runs after every module has closed (ClickHouse connections, the HTTP server): the clean end of a SIGTERM. */
  onApplicationShutdown(signal?: string): void {
    new Logger('Backend').log(`Stopped${signal ? ` on ${signal}` : ''}`);
  }
}

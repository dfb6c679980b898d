import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { ClickHouseModule } from '../clickhouse/clickhouse.module.js';
import { UsersModule } from '../users/users.module.js';
import { SiteRecord } from './site.entity.js';
import { PipelineProgress } from './pipeline-progress.js';
import { SiteDeletions } from './site-deletions.js';
import { SiteRetention } from './site-retention.js';
import { SitesController } from './sites.controller.js';
import { SitesFile } from './sites-file.js';
import { SitesTableRepository } from './sites-table.repository.js';
import { SitesRepository } from './sites.repository.js';
import { SitesService } from './sites.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([SiteRecord]), UsersModule, AuditModule, ClickHouseModule],
  controllers: [SitesController],
  providers: [
    SitesService,
    SitesFile,
    SiteRetention,
    SiteDeletions,
    PipelineProgress,
    { provide: SitesRepository, useClass: SitesTableRepository },
  ],
  exports: [SitesService],
})
export class SitesModule {}

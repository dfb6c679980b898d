import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { SigningSecretModule } from '../auth/signing-secret.js';
import { DashboardsModule } from '../dashboards/dashboards.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { UsersModule } from '../users/users.module.js';
import { SharedLink } from './shared-link.entity.js';
import { SharedLinkTokens } from './shared-link-tokens.js';
import { SharedLinksController } from './shared-links.controller.js';
import { SharedLinksRepository } from './shared-links.repository.js';
import { SharedLinksService } from './shared-links.service.js';
import { SharedController } from './shared.controller.js';
import { SharedViewsService } from './shared-views.service.js';

/** Shared links: managed under a site by its admins, opened by anyone with the token under /api/shared. */
@Module({
  imports: [
    TypeOrmModule.forFeature([SharedLink]),
    AuditModule,
    DashboardsModule,
    ReportsModule,
    SitesModule,
    UsersModule,
    SigningSecretModule,
  ],
  controllers: [SharedLinksController, SharedController],
  providers: [SharedLinksRepository, SharedLinkTokens, SharedLinksService, SharedViewsService],
})
export class SharedLinksModule {}

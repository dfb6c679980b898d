import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { DashboardWidget } from './dashboard-widget.entity.js';
import { Dashboard } from './dashboard.entity.js';
import { DashboardsController } from './dashboards.controller.js';
import { DashboardsRepository } from './dashboards.repository.js';
import { DashboardsService } from './dashboards.service.js';

/** Dashboards of saved report views per site, in the metadata database. */
@Module({
  imports: [TypeOrmModule.forFeature([Dashboard, DashboardWidget]), AuditModule],
  controllers: [DashboardsController],
  providers: [DashboardsRepository, DashboardsService],
  exports: [DashboardsService],
})
export class DashboardsModule {}

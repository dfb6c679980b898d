import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { BackupsController } from './backups.controller.js';
import { BackupsService } from './backups.service.js';
import { ScheduledBackups } from './scheduled-backups.js';

/** Backups for owners (a button in the panel, a download) and on a schedule; restore is the CLI's (cli.ts). */
@Module({
  imports: [AuditModule],
  controllers: [BackupsController],
  providers: [BackupsService, ScheduledBackups],
})
export class BackupsModule {}

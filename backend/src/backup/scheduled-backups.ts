import { Inject, Injectable } from '@nestjs/common';
import { DAY_MS, HOUR_MS, RecurringJob } from '../common/recurring-job.js';
import { APP_CONFIG, type AppConfig, type BackupSchedule } from '../config/app-config.js';
import { BackupsService } from './backups.service.js';

const INTERVAL_MS: Record<Exclude<BackupSchedule, 'off'>, number> = {
  hourly: HOUR_MS,
  daily: DAY_MS,
  weekly: 7 * DAY_MS,
};

/**
 * SLUICE_BACKUP_SCHEDULE: looks hourly whether the newest archive in the folder is a schedule's interval old,
 * and backs up then. Going by the folder rather than a timer means a restart neither skips a backup nor takes
 * an extra one. Off by default.
 */
@Injectable()
export class ScheduledBackups extends RecurringJob {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly backups: BackupsService,
  ) {
    super(HOUR_MS);
  }

  protected override isEnabled(): boolean {
    return this.config.backup.schedule !== 'off';
  }

  protected async run(): Promise<void> {
    const { schedule, passphrase } = this.config.backup;
    // The settings check makes a schedule without a passphrase refuse to start (loadAppConfig).
    if (schedule === 'off' || passphrase === undefined || this.backups.isRunning()) return;
    const newestAt = await this.backups.newestAt();
    if (newestAt !== undefined && Date.now() - newestAt < INTERVAL_MS[schedule]) return;
    await this.backups.runScheduled(passphrase);
  }
}

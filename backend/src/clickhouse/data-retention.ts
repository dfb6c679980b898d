import { Inject, Injectable, Logger } from '@nestjs/common';
import { dropExpiredPartitions } from '@sluice/pipeline';
import { DAY_MS, RecurringJob } from '../common/recurring-job.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { errorMessage } from '../common/error-message.js';

/**
 * Keeps RETENTION_MONTHS of events and rollups, server-wide: drops the monthly partitions older than
 * that (as the admin account). A site may keep fewer months (SiteRetention).
 */
@Injectable()
export class DataRetention extends RecurringJob {
  private readonly logger = new Logger('Retention');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super(DAY_MS);
  }

  protected override isEnabled(): boolean {
    if (this.config.retentionMonths !== null) return true;
    this.logger.log('RETENTION_MONTHS is not set: events are kept until deleted');
    return false;
  }

  protected async run(): Promise<void> {
    const { url, database, cluster, admin } = this.config.clickhouse;
    try {
      const { dropped } = await dropExpiredPartitions({
        url,
        database,
        cluster,
        ...admin,
        months: this.config.retentionMonths!,
        log: (line) => this.logger.log(line),
      });
      this.logger.log(`Kept ${this.config.retentionMonths} months; dropped ${dropped.length} partition(s)`);
    } catch (error) {
      this.logger.error(`Retention failed: ${errorMessage(error)}`);
    }
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { dropExpiredPartitions } from '@sluice/pipeline';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps RETENTION_MONTHS of events and rollups: at start, then daily, drops the monthly partitions
 * older than that (as the admin account). A failed run is logged and tried again the next day.
 */
@Injectable()
export class DataRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Retention');
  private timer?: NodeJS.Timeout;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    if (this.config.retentionMonths === null) {
      this.logger.log('RETENTION_MONTHS is not set: events are kept until deleted');
      return;
    }
    void this.run();
    this.timer = setInterval(() => void this.run(), DAY_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async run(): Promise<void> {
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
      this.logger.error(`Retention failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

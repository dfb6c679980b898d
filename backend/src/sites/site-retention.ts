import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SiteData } from '../clickhouse/site-data.js';
import { SitesRepository } from './sites.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Each site's own retention (`retentionMonths`, fewer months than the server keeps): at start, then
 * daily, deletes its older months. A failure is logged and tried again the next day.
 */
@Injectable()
export class SiteRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Retention');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly sites: SitesRepository,
    private readonly data: SiteData,
  ) {}

  onApplicationBootstrap(): void {
    void this.run();
    this.timer = setInterval(() => void this.run(), DAY_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<void> {
    for (const site of await this.sites.list()) {
      if (site.retentionMonths === null) continue;
      try {
        await this.data.expire(site.id, site.retentionMonths);
        this.logger.log(`Site ${site.id}: keeping ${site.retentionMonths} months`);
      } catch (error) {
        this.logger.error(
          `Site ${site.id}: retention failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}

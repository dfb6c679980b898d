import { Injectable, Logger } from '@nestjs/common';
import { SiteData } from '../clickhouse/site-data.js';
import { DAY_MS, RecurringJob } from '../common/recurring-job.js';
import { SitesRepository } from './sites.repository.js';
import { errorMessage } from '../common/error-message.js';

/**
 * Each site's own retention (`retentionMonths`, fewer months than the server keeps): deletes its
 * older months. A site that fails is logged and tried again the next day; the others go on.
 */
@Injectable()
export class SiteRetention extends RecurringJob {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly sites: SitesRepository,
    private readonly data: SiteData,
  ) {
    super(DAY_MS);
  }

  protected async run(): Promise<void> {
    for (const site of await this.sites.list()) {
      if (site.retentionMonths === null) continue;
      try {
        await this.data.expire(site.id, site.retentionMonths);
        this.logger.log(`Site ${site.id}: keeping ${site.retentionMonths} months`);
      } catch (error) {
        this.logger.error(`Site ${site.id}: retention failed: ${errorMessage(error)}`);
      }
    }
  }
}

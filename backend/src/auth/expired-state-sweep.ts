import { Injectable, Logger } from '@nestjs/common';
import { HOUR_MS, RecurringJob } from '../common/recurring-job.js';
import { LoginThrottle } from './login-throttle.js';

/** Hourly, removes what has run out from the metadata database: old sign-in counts and known sources. */
@Injectable()
export class ExpiredStateSweep extends RecurringJob {
  private readonly logger = new Logger('State');

  constructor(private readonly throttle: LoginThrottle) {
    super(HOUR_MS);
  }

  protected async run(): Promise<void> {
    try {
      const removed = await this.throttle.removeExpired();
      if (removed > 0) this.logger.log(`Removed ${removed} expired entries`);
    } catch (error) {
      this.logger.error(`Sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

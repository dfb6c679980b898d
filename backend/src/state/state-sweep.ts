import { Injectable, Logger } from '@nestjs/common';
import { HOUR_MS, RecurringJob } from '../common/recurring-job.js';
import { StateStore } from './state-store.js';

/** Hourly, removes the state store's expired values (see `Expiring`). */
@Injectable()
export class StateSweep extends RecurringJob {
  private readonly logger = new Logger('State');

  constructor(private readonly state: StateStore) {
    super(HOUR_MS);
  }

  protected async run(): Promise<void> {
    try {
      const removed = this.state.sweepExpired();
      if (removed > 0) this.logger.log(`Removed ${removed} expired entries`);
    } catch (error) {
      this.logger.error(`Sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { HOUR_MS, RecurringJob } from '../common/recurring-job.js';
import { RefreshTokens } from '../sessions/refresh-tokens.js';
import { LoginThrottle } from './login-throttle.js';
import { errorMessage } from '../common/error-message.js';

/**
 * Hourly, removes what has run out from the metadata database: sessions never refreshed again, old
 * sign-in counts and known sources.
 */
@Injectable()
export class ExpiredStateSweep extends RecurringJob {
  private readonly logger = new Logger('State');

  constructor(
    private readonly sessions: RefreshTokens,
    private readonly throttle: LoginThrottle,
  ) {
    super(HOUR_MS);
  }

  /** How many entries went. */
  async removeExpired(): Promise<number> {
    return (await this.sessions.removeExpired()) + (await this.throttle.removeExpired());
  }

  protected async run(): Promise<void> {
    try {
      const removed = await this.removeExpired();
      if (removed > 0) this.logger.log(`Removed ${removed} expired entries`);
    } catch (error) {
      this.logger.error(`Sweep failed: ${errorMessage(error)}`);
    }
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '../common/error-message.js';
import { HOUR_MS, RecurringJob } from '../common/recurring-job.js';
import { Mailer } from '../mail/mailer.js';
import { DigestsService } from './digests.service.js';

/** Sends the digests that are due, hourly: a week's digest goes out in the first hour after it ends. */
@Injectable()
export class WeeklyDigests extends RecurringJob {
  private readonly logger = new Logger('WeeklyDigests');

  constructor(
    private readonly digests: DigestsService,
    private readonly mailer: Mailer,
  ) {
    super(HOUR_MS);
  }

  protected override isEnabled(): boolean {
    return this.mailer.configured;
  }

  protected async run(): Promise<void> {
    await this.digests
      .sendDue(Date.now())
      .catch((error: unknown) =>
        this.logger.error(`Digests not all sent (${errorMessage(error)}); the next run tries again`),
      );
  }
}

import { Injectable } from '@nestjs/common';
import { HOUR_MS, RecurringJob } from '../common/recurring-job.js';
import { Mailer } from '../mail/mailer.js';
import { DigestsService } from './digests.service.js';

/** Sends the digests that are due, hourly: a week's digest goes out in the first hour after it ends. */
@Injectable()
export class WeeklyDigests extends RecurringJob {
  constructor(
    private readonly digests: DigestsService,
    private readonly mailer: Mailer,
  ) {
    super(HOUR_MS);
  }

  protected override isEnabled(): boolean {
    return this.mailer.configured;
  }

  protected run(): Promise<void> {
    return this.digests.sendDue(Date.now());
  }
}

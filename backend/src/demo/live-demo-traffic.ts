import { Injectable, Logger } from '@nestjs/common';
import { DEMO_SITE } from '@sluice/config';
import { errorMessage } from '../common/error-message.js';
import { RecurringJob } from '../common/recurring-job.js';
import { SitesService } from '../sites/sites.service.js';
import { DemoRows } from './demo-rows.js';
import { demoRowChunks, liveDayPlans } from './demo-traffic.js';

/**
 * How often a demo site's new rows are written: realtime moves within seconds. How many arrive follows the
 * generated day's curve, as a live site's do: a few a minute by day in its time zone, far fewer at night.
 */
const LIVE_EVERY_MS = 15_000;

/**
 * A demo site's traffic goes on after its two months: every LIVE_EVERY_MS, the rows of the moments since
 * the last run, each moment written once, so realtime and today's figures move as a live site's do. It
 * follows a demo site from the moment its months end (`follow`), and, after a restart, every demo site from
 * the first run on (the time the backend was down stays empty). A deleted demo site is left at once. While
 * ClickHouse is away the moments wait, written at the first run it is back; that it is away is said once.
 */
@Injectable()
export class LiveDemoTraffic extends RecurringJob {
  private readonly logger = new Logger('DemoSite');
  /** Per followed demo site, the instant its rows are written up to. */
  private readonly writtenUntil = new Map<number, Date>();
  private started = false;
  private running?: Promise<void>;
  private failing = false;

  constructor(
    private readonly sites: SitesService,
    private readonly rows: DemoRows,
  ) {
    super(LIVE_EVERY_MS);
  }

  /** A demo site's rows are written up to `until`: its live traffic starts there. */
  follow(siteId: number, until: Date): void {
    this.writtenUntil.set(siteId, until);
  }

  /** Writes every followed demo site's rows up to `now`. One run at a time: a call during a run waits for it. */
  async writeUpTo(now: Date): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.writeSites(now).finally(() => (this.running = undefined));
    await this.running;
  }

  protected async run(): Promise<void> {
    try {
      await this.writeUpTo(new Date());
      if (this.failing) this.logger.log('Live demo traffic is written again');
      this.failing = false;
    } catch (error) {
      if (!this.failing)
        this.logger.warn(`Live demo traffic waits: ${errorMessage(error)}; it is written once this passes`);
      this.failing = true;
    }
  }

  private async writeSites(now: Date): Promise<void> {
    const demos = (await this.sites.list()).filter(({ domain }) => domain === DEMO_SITE.domain);
    if (!this.started) {
      for (const { id } of demos) if (!this.writtenUntil.has(id)) this.writtenUntil.set(id, now);
      this.started = true;
    }
    const active = new Set(demos.map(({ id }) => id));
    for (const [siteId, from] of this.writtenUntil) {
      if (!active.has(siteId)) this.writtenUntil.delete(siteId);
      else if (from < now) {
        const chunks = liveDayPlans(from, now).flatMap((plan) => [
          ...demoRowChunks(siteId, plan, { from, until: now }),
        ]);
        await this.rows.insert(chunks);
        this.writtenUntil.set(siteId, now);
      }
    }
  }
}

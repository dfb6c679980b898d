import { Injectable, Logger } from '@nestjs/common';
import { SITES_FILE_APPLIED_WITHIN_MS } from '@sluice/config';
import { setTimeout as sleep } from 'node:timers/promises';
import { SiteData } from '../clickhouse/site-data.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { HOUR_MS, RecurringJob } from '../common/recurring-job.js';
import { SiteAccess } from '../users/site-access.js';
import { PipelineProgress } from './pipeline-progress.js';
import { activeSiteStatus, deletedSiteStatus, type DeletionStage, type SiteStatus } from './site.js';
import { SitesRepository } from './sites.repository.js';
import { errorMessage } from '../common/error-message.js';

/** How often an erasure looks whether ClickHouse has applied its mutations. */
const ERASURE_POLL_MS = 1000;

/**
 * Deleting a site's data so that the deletion holds. Rows erased while the edge still accepts the site's
 * key, or while its lines wait in the NDJSON files and the pipeline, would arrive after the erasure and
 * survive it; so, once SitesService has taken the site out of the sites file:
 * 1. intake stops: within SITES_FILE_APPLIED_WITHIN_MS the edge refuses the key, and everything it took
 *    before is in its NDJSON files;
 * 2. the pipeline passes that moment (PipelineProgress): every line written before is in ClickHouse;
 * 3. the site's rows are erased from every table, and the deletion is done once ClickHouse has applied
 *    the mutations and no row is left (rows that came in meanwhile are erased again).
 * Deletions are recorded on the site's row, so one a stop interrupts resumes at the next start. Rows that
 * still arrive later (a dead letter replayed, a pipeline that can't say how far it has come) are found by
 * the hourly sweep of every deleted site; a deleted site's id is never given to another site.
 */
@Injectable()
export class SiteDeletions extends RecurringJob {
  private readonly logger = new Logger('SiteDeletion');
  private readonly underWay = new Map<number, DeletionStage>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly sites: SitesRepository,
    private readonly data: SiteData,
    private readonly pipeline: PipelineProgress,
    private readonly access: SiteAccess,
  ) {
    super(HOUR_MS);
  }

  /** Carries out the deletion of a site that has just left the sites file (once at a time). */
  begin(siteId: number): void {
    if (!this.underWay.has(siteId)) void this.carryOut(siteId);
  }

  /** The site's status: active, or how far its deletion has come. */
  async status(siteId: number): Promise<SiteStatus> {
    const deletion = await this.sites.findDeletion(siteId);
    if (deletion) return deletedSiteStatus(deletion, this.underWay.get(siteId));
    const site = await this.sites.findById(siteId);
    if (!site) throw new DomainError(ErrorCode.NotFound, `site ${siteId} not found`);
    return activeSiteStatus(site);
  }

  /** At start and every hour: resumes deletions a stop interrupted, and sweeps late rows of the others. */
  protected async run(): Promise<void> {
    for (const { siteId, erasedAt } of await this.sites.deletions()) {
      if (erasedAt === null) {
        this.begin(siteId);
        continue;
      }
      try {
        const { holding, mutating } = await this.data.erasure(siteId);
        if (holding.length === 0 || mutating) continue;
        this.logger.warn(`Deleted site ${siteId}: rows arrived late in ${holding.join(', ')}; erasing them`);
        await this.data.erase(siteId);
      } catch (error) {
        this.logger.error(
          `Deleted site ${siteId}: the sweep failed (${errorMessage(error)}); next hour again`,
        );
      }
    }
  }

  override onModuleDestroy(): void {
    super.onModuleDestroy();
    this.stopping.abort();
  }

  private async carryOut(siteId: number): Promise<void> {
    const stop = this.stopping.signal;
    try {
      this.underWay.set(siteId, 'stopping-intake');
      await sleep(SITES_FILE_APPLIED_WITHIN_MS, undefined, { signal: stop });
      const intakeStopped = Date.now();
      this.underWay.set(siteId, 'draining');
      await this.pipeline.passed(intakeStopped, stop);
      this.underWay.set(siteId, 'erasing');
      await this.erase(siteId, stop);
      await this.sites.markErased(siteId, new Date());
      await this.access.revokeSite(siteId);
      this.logger.log(`Deleted site ${siteId}: its data is erased from every table`);
    } catch (error) {
      // A stop leaves the deletion to the next start; a failure to the next hourly run.
      if (!stop.aborted)
        this.logger.error(
          `Deleting site ${siteId} failed (${errorMessage(error)}); it resumes within the hour`,
        );
    } finally {
      this.underWay.delete(siteId);
    }
  }

  /** Erases the site's rows until ClickHouse has applied every mutation and none is left. */
  private async erase(siteId: number, stop: AbortSignal): Promise<void> {
    for (;;) {
      await this.data.erase(siteId);
      let erasure = await this.data.erasure(siteId);
      while (erasure.holding.length > 0 && erasure.mutating) {
        await sleep(ERASURE_POLL_MS, undefined, { signal: stop });
        erasure = await this.data.erasure(siteId);
      }
      if (erasure.holding.length === 0) return;
      this.logger.warn(`Deleting site ${siteId}: rows arrived during the erasure; erasing again`);
    }
  }
}

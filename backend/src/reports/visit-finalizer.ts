import { Inject, Injectable, Logger } from '@nestjs/common';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { ADMIN_WORK_OPTIONS } from '@sluice/pipeline';
import { render, type SqlFragment } from '../clickhouse/sql-binder.js';
import { addDays } from '../common/calendar.js';
import { errorMessage } from '../common/error-message.js';
import { HOUR_MS, RecurringJob } from '../common/recurring-job.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import {
  dropSupersededSql,
  FINALIZED_EVENT_DIMENSIONS,
  FINALIZED_TABLES,
  finalizeEventsSql,
  finalizeSql,
  finalizeValuesSql,
  firstRollupDaySql,
  recordSql,
  supersededCountSql,
  watermarkSql,
} from './query/finalized-visits.js';
import { finalizePathsSql, pathsCoverageSql } from './query/finalized-paths.js';

/** Days merged by one INSERT: a week of every site's visits stays well within the memory limit. */
const DAYS_PER_WRITE = 7;

/**
 * Writes the finalized visits, their event values, events (query/finalized-visits.ts) and page sequences
 * (query/finalized-paths.ts) hourly, as the admin account, and knows the
 * last finalized day for the planner. Idempotent: it continues from the last day recorded in
 * `visits_finalized`, so a run that stops midway is resumed; days are recorded in order, so the
 * finalized days are always every day up to the last.
 *
 * Events of a finalized day that arrive later are not in its visits: to finalize days again from D on,
 * `ALTER TABLE visits_finalized DELETE WHERE day >= 'D'` (docs/operations.md); until the next run
 * reports read them from the rollup, then from their new rows.
 */
@Injectable()
export class VisitFinalizer extends RecurringJob {
  private readonly logger = new Logger('VisitFinalizer');
  private readonly client: ClickHouseClient;
  private through?: string;
  private pathsThrough?: string;
  private running?: Promise<void>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super(HOUR_MS);
    const { url, database, admin } = config.clickhouse;
    this.client = createClient({ url, database, ...admin, ...ADMIN_WORK_OPTIONS });
  }

  /** The last UTC day whose visits reports read from `visits`; undefined before the first run. */
  finalizedThrough(): string | undefined {
    return this.through;
  }

  /**
   * The last UTC day up to which every finalized day's page sequences are written (migration 0019), which
   * the paths reports read; undefined before the first run. Behind `finalizedThrough` while the days
   * finalized before 0019 are being filled.
   */
  finalizedPathsThrough(): string | undefined {
    return this.pathsThrough;
  }

  /**
   * Not on a cluster: there reports would read `visits` through Distributed tables with a
   * Distributed subquery, which ClickHouse refuses by default (distributed_product_mode), and the
   * rollup's merge is spread over the shards anyway.
   */
  protected override isEnabled(): boolean {
    return this.config.finalizeVisits && this.config.clickhouse.cluster === undefined;
  }

  protected async run(): Promise<void> {
    try {
      await this.finalize(new Date());
    } catch (error) {
      this.logger.error(`Finalizing visits failed: ${errorMessage(error)}`);
    }
  }

  /**
   * Finalizes every day after the last recorded one up to `finalizeAfterDays` before `now`'s UTC day
   * (from the rollup's first day on the first run). One run at a time: a call during a run waits for it.
   */
  finalize(now: Date): Promise<void> {
    this.running ??= this.finalizeDays(now).finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * Writes the days from `from` on again, under a new version, where they are finalized already (rows were
   * written into them since: a demo site's month), then, where the hourly job runs, finalizes the days
   * after as it does. Days before the first finalized one are written too: they may be new to the rollup.
   * After any run under way.
   */
  async finalizeAgain(from: string, now: Date): Promise<void> {
    if (this.config.clickhouse.cluster !== undefined) return;
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.finalizeDaysAgain(from, now).finally(() => (this.running = undefined));
    await this.running;
    if (this.isEnabled()) await this.finalize(now);
  }

  private async finalizeDaysAgain(from: string, now: Date): Promise<void> {
    const [mark] = await this.rows<{ day: string; version: number; days: string }>(watermarkSql);
    if (Number(mark.days) > 0 && from <= mark.day)
      await this.finalizeNewDays(from, mark.day, Number(mark.version), now);
  }

  private async finalizeDays(now: Date): Promise<void> {
    const [mark] = await this.rows<{ day: string; version: number; days: string }>(watermarkSql);
    const last = addDays(now.toISOString().slice(0, 10), -this.config.finalizeAfterDays);
    const recorded = Number(mark.days) > 0 ? mark.day : undefined;
    const first = recorded ? addDays(recorded, 1) : await this.firstRollupDay();
    this.through = recorded;
    await this.updatePathsThrough();
    if (first !== undefined && first <= last)
      await this.finalizeNewDays(first, last, Number(mark.version), now);
    await this.fillPaths();
  }

  private async finalizeNewDays(first: string, last: string, lastVersion: number, now: Date): Promise<void> {
    // Each write gets a version above every recorded one, even within the same second.
    let version = Math.max(Math.floor(now.getTime() / 1000), lastVersion + 1);
    for (let from = first; from <= last; from = addDays(from, DAYS_PER_WRITE)) {
      const to = [addDays(from, DAYS_PER_WRITE - 1), last].sort()[0];
      await this.command(finalizeSql(from, to, version));
      for (const dimension of FINALIZED_EVENT_DIMENSIONS) {
        await this.command(finalizeValuesSql(dimension, from, to, version));
      }
      await this.command(finalizeEventsSql(from, to, version));
      await this.command(finalizePathsSql({ from, to }, version, to));
      await this.command(recordSql(from, to, version, 'visit_paths_finalized'));
      await this.command(recordSql(from, to, version));
      await this.dropSuperseded(from, to, version);
      this.through = to;
      await this.updatePathsThrough();
      this.logger.log(`Finalized the visits of ${from} to ${to} (version ${version})`);
      version += 1;
    }
  }

  /**
   * Writes the page sequences of the finalized days that have none (the days finalized before migration
   * 0019), from the finalized events, without finalizing the days again: in runs of at most DAYS_PER_WRITE
   * consecutive days sharing a recorded version, oldest first, each written under that version and
   * recorded, so the paths reports read the days filled so far (`finalizedPathsThrough`) while the rest
   * are filled, and a run that stops midway is resumed.
   */
  private async fillPaths(): Promise<void> {
    const through = this.through;
    if (through === undefined) return;
    let missing = (await this.pathsCoverage()).filter(({ written }) => !written);
    while (missing.length > 0) {
      const [{ day: from, version }] = missing;
      let count = 1;
      while (
        count < Math.min(DAYS_PER_WRITE, missing.length) &&
        missing[count].version === version &&
        missing[count].day === addDays(from, count)
      ) {
        count += 1;
      }
      const to = missing[count - 1].day;
      await this.command(finalizePathsSql({ from, to }, version, through));
      await this.command(recordSql(from, to, version, 'visit_paths_finalized'));
      await this.updatePathsThrough();
      this.logger.log(`Wrote the page sequences of ${from} to ${to} (version ${version})`);
      missing = missing.slice(count);
    }
  }

  /** Each finalized day's latest version, and whether its page sequences are written, in day order. */
  private async pathsCoverage(): Promise<Array<{ day: string; version: number; written: boolean }>> {
    const rows = await this.rows<{ day: string; version: number; written: number }>(pathsCoverageSql);
    return rows.map(({ day, version, written }) => ({
      day,
      version: Number(version),
      written: written === 1,
    }));
  }

  /** The last day up to which every finalized day's page sequences are written. */
  private async updatePathsThrough(): Promise<void> {
    const days = await this.pathsCoverage();
    const unwritten = days.findIndex(({ written }) => !written);
    this.pathsThrough = (unwritten === -1 ? days.at(-1) : days[unwritten - 1])?.day;
  }

  /** The rollup's first day, or undefined while it is empty. */
  private async firstRollupDay(): Promise<string | undefined> {
    const [row] = await this.rows<{ day: string; days: string }>(firstRollupDaySql);
    return Number(row.days) > 0 ? row.day : undefined;
  }

  /**
   * Deletes the older rows of days finalized again (after a manual re-finalization), in the background:
   * readers already skip them. Asked first, since a mutation rewrites the month's parts.
   */
  private async dropSuperseded(from: string, to: string, version: number): Promise<void> {
    for (const table of FINALIZED_TABLES) {
      const [{ rows }] = await this.rows<{ rows: string }>(supersededCountSql(table, from, to, version));
      if (Number(rows) > 0) await this.command(dropSupersededSql(table, from, to, version));
    }
  }

  private async rows<T>(query: SqlFragment): Promise<T[]> {
    return (await this.client.query({ query: render(query), format: 'JSONEachRow' })).json<T>();
  }

  private async command(query: SqlFragment): Promise<void> {
    await this.client.command({ query: render(query) });
  }

  override async onModuleDestroy(): Promise<void> {
    super.onModuleDestroy();
    await this.running?.catch(() => undefined);
    await this.client.close();
  }
}

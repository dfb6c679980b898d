import { Inject, Injectable, Logger } from '@nestjs/common';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import {
  ADMIN_WORK_OPTIONS,
  FINALIZED_RECORDS,
  FINALIZED_TABLES,
  type FinalizedRecords,
  type FinalizedTable,
} from '@sluice/pipeline';
import { render, type SqlFragment } from '../clickhouse/sql-binder.js';
import { addDays } from '../common/calendar.js';
import { errorMessage } from '../common/error-message.js';
import { HOUR_MS, RecurringJob } from '../common/recurring-job.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import {
  countWhereSql,
  deleteWhereSql,
  dropPartitionSql,
  FINAL_SLOT,
  FINALIZED_EVENT_DIMENSIONS,
  finalizeEventCountsSql,
  finalizeEventsSql,
  finalizeFirstSeenSql,
  finalizeSql,
  finalizeValueTotalsSql,
  finalizeValuesSql,
  firstRollupDaySql,
  recordSql,
  slotPartitionsSql,
  staleProvisionalRecords,
  supersededRows,
  watermarkSql,
  type FinalizedVersions,
  type FinalizedWrite,
} from './query/finalized-visits.js';
import { finalizePathsSql, pathsCoverageSql } from './query/finalized-paths.js';
import { finalizeVitalsSql } from './query/vitals.js';
import { finalizeReadingsSql } from './query/page-reading.js';

/** Days merged by one INSERT: a week of every site's visits stays well within the memory limit. */
const DAYS_PER_WRITE = 7;

/** Where the records stand (watermarkSql). */
interface Watermark {
  /** The last final day, if any. */
  finalDay?: string;
  /** The first and the last day recorded, final or provisional, if any. */
  firstDay?: string;
  day?: string;
  /** The latest version written (0 before the first write). */
  version: number;
  /** The slot of the latest provisional write (0 before any). */
  slot: number;
}

/**
 * Writes the finalized visits, their event values and their totals, events, first sightings, event counts
 * (query/finalized-visits.ts), web vitals (query/vitals.ts) and page sequences (query/finalized-paths.ts)
 * hourly, as the admin account, and knows the last finalized day for the planner.
 *
 * A day is final `finalizeAfterDays` after it (no row can be added to its visits any more): its rows are
 * written once. The days between the last final one and `provisionalAfterDays` ago (yesterday, by
 * default) are written too, as provisional rows (migration 0024), again every hour until they are
 * final: each hour's write goes to the slot the latest one did not use, whose partitions it drops
 * first. Reports read every day up to the last recorded one from these tables, each day's latest
 * recorded version, and only the days after from the rollup. Rows of a provisional day that arrive after
 * an hour's write count from the next one.
 *
 * Idempotent: it continues from the last final day recorded in `visits_finalized`, so a run that stops
 * midway is resumed; days are recorded in order, so the finalized days are always every day up to the
 * last.
 *
 * Events of a final day that arrive later are not in its visits: to finalize days again from D on,
 * `ALTER TABLE visits_finalized DELETE WHERE day >= 'D'` (docs/operations.md); until the next run
 * reports read them from the rollup, then from their new rows.
 */
@Injectable()
export class VisitFinalizer extends RecurringJob {
  private readonly logger = new Logger('VisitFinalizer');
  private readonly client: ClickHouseClient;
  private through?: string;
  private versions?: FinalizedVersions;
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
   * Each recorded day's latest version, read with `finalizedThrough` and changed with it: reports write them
   * into their SQL (latestVersions). Undefined before the first run.
   */
  finalizedVersions(): FinalizedVersions | undefined {
    return this.versions;
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
   * Writes the days from `from` on again, under a new version, where they are finalized already, final or
   * provisional (rows were written into them since: a demo site's month), then, where the hourly job runs,
   * finalizes the days after as it does. Days before the first finalized one are written too: they may be
   * new to the rollup. After any run under way.
   */
  async finalizeAgain(from: string, now: Date): Promise<void> {
    if (this.config.clickhouse.cluster !== undefined) return;
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.finalizeDaysAgain(from, now).finally(() => (this.running = undefined));
    await this.running;
    if (this.isEnabled()) await this.finalize(now);
  }

  private async finalizeDaysAgain(from: string, now: Date): Promise<void> {
    const mark = await this.watermark();
    if (mark.day === undefined || from > mark.day) return;
    let version = mark.version;
    if (mark.finalDay !== undefined && from <= mark.finalDay)
      version = await this.finalizeNewDays(from, mark.finalDay, version, now);
    if (mark.day === mark.finalDay) return;
    // Every provisional day, as one write: the latest write must cover them all (writeProvisionalDays).
    const first =
      mark.finalDay !== undefined ? addDays(mark.finalDay, 1) : [from, mark.firstDay ?? from].sort()[0];
    await this.writeProvisionalDays(first, mark.day, version, mark.slot, now);
  }

  private async finalizeDays(now: Date): Promise<void> {
    const mark = await this.watermark();
    const today = now.toISOString().slice(0, 10);
    const lastFinal = addDays(today, -this.config.finalizeAfterDays);
    let next = mark.finalDay !== undefined ? addDays(mark.finalDay, 1) : await this.firstRollupDay();
    await this.updateCoverage(mark.day);
    let version = mark.version;
    if (next !== undefined && next <= lastFinal) {
      version = await this.finalizeNewDays(next, lastFinal, version, now);
      next = addDays(lastFinal, 1);
      await this.dropStaleProvisionalRecords(lastFinal);
    }
    // Only once the final days are all written: the days recorded must be every day up to the last.
    const lastProvisional = addDays(today, -this.config.provisionalAfterDays);
    if (next !== undefined && next <= lastProvisional)
      await this.writeProvisionalDays(next, lastProvisional, version, mark.slot, now);
    await this.fillPaths();
  }

  /** Writes the final days `first` to `last`; answers the last version written. */
  private async finalizeNewDays(
    first: string,
    last: string,
    lastVersion: number,
    now: Date,
  ): Promise<number> {
    let version = nextVersion(lastVersion, now);
    for (let from = first; from <= last; from = addDays(from, DAYS_PER_WRITE)) {
      const to = [addDays(from, DAYS_PER_WRITE - 1), last].sort()[0];
      const started = Date.now();
      await this.write(from, to, { version, slot: FINAL_SLOT });
      await this.dropSuperseded(from, to, version);
      this.logger.log(
        `Finalized the visits of ${from} to ${to} (version ${version}) in ${secondsSince(started)}`,
      );
      version += 1;
    }
    return version - 1;
  }

  /**
   * Writes the days `from` to `to`, not final yet, as one provisional write: into the slot the latest one
   * did not use, whose partitions go first. Those hold the rows of writes older than the latest, which
   * readers no longer read, as long as each write covers every provisional day: the latest write's days
   * or a final version are then every day's latest.
   */
  private async writeProvisionalDays(
    from: string,
    to: string,
    lastVersion: number,
    lastSlot: number,
    now: Date,
  ): Promise<void> {
    const started = Date.now();
    const slot = lastSlot === 1 ? 2 : 1;
    const partitions = await this.rows<{ table: FinalizedTable; partition_id: string }>(
      slotPartitionsSql(slot),
    );
    for (const { table, partition_id } of partitions)
      await this.command(dropPartitionSql(table, partition_id));
    const version = nextVersion(lastVersion, now);
    await this.write(from, to, { version, slot });
    this.logger.log(
      `Wrote the visits of ${from} to ${to} provisionally (version ${version}, slot ${slot}) in ${secondsSince(started)}`,
    );
  }

  /** Writes every table of the days `from` to `to` as `write`, then records it: readers switch to it. */
  private async write(from: string, to: string, write: FinalizedWrite): Promise<void> {
    await this.command(finalizeSql(from, to, write));
    for (const dimension of FINALIZED_EVENT_DIMENSIONS) {
      await this.command(finalizeValuesSql(dimension, from, to, write));
    }
    await this.command(finalizeValueTotalsSql(from, to, write));
    await this.command(finalizeEventsSql(from, to, write));
    await this.command(finalizeVitalsSql(from, to, write));
    await this.command(finalizeReadingsSql(from, to, write));
    await this.command(finalizeFirstSeenSql(from, to, write));
    await this.command(finalizeEventCountsSql(from, to, write));
    await this.command(finalizePathsSql({ from, to }, write, to));
    await this.command(recordSql(from, to, write, 'visit_paths_finalized'));
    await this.command(recordSql(from, to, write));
    await this.updateCoverage(this.through === undefined || this.through < to ? to : this.through);
  }

  /** The records of provisional writes of days now final, deleted in the background (readers skip them). */
  private async dropStaleProvisionalRecords(finalThrough: string): Promise<void> {
    for (const table of FINALIZED_RECORDS)
      await this.deleteIfAny(table, staleProvisionalRecords(finalThrough));
  }

  /** Deletes the rows `condition` holds, if any: asked first, since a mutation rewrites the table. */
  private async deleteIfAny(table: FinalizedTable | FinalizedRecords, condition: SqlFragment): Promise<void> {
    const [{ rows }] = await this.rows<{ rows: string }>(countWhereSql(table, condition));
    if (Number(rows) > 0) await this.command(deleteWhereSql(table, condition));
  }

  private async watermark(): Promise<Watermark> {
    const [mark] = await this.rows<{
      final_day: string;
      final_days: string;
      first_day: string;
      last_day: string;
      days: string;
      last_version: number;
      last_slot: number;
    }>(watermarkSql);
    return {
      finalDay: Number(mark.final_days) > 0 ? mark.final_day : undefined,
      firstDay: Number(mark.days) > 0 ? mark.first_day : undefined,
      day: Number(mark.days) > 0 ? mark.last_day : undefined,
      version: Number(mark.last_version),
      slot: Number(mark.last_slot),
    };
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
    // A provisional day's sequences come with its next hourly write.
    let missing = (await this.pathsCoverage()).filter(({ written, slot }) => !written && slot === FINAL_SLOT);
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
      const write = { version, slot: FINAL_SLOT };
      await this.command(finalizePathsSql({ from, to }, write, through));
      await this.command(recordSql(from, to, write, 'visit_paths_finalized'));
      await this.updateCoverage(this.through);
      this.logger.log(`Wrote the page sequences of ${from} to ${to} (version ${version})`);
      missing = missing.slice(count);
    }
  }

  /** Each finalized day's latest version, its slot and whether its page sequences are written, in day order. */
  private async pathsCoverage(): Promise<
    Array<{ day: string; version: number; slot: number; written: boolean }>
  > {
    const rows = await this.rows<{ day: string; version: number; slot: number; written: number }>(
      pathsCoverageSql,
    );
    return rows.map(({ day, version, slot, written }) => ({
      day,
      version: Number(version),
      slot: Number(slot),
      written: written === 1,
    }));
  }

  /**
   * Moves what reports read to `through`, with every recorded day's latest version and the last day up to
   * which every finalized day's page sequences are written: all three at once, after the records are read,
   * so no report reads a day without its version.
   */
  private async updateCoverage(through: string | undefined): Promise<void> {
    const days = await this.pathsCoverage();
    const unwritten = days.findIndex(({ written }) => !written);
    this.versions = days.map(({ day, version, slot }) => ({ day, version, slot }));
    this.through = through;
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
    for (const table of FINALIZED_TABLES)
      await this.deleteIfAny(table, supersededRows(table, from, to, version));
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

/** A version above every recorded one, even within the same second. */
const nextVersion = (lastVersion: number, now: Date) =>
  Math.max(Math.floor(now.getTime() / 1000), lastVersion + 1);

const secondsSince = (started: number) => `${((Date.now() - started) / 1000).toFixed(1)} s`;

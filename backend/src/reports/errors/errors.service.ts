import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../../clickhouse/clickhouse.service.js';
import { identifier, joinSql, sql } from '../../clickhouse/sql-binder.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { spreadsheetSafe } from '../query/csv.js';
import {
  errorGroupsSql,
  errorKeysSql,
  errorSamplesSql,
  errorSeriesSql,
  errorsSeenBeforeSql,
  MOST_ERROR_KEYS,
  type ErrorGroupChosen,
} from '../query/errors.js';
import { encodeCursor, parseCursor } from '../query/parse-request.js';
import { bucketLabels } from '../query/zoned-buckets.js';
import type { ReportQueryDto } from '../dto/report-query.dto.js';
import { eventReportQuery, type EventReportQuery } from '../event-report.js';
import { reportHeader } from '../report-kind.js';
import { ReportsService } from '../reports.service.js';
import type { ErrorsQueryDto } from './dto/errors-query.dto.js';
import type {
  ErrorDayDto,
  ErrorGroupDto,
  ErrorGroupReportDto,
  ErrorSampleDto,
  ErrorsReportDto,
  ErrorValueDto,
} from './dto/errors-report.dto.js';

/** Pages and browsers listed per group: a few in the list, more in a group's own report. */
const LISTED_VALUES = 3;
const DETAILED_VALUES = 10;
/** Latest occurrences in a group's report. */
const SAMPLES = 5;
/**
 * A CSV's most rows: below the 100,000 result rows every report query may return (ClickHouseService),
 * with room for the one more row the groups' query reads to know whether there is a next page.
 */
const EXPORT_ROWS = 99_999;

/** ClickHouse sends 64-bit counts as strings. */
interface GroupRow {
  group_id: string;
  top_frame: string;
  sample_message: string;
  occurrences: string;
  visitors: string;
  visits: string;
  first_seen: string;
  last_seen: string;
  sample_stack: string;
  /** A group's top pages and browsers: `[value, occurrences, visitors]`. */
  pages: Array<[string, string, string]>;
  browsers: Array<[string, string, string]>;
}

/**
 * The errors report: `$error` events grouped by message and top frame (query/errors.ts defines the
 * group), each group's pages and browsers, and one group's days and latest occurrences.
 */
@Injectable()
export class ErrorsService {
  constructor(
    private readonly reports: ReportsService,
    private readonly clickhouse: ClickHouseService,
  ) {}

  async groups(siteId: number, dto: ErrorsQueryDto): Promise<ErrorsReportDto> {
    const query = await this.query(siteId, dto);
    const limit = dto.limit ?? 20;
    const offset = parseCursor(dto.cursor);
    // Side by side: which groups are listed is known only from the first answer, but the second reads the
    // same rows for every group as for a page of them (it chooses groups after grouping), so asking for every
    // group saves waiting for one query behind the other.
    const [found, seenBefore] = await Promise.all([
      this.clickhouse.rows<GroupRow>(errorGroupsSql(query, { limit, offset, values: LISTED_VALUES })),
      this.seenBefore(query),
    ]);
    const listed = found.slice(0, limit);
    return {
      ...reportHeader(query),
      groups: listed.map((row) => groupOf(row, seenBefore)),
      nextCursor: found.length > limit ? encodeCursor(offset + limit) : null,
    };
  }

  /** When each of `groups` (every group without) first happened before the range, for those that did. */
  private async seenBefore(query: EventReportQuery, groups?: string[]): Promise<Map<string, string>> {
    const rows = await this.clickhouse.rows<{ group_id: string; first_seen: string }>(
      errorsSeenBeforeSql(query, groups),
    );
    return new Map(rows.map((row) => [row.group_id, row.first_seen]));
  }

  /** One group over the range; a group without occurrences in it is as missing as one that never was. */
  async group(siteId: number, group: string, dto: ReportQueryDto): Promise<ErrorGroupReportDto> {
    const query = await this.query(siteId, dto);
    const missing = () => new DomainError(ErrorCode.NotFound, `error group ${group} not found in this range`);
    const chosen = await this.chosenGroup(query, group);
    if (!chosen) throw missing();
    const [[row], series, samples, seenBefore] = await Promise.all([
      this.clickhouse.rows<GroupRow>(
        errorGroupsSql(query, { limit: 1, offset: 0, values: DETAILED_VALUES, group: chosen }),
      ),
      this.clickhouse.rows<{ day: string; occurrences: string; visitors: string; visits: string }>(
        errorSeriesSql(query, chosen),
      ),
      this.clickhouse.rows<Record<string, string | number>>(errorSamplesSql(query, chosen, SAMPLES)),
      this.seenBefore(query, [group]),
    ]);
    if (!row) throw missing();
    const byDay = new Map(series.map((day) => [day.day, day]));
    return {
      ...reportHeader(query),
      summary: groupOf(row, seenBefore),
      // Days without occurrences have no row: every day of the range is listed.
      days: bucketLabels(query.range, 'day', query.site.timezone).map((day): ErrorDayDto => ({
        day,
        occurrences: Number(byDay.get(day)?.occurrences ?? 0),
        visitors: Number(byDay.get(day)?.visitors ?? 0),
        visits: Number(byDay.get(day)?.visits ?? 0),
      })),
      samples: samples.map(sampleOf),
    };
  }

  /** The groups as CSV, streamed from ClickHouse: every group from the cursor on, without pages and browsers. */
  async groupsCsv(siteId: number, dto: ErrorsQueryDto): Promise<Readable> {
    const query = await this.query(siteId, dto);
    const groups = errorGroupsSql(query, {
      limit: EXPORT_ROWS - 1,
      offset: parseCursor(dto.cursor),
      values: 0,
    });
    // A group that never happened before the range has no row on the right: its first seen ever is its first.
    return this.clickhouse.csv({
      name: `${groups.name}:csv`,
      sql: sql`SELECT group_id, ${spreadsheetSafe(sql`sample_message`)} AS message,
          ${spreadsheetSafe(sql`top_frame`)} AS frame, occurrences, visitors, visits, first_seen, last_seen,
          if(seen_before = '', first_seen, seen_before) AS first_seen_ever
        FROM (${groups.sql})
        ANY LEFT JOIN (SELECT group_id, first_seen AS seen_before FROM (${errorsSeenBeforeSql(query).sql}))
        USING group_id
        ORDER BY occurrences DESC, group_id ASC`,
    });
  }

  /** One group's occurrences in the range as CSV, newest first. */
  async groupCsv(siteId: number, group: string, dto: ReportQueryDto): Promise<Readable> {
    const query = await this.query(siteId, dto);
    const samples = errorSamplesSql(
      query,
      (await this.chosenGroup(query, group)) ?? { id: group },
      EXPORT_ROWS,
    );
    const text = ['message', 'frame', 'stack', 'script', 'page', 'browser'].map(
      (name) => sql`${spreadsheetSafe(identifier(name))} AS ${identifier(name)}`,
    );
    return this.clickhouse.csv({
      name: `${samples.name}:csv`,
      sql: sql`SELECT event_id, seen_at, ${joinSql(text, ', ')}, script_line, script_column FROM (${samples.sql})`,
    });
  }

  /**
   * A group and the hashes of its distinct errors in the range (errorKeysSql), by which its reports find its
   * occurrences; listed only up to MOST_ERROR_KEYS, past which they find them by its id. Undefined where the
   * group has no occurrence in the range.
   */
  private async chosenGroup(query: EventReportQuery, group: string): Promise<ErrorGroupChosen | undefined> {
    const keys = await this.clickhouse.rows<{ key: string }>(errorKeysSql(query, group));
    if (keys.length === 0) return undefined;
    return {
      id: group,
      keys: keys.length > MOST_ERROR_KEYS ? undefined : keys.map(({ key }) => BigInt(key)),
    };
  }

  private async query(siteId: number, dto: ReportQueryDto): Promise<EventReportQuery> {
    return eventReportQuery(await this.reports.baseQuery(siteId, dto), 'errors');
  }
}

/**
 * A group's row as the API answers it, its top pages and browsers from the same row, and when it first
 * happened: before the range where `seenBefore` says so.
 */
const groupOf = (row: GroupRow, seenBefore: Map<string, string>): ErrorGroupDto => ({
  group: row.group_id,
  message: row.sample_message,
  frame: row.top_frame,
  occurrences: Number(row.occurrences),
  visitors: Number(row.visitors),
  visits: Number(row.visits),
  firstSeen: row.first_seen,
  lastSeen: row.last_seen,
  firstSeenEver: seenBefore.get(row.group_id) ?? row.first_seen,
  sampleStack: row.sample_stack,
  pages: row.pages.map(valueOf),
  browsers: row.browsers.map(valueOf),
});

const valueOf = ([value, occurrences, visitors]: [string, string, string]): ErrorValueDto => ({
  value,
  occurrences: Number(occurrences),
  visitors: Number(visitors),
});

const sampleOf = (row: Record<string, string | number>): ErrorSampleDto => ({
  eventId: String(row.event_id),
  seenAt: String(row.seen_at),
  message: String(row.message),
  frame: String(row.frame),
  stack: String(row.stack),
  script: String(row.script),
  line: Number(row.script_line),
  column: Number(row.script_column),
  page: String(row.page),
  browser: String(row.browser),
});

import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../../clickhouse/clickhouse.service.js';
import { bind, sql } from '../../clickhouse/sql-binder.js';
import { spreadsheetSafe } from '../query/csv.js';
import { pageReadingSql } from '../query/page-reading.js';
import { eventReportQuery, type EventReportQuery } from '../event-report.js';
import { rowsLimit } from '../dto/rows-limit.js';
import { reportHeader } from '../report-kind.js';
import { ReportsService } from '../reports.service.js';
import type { EngagementQueryDto } from './dto/engagement-query.dto.js';
import type { EngagementDto, EngagementReportDto } from './dto/engagement-report.dto.js';

/** A row of pageReadingSql: counts come as strings (64-bit), the means as numbers. */
type ReadingRow = Record<string, string | number>;

const engagementOf = (row: ReadingRow | undefined): EngagementDto => ({
  views: Number(row?.views ?? 0),
  timeOnPage: Number(row?.time_on_page ?? 0),
  scrollDepth: Number(row?.scroll_depth ?? 0),
});

/** Time on page and scroll depth, per page and over every page (query/page-reading.ts). */
@Injectable()
export class EngagementService {
  constructor(
    private readonly reports: ReportsService,
    private readonly clickhouse: ClickHouseService,
  ) {}

  async engagement(siteId: number, dto: EngagementQueryDto): Promise<EngagementReportDto> {
    const query = await this.query(siteId, dto);
    const limit = rowsLimit(dto);
    const { rows, totals } = await this.clickhouse.rowsWithTotals<ReadingRow>(
      pageReadingSql(query, { limit, overall: true }),
    );
    return {
      ...reportHeader(query),
      overall: engagementOf(totals),
      rows: rows.slice(0, limit).map((row) => ({ value: String(row.value), ...engagementOf(row) })),
      truncated: rows.length > limit,
    };
  }

  /** The pages' rows as CSV streamed from ClickHouse. */
  async engagementCsv(siteId: number, dto: EngagementQueryDto): Promise<Readable> {
    const limit = rowsLimit(dto);
    const reading = pageReadingSql(await this.query(siteId, dto), { limit, overall: false });
    return this.clickhouse.csv({
      name: `${reading.name}:csv`,
      // The query reads one row more than the limit (whether there are more): the file holds the limit.
      sql: sql`SELECT ${spreadsheetSafe(sql`value`)} AS page, views, time_on_page, scroll_depth
        FROM (${reading.sql}) LIMIT ${bind.uint32(limit)}`,
    });
  }

  private async query(siteId: number, dto: EngagementQueryDto): Promise<EventReportQuery> {
    return eventReportQuery(await this.reports.baseQuery(siteId, dto), 'engagement');
  }
}

import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../../clickhouse/clickhouse.service.js';
import { daysInRange } from '../../common/calendar.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { SitesService } from '../../sites/sites.service.js';
import { csvLines } from '../csv-file.js';
import { percentOf } from '../percent.js';
import type { DateRange } from '../query/report-query.js';
import { COHORT_SIZE, MAX_RETENTION_DAYS, retentionSql, type RetentionQuery } from '../query/retention.js';
import { bucketLabels } from '../query/zoned-buckets.js';
import { ReportsService } from '../reports.service.js';
import type { RetentionQueryDto } from './dto/retention-query.dto.js';
import type { RetentionCohortDto, RetentionReportDto } from './dto/retention.dto.js';
import { reportHeader } from '../report-kind.js';

interface GridRow {
  cohort: string;
  period: string;
  /** A 64-bit count: a string in ClickHouse's JSON. */
  visitors: string;
}

/**
 * Retention: the request becomes a `RetentionQuery` (the shared report query from
 * `ReportsService.baseQuery`, with the period and return event), its SQL composed by `query/retention.ts`,
 * run through ClickHouseService; the grid's empty cells are filled here from the range's periods.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly reports: ReportsService,
    private readonly sites: SitesService,
    private readonly clickhouse: ClickHouseService,
  ) {}

  private async query(siteId: number, dto: RetentionQueryDto): Promise<RetentionQuery> {
    if (dto.goal !== undefined)
      throw new DomainError(
        ErrorCode.Validation,
        'goal: retention takes no goal (returnEvent names what a return is)',
      );
    const period = dto.period ?? 'week';
    for (const [field, from, to] of [
      ['to', dto.from, dto.to],
      ['compareTo', dto.compareFrom, dto.compareTo],
    ] as const) {
      if (from !== undefined && to !== undefined && daysInRange(from, to) > MAX_RETENTION_DAYS[period])
        throw new DomainError(
          ErrorCode.Validation,
          `${field}: retention by ${period} spans at most ${MAX_RETENTION_DAYS[period]} days`,
        );
    }
    return { ...(await this.reports.baseQuery(siteId, dto)), period, returnEvent: dto.returnEvent };
  }

  /** The grid of one range: every period of it a cohort, each with every period from its own to the last. */
  private async cohorts(query: RetentionQuery, range: DateRange): Promise<RetentionCohortDto[]> {
    const rows = await this.clickhouse.rows<GridRow>(retentionSql(query, range));
    const cells = new Map(rows.map((row) => [`${row.cohort}|${row.period}`, Number(row.visitors)]));
    const periods = bucketLabels(range, query.period, query.site.timezone);
    return periods.map((cohort, i) => {
      const size = cells.get(`${cohort}|${COHORT_SIZE}`) ?? 0;
      return {
        cohort,
        visitors: size,
        returning: periods.slice(i).map((period, offset) => {
          const visitors = cells.get(`${cohort}|${period}`) ?? 0;
          return { offset, period, visitors, percent: percentOf(visitors, size) };
        }),
      };
    });
  }

  async retention(siteId: number, dto: RetentionQueryDto): Promise<RetentionReportDto> {
    const query = await this.query(siteId, dto);
    const [site, cohorts, compared] = await Promise.all([
      this.sites.get(siteId),
      this.cohorts(query, query.range),
      query.comparison ? this.cohorts(query, query.comparison) : undefined,
    ]);
    return {
      ...reportHeader(query),
      period: query.period,
      identity: site.privacyMode,
      returnEvent: query.returnEvent ?? null,
      cohorts,
      comparison: compared ? { ...query.comparison!, cohorts: compared } : null,
    };
  }

  /** The grid of the range as CSV: a line per cohort and period. Small: built here. */
  async csv(siteId: number, dto: RetentionQueryDto): Promise<Readable> {
    const query = await this.query(siteId, { ...dto, compareFrom: undefined, compareTo: undefined });
    const cohorts = await this.cohorts(query, query.range);
    return csvLines(
      ['cohort', 'cohort_visitors', 'offset', 'period', 'visitors', 'percent'],
      cohorts.flatMap(({ cohort, visitors: size, returning }) =>
        returning.map(({ offset, period, visitors, percent }) => [
          cohort,
          size,
          offset,
          period,
          visitors,
          percent,
        ]),
      ),
    );
  }
}

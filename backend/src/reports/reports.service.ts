import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../clickhouse/clickhouse.service.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { SitesService } from '../sites/sites.service.js';
import type {
  BreakdownQueryDto,
  OverviewQueryDto,
  ReportQueryDto,
  TimeseriesQueryDto,
} from './dto/report-query.dto.js';
import type {
  BreakdownReportDto,
  MetricChangesDto,
  MetricValuesDto,
  OverviewReportDto,
  TimeseriesPointDto,
  TimeseriesReportDto,
} from './dto/report.dto.js';
import { reportSql } from './query/compose.js';
import { BREAKDOWN_METRICS, METRIC_NAMES, type MetricName } from './query/metrics.js';
import {
  encodeCursor,
  parseCursor,
  parseDimension,
  parseFilters,
  parseMetrics,
  parseOrder,
} from './query/parse-request.js';
import { chooseSource, type VisitSource } from './query/plan.js';
import type { DateRange, ReportQuery } from './query/report-query.js';
import { bucketLabels, intervalFits, MAX_DAYS_BY_INTERVAL } from './query/zoned-buckets.js';

type MetricRow = Record<MetricName, string | number>;

/** ClickHouse sends 64-bit counts as strings; every metric is a number in the API. */
const metricValues = (row: MetricRow | undefined, metrics: MetricName[]): MetricValuesDto =>
  Object.fromEntries(metrics.map((name) => [name, Number(row?.[name] ?? 0)]));

/** Percent change, one decimal; null against 0 (no percentage of nothing). */
const change = (now: MetricValuesDto, before: MetricValuesDto, metrics: MetricName[]): MetricChangesDto =>
  Object.fromEntries(
    metrics.map((name) => {
      const [a, b] = [
        now[name as keyof MetricValuesDto] as number,
        before[name as keyof MetricValuesDto] as number,
      ];
      return [name, b === 0 ? null : Math.round(((a - b) / b) * 1000) / 10];
    }),
  );

/**
 * Every report: the request turned into the typed query object, its SQL composed by `query/`, run
 * through `ClickHouseService.rows` (the one entry point), for the range and the comparison range.
 * Access to the site is checked before any of this by the route's rule (`@Requires(…, { site: true })`).
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly sites: SitesService,
    private readonly clickhouse: ClickHouseService,
  ) {}

  /** The parts every report shares, from the request. */
  private async baseQuery(siteId: number, dto: ReportQueryDto): Promise<Omit<ReportQuery, 'metrics'>> {
    const site = await this.sites.get(siteId);
    return {
      site: { id: site.id, timezone: site.timezone },
      range: { from: dto.from, to: dto.to },
      comparison: dto.compareFrom && dto.compareTo ? { from: dto.compareFrom, to: dto.compareTo } : undefined,
      filters: parseFilters(dto.filters),
    };
  }

  /** The query's rows over one range; `source` only where a test compares the two. */
  run<T>(query: ReportQuery, range: DateRange, source?: VisitSource): Promise<T[]> {
    return this.clickhouse.rows<T>(reportSql(query, range, source));
  }

  async overview(siteId: number, dto: OverviewQueryDto): Promise<OverviewReportDto> {
    const query = { ...(await this.baseQuery(siteId, dto)), metrics: METRIC_NAMES };
    const [[row], compared] = await Promise.all([
      this.run<MetricRow>(query, query.range),
      query.comparison ? this.run<MetricRow>(query, query.comparison) : undefined,
    ]);
    const metrics = metricValues(row, query.metrics);
    const before = compared && metricValues(compared[0], query.metrics);
    return {
      ...this.header(query),
      metrics,
      comparison: before ? { ...query.comparison!, metrics: before } : null,
      change: before ? change(metrics, before, query.metrics) : null,
    };
  }

  async timeseries(siteId: number, dto: TimeseriesQueryDto): Promise<TimeseriesReportDto> {
    const interval = dto.interval ?? 'day';
    const query: ReportQuery = {
      ...(await this.baseQuery(siteId, dto)),
      metrics: parseMetrics(dto.metrics, ['visitors']),
      interval,
    };
    for (const [field, range] of [
      ['to', query.range],
      ['compareTo', query.comparison],
    ] as const) {
      if (range && !intervalFits(range, interval)) {
        throw new DomainError(
          ErrorCode.Validation,
          `${field}: an ${interval} series spans at most ${MAX_DAYS_BY_INTERVAL[interval]} days`,
        );
      }
    }
    const series = async (range: DateRange): Promise<TimeseriesPointDto[]> => {
      const rows = await this.run<MetricRow & { bucket: string }>(query, range);
      const byBucket = new Map(rows.map((row) => [row.bucket, row]));
      // Buckets without visits have no row: the labels of the range fill them with zeros.
      return bucketLabels(range, interval, query.site.timezone).map((bucket) => ({
        bucket,
        metrics: metricValues(byBucket.get(bucket), query.metrics),
      }));
    };
    const [points, compared] = await Promise.all([
      series(query.range),
      query.comparison ? series(query.comparison) : undefined,
    ]);
    return {
      ...this.header(query),
      interval,
      points,
      comparison: compared ? { ...query.comparison!, points: compared } : null,
    };
  }

  async breakdown(siteId: number, dto: BreakdownQueryDto): Promise<BreakdownReportDto> {
    const dimension = parseDimension(dto.dimension);
    const metrics = parseMetrics(dto.metrics, BREAKDOWN_METRICS);
    const limit = dto.limit ?? 100;
    const query: ReportQuery = {
      ...(await this.baseQuery(siteId, dto)),
      metrics,
      dimension,
      order: parseOrder(dto.order, metrics),
      limit,
      offset: parseCursor(dto.cursor),
    };
    const found = await this.run<MetricRow & { value: string }>(query, query.range);
    const rows = found.slice(0, limit);
    // The comparison range for this page's values only: a `one_of` on the dimension, beside the filters.
    const compared =
      query.comparison && rows.length > 0
        ? await this.run<MetricRow & { value: string }>(
            {
              ...query,
              offset: 0,
              filters: {
                and: [
                  ...(query.filters ? [query.filters] : []),
                  { dimension, operator: 'one_of', values: rows.map(({ value }) => value) },
                ],
              },
            },
            query.comparison,
          )
        : [];
    const before = new Map(compared.map((row) => [row.value, row]));
    return {
      ...this.header(query),
      dimension,
      rows: rows.map((row) => ({
        value: row.value,
        metrics: metricValues(row, metrics),
        comparison: query.comparison ? metricValues(before.get(row.value), metrics) : null,
      })),
      nextCursor: found.length > limit ? encodeCursor((query.offset ?? 0) + limit) : null,
    };
  }

  private header(query: Omit<ReportQuery, 'metrics'>) {
    return {
      siteId: query.site.id,
      ...query.range,
      timezone: query.site.timezone,
      source: chooseSource(query),
    };
  }
}

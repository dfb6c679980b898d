import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseService } from '../clickhouse/clickhouse.service.js';
import type { SqlFragment } from '../clickhouse/sql-binder.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { addDays } from '../common/calendar.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { toGoalResponse } from '../goals/dto/goal.dto.js';
import type { Goal } from '../goals/goal.entity.js';
import { GoalsService } from '../goals/goals.service.js';
import { SitesService } from '../sites/sites.service.js';
import type {
  BreakdownQueryDto,
  ConversionsQueryDto,
  OverviewQueryDto,
  ReportQueryDto,
  SampledReportQueryDto,
  TimeseriesQueryDto,
} from './dto/report-query.dto.js';
import type {
  BreakdownReportDto,
  GoalConversionsReportDto,
  MetricChangesDto,
  MetricValuesDto,
  OverviewReportDto,
  RevenueDto,
  SamplingDto,
  TimeseriesPointDto,
  TimeseriesReportDto,
} from './dto/report.dto.js';
import { rowsLimit } from './dto/rows-limit.js';
import { goalConversionsSql, reportSql } from './query/compose.js';
import { carriesRevenue, GOALS_PER_QUERY } from './query/goals.js';
import { reportCsvSql } from './query/csv.js';
import {
  elementName,
  elementNamesSql,
  latestClicksSql,
  type ElementNameRow,
  type LatestClick,
} from './query/element-name.js';
import type { NameSource } from '../naming/element-context.js';
import { VisitFinalizer } from './visit-finalizer.js';
import { BREAKDOWN_METRICS, GOAL_METRIC_NAMES, METRIC_NAMES, type MetricName } from './query/metrics.js';
import {
  encodeCursor,
  parseCursor,
  parseDimension,
  parseFilters,
  parseMetrics,
  parseOrder,
} from './query/parse-request.js';
import { chooseSource, type VisitSource } from './query/plan.js';
import { SAMPLE_PARTS } from './query/sample-clause.js';
import { autoSample, estimatedRowsSql } from './query/sampling.js';
import type { DateRange, GoalCondition, ReportQuery } from './query/report-query.js';
import { bucketLabels, bucketOf, intervalFits, MAX_DAYS_BY_INTERVAL } from './query/zoned-buckets.js';

/** A row of metrics, with the revenue pairs where an event goal is chosen (metrics.ts, REVENUE). */
type MetricRow = Partial<Record<MetricName, string | number>> & { revenue?: Array<[string, string]> };

/** Every goal's row at once (goalConversionsSql): `<metric>_<goal's index>`, and the goals' revenue. */
type ConversionsRow = Record<string, string | number> & { revenue?: Array<[number, string, string]> };

const SCALE = 10_000n;

/**
 * Revenue pairs as the API answers them: currency → exact decimal string, only with an event goal (the
 * answer has no revenue key otherwise). The SQL sums ten-thousandths as Int64, which JSON carries as a
 * string, so BigInt keeps every digit.
 */
function revenueOf(row: MetricRow | undefined, query: Pick<ReportQuery, 'goal'>): RevenueDto | undefined {
  if (!query.goal || !carriesRevenue(query.goal)) return undefined;
  // By currency code: the SQL's pairs come in the order of the codes' numbers, which is not alphabetical.
  const pairs = [...(row?.revenue ?? [])].sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(
    pairs.map(([currency, amount]) => {
      const units = BigInt(amount);
      const fraction = (units % SCALE).toString().padStart(4, '0').replace(/0+$/, '').padEnd(2, '0');
      return [currency, `${units / SCALE}.${fraction}`];
    }),
  );
}

/** What completes a goal, as every report's query takes it. */
const goalCondition = ({ kind, match, propertyKey, propertyValue, scrollDepth }: Goal): GoalCondition => ({
  kind,
  match,
  propertyKey,
  propertyValue,
  scrollDepth,
});

/** `list` in pieces of at most `size`, in order. */
const chunks = <T>(list: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, index) =>
    list.slice(index * size, (index + 1) * size),
  );

/** A breakdown export's most rows: the result-row limit of every report query (ClickHouseService). */
const MAX_EXPORT_ROWS = 100_000;

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
/** A query at a sample of `parts` ten-thousandths; unsampled without one or at all of them. */
const atRate = <Q extends ReportQuery>(query: Q, parts: number | undefined): Q => ({
  ...query,
  sample: parts === SAMPLE_PARTS ? undefined : parts,
});

@Injectable()
export class ReportsService {
  constructor(
    private readonly sites: SitesService,
    private readonly goals: GoalsService,
    private readonly clickhouse: ClickHouseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly finalizer: VisitFinalizer,
  ) {}

  /**
   * The query in sampled mode where `sample` asks for it (overview, timeseries, breakdowns and their CSV): at
   * a fixed rate, or at the rate `auto` picks from the row estimate (`estimatedRows`, read for it). A rate of
   * 1 is no sample: the query is the unsampled one.
   */
  private async sampledQuery<Q extends ReportQuery>(
    query: Q,
    dto: SampledReportQueryDto,
  ): Promise<{ query: Q; estimatedRows?: number }> {
    if (dto.sample === undefined) return { query };
    const parts = dto.sample === 'auto' ? undefined : Math.round(Number(dto.sample) * SAMPLE_PARTS);
    if (parts === 0) {
      throw new DomainError(
        ErrorCode.Validation,
        'sample must be auto or a fraction from 0.0001 to 1 (at most 4 decimals)',
      );
    }
    if (parts !== undefined) return { query: atRate(query, parts) };
    const estimatedRows = await this.estimatedRows(query);
    return { query: atRate(query, autoSample(estimatedRows, this.config.samplingMinRows)), estimatedRows };
  }

  /**
   * The sampled query (sampledQuery) and what the answer states of it: the rate and the row estimate, null
   * without `sample`. A fixed rate's estimate, only stated, is read beside the report's own queries (the
   * 30-day overview at 0.1 waited 11 ms for it before): `sampling` settles when it is read, and the caller
   * awaits it for the answer's header.
   */
  private async sampled<Q extends ReportQuery>(
    query: Q,
    dto: SampledReportQueryDto,
  ): Promise<{ query: Q; sampling: Promise<SamplingDto | null> }> {
    const sampled = await this.sampledQuery(query, dto);
    if (dto.sample === undefined) return { query: sampled.query, sampling: Promise.resolve(null) };
    const rate = (sampled.query.sample ?? SAMPLE_PARTS) / SAMPLE_PARTS;
    const sampling = Promise.resolve(sampled.estimatedRows ?? this.estimatedRows(query)).then(
      (estimatedRows) => ({
        rate,
        estimatedRows,
      }),
    );
    // Handled here too: a report query that fails first leaves it unawaited, and its own error is the answer.
    sampling.catch(() => undefined);
    return { query: sampled.query, sampling };
  }

  /** The row estimate of a query's range (estimatedRowsSql). */
  private async estimatedRows(query: ReportQuery): Promise<number> {
    const [{ rows }] = await this.clickhouse.rows<{ rows: string }>(estimatedRowsSql(query, query.range));
    return Number(rows);
  }

  /**
   * The parts every report shares, from the request: the site (its time zone), the ranges, the filters
   * and the goal. Every report kind (funnels, retention, paths…) starts its query object here.
   */
  async baseQuery(siteId: number, dto: ReportQueryDto): Promise<Omit<ReportQuery, 'metrics'>> {
    const site = await this.sites.get(siteId);
    return {
      site: { id: site.id, timezone: site.timezone },
      range: { from: dto.from, to: dto.to },
      comparison: dto.compareFrom && dto.compareTo ? { from: dto.compareFrom, to: dto.compareTo } : undefined,
      filters: parseFilters(dto.filters),
      goal: dto.goal === undefined ? undefined : await this.goalOf(site.id, dto.goal),
      finalizedThrough: this.finalizer.finalizedThrough(),
      finalizedVersions: this.finalizer.finalizedVersions(),
    };
  }

  /** The site's goal; another site's is as missing as one that never was (a 400 naming the field). */
  private async goalOf(siteId: number, goalId: number): Promise<GoalCondition> {
    const goal = await this.goals.find(siteId, goalId);
    if (!goal) throw new DomainError(ErrorCode.Validation, `goal: this site has no goal ${goalId}`);
    return goalCondition(goal);
  }

  /** The metrics a report answers when none are asked for: `metrics`, and the goal's with a goal. */
  private defaultMetrics(query: Pick<ReportQuery, 'goal'>, metrics: MetricName[]): MetricName[] {
    return query.goal ? [...metrics, ...GOAL_METRIC_NAMES] : metrics;
  }

  /** The query's rows over one range; `source` only where a test compares the two. */
  run<T>(query: ReportQuery, range: DateRange, source?: VisitSource): Promise<T[]> {
    return this.clickhouse.rows<T>(reportSql(query, range, source));
  }

  async overview(siteId: number, dto: OverviewQueryDto): Promise<OverviewReportDto> {
    const base = await this.baseQuery(siteId, dto);
    const { query, sampling } = await this.sampled(
      { ...base, metrics: this.defaultMetrics(base, METRIC_NAMES) },
      dto,
    );
    const [[row], compared] = await Promise.all([
      this.run<MetricRow>(query, query.range),
      query.comparison ? this.run<MetricRow>(query, query.comparison) : undefined,
    ]);
    const metrics = metricValues(row, query.metrics);
    const before = compared && metricValues(compared[0], query.metrics);
    return {
      ...this.header(query, await sampling),
      metrics,
      revenue: revenueOf(row, query),
      comparison: before ? { ...query.comparison!, metrics: before } : null,
      change: before ? change(metrics, before, query.metrics) : null,
    };
  }

  /**
   * Every goal of the site with its conversions, rate and (event goals) revenue, as the overview with that
   * goal answers them, from one query per range (goalConversionsSql) instead of an overview per goal.
   */
  async conversions(siteId: number, dto: ConversionsQueryDto): Promise<GoalConversionsReportDto> {
    const base = await this.baseQuery(siteId, dto);
    const { query, sampling } = await this.sampled({ ...base, metrics: GOAL_METRIC_NAMES }, dto);
    const goals = await this.goals.list(siteId);
    const conditions = goals.map(goalCondition);
    // A query per GOALS_PER_QUERY goals; goal i's columns (`conversions_<i>`…) and revenue turned into
    // the row a report with that goal answers.
    const rowsOf = async (range: DateRange): Promise<MetricRow[]> =>
      (
        await Promise.all(
          chunks(conditions, GOALS_PER_QUERY).map(async (chunk) => {
            const [row] = await this.clickhouse.rows<ConversionsRow>(goalConversionsSql(query, range, chunk));
            return chunk.map((_goal, index) => ({
              ...Object.fromEntries(GOAL_METRIC_NAMES.map((name) => [name, row?.[`${name}_${index}`] ?? 0])),
              revenue: (row?.revenue ?? [])
                .filter(([goal]) => goal === index)
                .map(([, currency, amount]): [string, string] => [currency, amount]),
            }));
          }),
        )
      ).flat();
    const [rows, compared] = await Promise.all([
      rowsOf(query.range),
      query.comparison ? rowsOf(query.comparison) : undefined,
    ]);
    return {
      ...this.header(query, await sampling),
      goals: goals.map((goal, index) => {
        const metrics = metricValues(rows[index], GOAL_METRIC_NAMES);
        const before = compared && metricValues(compared[index], GOAL_METRIC_NAMES);
        return {
          goal: toGoalResponse(goal),
          metrics,
          revenue: revenueOf(rows[index], { goal: conditions[index] }),
          comparison: before ? { ...query.comparison!, metrics: before } : null,
          change: before ? change(metrics, before, GOAL_METRIC_NAMES) : null,
        };
      }),
    };
  }

  async timeseries(siteId: number, dto: TimeseriesQueryDto): Promise<TimeseriesReportDto> {
    const interval = dto.interval ?? 'day';
    const base = await this.baseQuery(siteId, dto);
    const { query, sampling } = await this.sampled<ReportQuery>(
      { ...base, metrics: parseMetrics(dto.metrics, ['visitors'], base.goal !== undefined), interval },
      dto,
    );
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
    const now = bucketOf(Date.now(), interval, query.site.timezone);
    return {
      ...this.header(query, await sampling),
      interval,
      points,
      inProgress: points.some(({ bucket }) => bucket === now) ? now : null,
      comparison: compared ? { ...query.comparison!, points: compared } : null,
    };
  }

  /** A breakdown's query object from its request, before any sample. */
  private async breakdownQuery(
    siteId: number,
    dto: BreakdownQueryDto,
  ): Promise<ReportQuery & Required<Pick<ReportQuery, 'dimension' | 'limit'>>> {
    const dimension = parseDimension(dto.dimension);
    const base = await this.baseQuery(siteId, dto);
    const metrics = parseMetrics(
      dto.metrics,
      this.defaultMetrics(base, BREAKDOWN_METRICS),
      base.goal !== undefined,
    );
    return {
      ...base,
      metrics,
      dimension,
      order: parseOrder(dto.order, metrics),
      limit: rowsLimit(dto),
      offset: parseCursor(dto.cursor),
    };
  }

  async breakdown(siteId: number, dto: BreakdownQueryDto): Promise<BreakdownReportDto> {
    const { query, sampling } = await this.sampled(await this.breakdownQuery(siteId, dto), dto);
    const { dimension, metrics, limit } = query;
    const found = await this.run<MetricRow & { value: string }>(query, query.range);
    const rows = found.slice(0, limit);
    // The comparison range for this page's values only: a `one_of` on the dimension, beside the filters;
    // an element's names beside it, both of this page's rows.
    const [compared, names] = await Promise.all([
      query.comparison && rows.length > 0
        ? this.run<MetricRow & { value: string }>(
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
        : [],
      dimension === 'element' ? this.elementNames(query, rows) : undefined,
    ]);
    const before = new Map(compared.map((row) => [row.value, row]));
    return {
      ...this.header(query, await sampling),
      dimension,
      rows: rows.map((row) => ({
        value: row.value,
        ...(names && {
          name: names.get(row.value)?.name ?? '',
          nameSource: names.get(row.value)?.source ?? 'heuristic',
        }),
        metrics: metricValues(row, metrics),
        revenue: revenueOf(row, query),
        comparison: query.comparison ? metricValues(before.get(row.value), metrics) : null,
      })),
      nextCursor: found.length > limit ? encodeCursor((query.offset ?? 0) + limit) : null,
    };
  }

  /** What each element (fingerprint) of a breakdown's page is called: element-name.ts. */
  private async elementNames(
    query: ReportQuery,
    rows: Array<{ value: string }>,
  ): Promise<Map<string, { name: string; source: NameSource }>> {
    if (rows.length === 0) return new Map();
    // The range's last two days first: an element clicked there had its latest click there, and they are
    // a few granules of the sort key (10 ms on the benchmark's month against 60 for the whole range). Only
    // the elements not clicked there are looked for over the whole range.
    const { from, to } = query.range;
    const dayBefore = addDays(to, -1);
    const recent = { from: dayBefore > from ? dayBefore : from, to };
    const latest = (range: DateRange, fingerprints: string[]) =>
      this.clickhouse.rows<LatestClick>(latestClicksSql(query, range, fingerprints));
    const fingerprints = rows.map(({ value }) => value);
    const clicks = await latest(recent, fingerprints);
    const found = new Set(clicks.map(({ fingerprint }) => fingerprint));
    const older = fingerprints.filter((fingerprint) => !found.has(fingerprint));
    if (older.length > 0 && recent.from !== from) clicks.push(...(await latest(query.range, older)));
    return this.namesOfClicks(query, clicks);
  }

  /**
   * What each element of `clicks` is called, after its latest click there (element-name.ts), among the
   * `carriers` events (the element dimension's unless said).
   */
  async namesOfClicks(
    query: ReportQuery,
    clicks: LatestClick[],
    carriers?: SqlFragment,
  ): Promise<Map<string, { name: string; source: NameSource }>> {
    if (clicks.length === 0) return new Map();
    const found = await this.clickhouse.rows<ElementNameRow>(elementNamesSql(query, clicks, carriers));
    return new Map(found.map((row) => [row.fingerprint, elementName(row)]));
  }

  /** The overview of the range (no comparison) as CSV, streamed from ClickHouse. */
  async overviewCsv(siteId: number, dto: OverviewQueryDto): Promise<Readable> {
    const base = await this.baseQuery(siteId, dto);
    const { query } = await this.sampledQuery(
      { ...base, metrics: this.defaultMetrics(base, METRIC_NAMES) },
      dto,
    );
    return this.clickhouse.csv(reportCsvSql(query));
  }

  /**
   * A whole breakdown as CSV, streamed from ClickHouse: every value from the cursor on, up to the
   * result-row limit every report query has (100,000), not a page.
   */
  async breakdownCsv(siteId: number, dto: BreakdownQueryDto): Promise<Readable> {
    const { query } = await this.sampledQuery(await this.breakdownQuery(siteId, dto), dto);
    return this.clickhouse.csv(reportCsvSql({ ...query, limit: MAX_EXPORT_ROWS - 1 }));
  }

  /**
   * A timeseries as CSV, in the shape ClickHouse writes (quoted header and labels, bare numbers):
   * encoded here, as its gaps are filled here, and it is small (at most 2,880 buckets, by minute).
   */
  async timeseriesCsv(siteId: number, dto: TimeseriesQueryDto): Promise<Readable> {
    const metrics = parseMetrics(dto.metrics, ['visitors']);
    const { points } = await this.timeseries(siteId, dto);
    const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;
    const lines = [
      [quoted('bucket'), ...metrics.map(quoted)],
      ...points.map(({ bucket, metrics: values }) => [
        quoted(bucket),
        ...metrics.map((name) => String(values[name as keyof MetricValuesDto])),
      ]),
    ];
    return Readable.from(lines.map((cells) => `${cells.join(',')}\n`));
  }

  private header(query: Omit<ReportQuery, 'metrics'>, sampling: SamplingDto | null) {
    return {
      siteId: query.site.id,
      ...query.range,
      timezone: query.site.timezone,
      source: chooseSource(query),
      sampling,
    };
  }
}

import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ClickHouseService } from '../../clickhouse/clickhouse.service.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { csvLines } from '../csv-file.js';
import { percentOf } from '../percent.js';
import { DEFAULT_FUNNEL_WINDOW_SECONDS } from '@sluice/config';
import {
  ENTRY_FIELDS,
  funnelSql,
  funnelVisitorsSql,
  type FunnelQuery,
  type FunnelStep,
  type FunnelVisitorSource,
} from '../query/funnel.js';
import { parseDimension } from '../query/parse-request.js';
import { parseSteps } from '../query/parse-steps.js';
import type { DateRange } from '../query/report-query.js';
import { ReportsService } from '../reports.service.js';
import type { FunnelQueryDto } from './dto/funnel-query.dto.js';
import type { FunnelReportDto, FunnelStepResultDto } from './dto/funnel.dto.js';
import { MAX_FUNNEL_VISITORS, type FunnelVisitorsQueryDto } from './dto/funnel-visitors-query.dto.js';
import type { FunnelVisitorsDto } from './dto/funnel-visitors.dto.js';
import { reportHeader } from '../report-kind.js';

/** A funnel row as ClickHouse answers it (64-bit counts as strings): `visitors_<n>`, `seconds_<n>`, `median_<n>`. */
type FunnelRow = Record<string, string | number>;

const valueOf = (row: FunnelRow) => String(row.value);

/** A row of funnelVisitorsSql: the entry's fields, and two UTC times in seconds. */
type FunnelVisitorRow = Record<(typeof ENTRY_FIELDS)[number], string> & {
  entered: number;
  reached_at: number;
};

const isoOf = (seconds: number) => new Date(Number(seconds) * 1000).toISOString();

/** Each step's figures from one funnel row; a missing row (no entrants) is zeros. */
function stepResults(steps: FunnelStep[], row: FunnelRow | undefined): FunnelStepResultDto[] {
  const figure = (column: string) => Number(row?.[column] ?? 0);
  const entrants = figure('visitors_1');
  return steps.map((step, i) => {
    const n = i + 1;
    const visitors = figure(`visitors_${n}`);
    const previous = n === 1 ? visitors : figure(`visitors_${n - 1}`);
    const timed = n > 1 && visitors > 0;
    const seconds = figure(`seconds_${n}`);
    return {
      step: n,
      ...step,
      visitors,
      conversionFromStart: n === 1 ? percentOf(visitors, visitors) : percentOf(visitors, entrants),
      conversionFromPrevious: percentOf(visitors, previous),
      dropOff: previous - visitors,
      medianSecondsFromPrevious: timed ? figure(`median_${n}`) : null,
      // Half up in integers, as the percentages.
      meanSecondsFromPrevious: timed ? Math.floor((2 * seconds + visitors) / (2 * visitors)) : null,
    };
  });
}

/**
 * Funnels: the request becomes a `FunnelQuery` (the shared report query from `ReportsService.baseQuery`,
 * with steps, window and dimension), its SQL composed by `query/funnel.ts`, run through ClickHouseService.
 */
@Injectable()
export class FunnelService {
  constructor(
    private readonly reports: ReportsService,
    private readonly clickhouse: ClickHouseService,
  ) {}

  private async query(siteId: number, dto: FunnelQueryDto): Promise<FunnelQuery> {
    if (dto.goal !== undefined)
      throw new DomainError(ErrorCode.Validation, 'goal: a funnel takes no goal (its last step is one)');
    const steps = parseSteps(dto.steps);
    const dimension = dto.dimension === undefined ? undefined : parseDimension(dto.dimension);
    const base = await this.reports.baseQuery(siteId, dto);
    return {
      ...base,
      steps,
      windowSeconds: dto.window ?? DEFAULT_FUNNEL_WINDOW_SECONDS,
      dimension,
      limit: dto.limit ?? 10,
    };
  }

  /**
   * The funnel over one range: its row over every entrant and, broken down, the rows of the top values
   * (only `query.values` where given), from one query (the overall row is its totals).
   */
  private async figures(
    query: FunnelQuery,
    range: DateRange,
    source?: FunnelVisitorSource,
  ): Promise<{ overall: FunnelRow | undefined; values: FunnelRow[] }> {
    if (!query.dimension || query.values?.length === 0) {
      const [overall] = await this.clickhouse.rows<FunnelRow>(
        funnelSql({ ...query, dimension: undefined }, range, source),
      );
      return { overall, values: [] };
    }
    const { rows, totals } = await this.clickhouse.rowsWithTotals<FunnelRow>(funnelSql(query, range, source));
    return { overall: totals, values: rows };
  }

  /** `source`: the planner's unless a test compares the two (query/funnel.ts). */
  async funnel(siteId: number, dto: FunnelQueryDto, source?: FunnelVisitorSource): Promise<FunnelReportDto> {
    const query = await this.query(siteId, dto);
    const { steps, comparison, dimension } = query;
    const current = this.figures(query, query.range, source);
    // The comparison range for the shown values only, as the breakdown report does: it waits for them.
    const compared = async () =>
      comparison &&
      this.figures(
        { ...query, values: dimension ? (await current).values.map(valueOf) : undefined },
        comparison,
        source,
      );
    const [now, before] = await Promise.all([current, compared()]);
    const beforeByValue = new Map(before?.values.map((row) => [valueOf(row), row]));
    return {
      ...reportHeader(query),
      window: query.windowSeconds,
      steps: stepResults(steps, now.overall),
      comparison: comparison ? { ...comparison, steps: stepResults(steps, before?.overall) } : null,
      dimension: dimension ?? null,
      breakdown: dimension
        ? now.values.map((row) => ({
            value: valueOf(row),
            steps: stepResults(steps, row),
            comparison: comparison ? stepResults(steps, beforeByValue.get(valueOf(row))) : null,
          }))
        : null,
    };
  }

  /**
   * Who reached a step, or reached it and went no further: the people behind a step's count and its
   * drop-off (PostHog's "view persons"), the most recent entrants first, each with what their entry tells.
   */
  async visitors(
    siteId: number,
    dto: FunnelVisitorsQueryDto,
    source?: FunnelVisitorSource,
  ): Promise<FunnelVisitorsDto> {
    const query = await this.query(siteId, { ...dto, limit: dto.limit ?? MAX_FUNNEL_VISITORS });
    const { step, outcome } = dto;
    const last = query.steps.length;
    if (step > last) throw new DomainError(ErrorCode.Validation, `step: the funnel has ${last} steps`);
    if (outcome === 'dropped' && step === last)
      throw new DomainError(ErrorCode.Validation, 'outcome: nobody drops off after the last step');
    const rows = await this.clickhouse.rows<FunnelVisitorRow>(
      funnelVisitorsSql({ ...query, step, outcome }, query.range, source),
    );
    return {
      ...reportHeader(query),
      step,
      outcome,
      visitors: rows.map((row) => ({
        visitorId: row.visitor_id,
        sessionId: row.session_id,
        userId: row.user_id,
        country: row.country,
        device: row.device,
        browser: row.browser,
        enteredAt: isoOf(row.entered),
        reachedAt: isoOf(row.reached_at),
      })),
    };
  }

  /** The funnel of the range as CSV: a line per step (per value and step with a dimension). Small: built here. */
  async csv(siteId: number, dto: FunnelQueryDto): Promise<Readable> {
    const report = await this.funnel(siteId, { ...dto, compareFrom: undefined, compareTo: undefined });
    const columns = (step: FunnelStepResultDto) => [
      step.step,
      step.kind,
      step.match,
      step.visitors,
      step.conversionFromStart,
      step.conversionFromPrevious,
      step.dropOff,
      step.medianSecondsFromPrevious,
      step.meanSecondsFromPrevious,
    ];
    const header = [
      'step',
      'kind',
      'match',
      'visitors',
      'conversion_from_start',
      'conversion_from_previous',
      'drop_off',
      'median_seconds_from_previous',
      'mean_seconds_from_previous',
    ];
    return report.breakdown
      ? csvLines(
          ['value', ...header],
          report.breakdown.flatMap(({ value, steps }) => steps.map((step) => [value, ...columns(step)])),
        )
      : csvLines(header, report.steps.map(columns));
  }
}

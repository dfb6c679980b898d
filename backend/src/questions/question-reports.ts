import { comparisonDays } from '@sluice/config';
import { Injectable, type Type } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { validationPipe } from '../common/validation.pipe.js';
import type { Goal } from '../goals/goal.entity.js';
import { BreakdownQueryDto, OverviewQueryDto, TimeseriesQueryDto } from '../reports/dto/report-query.dto.js';
import { FunnelQueryDto } from '../reports/funnel/dto/funnel-query.dto.js';
import { FunnelService } from '../reports/funnel/funnel.service.js';
import { PathsQueryDto } from '../reports/paths/dto/paths-query.dto.js';
import { PathsService } from '../reports/paths/paths.service.js';
import { RetentionQueryDto } from '../reports/retention/dto/retention-query.dto.js';
import { RetentionService } from '../reports/retention/retention.service.js';
import { parseMetrics } from '../reports/query/parse-request.js';
import { ReportsService } from '../reports/reports.service.js';
import type { ReportResultDto } from './dto/question-answer.dto.js';
import { ReportRequestDto, type ReportKind } from './dto/report-request.dto.js';
import { resolveRange } from './question-range.js';

/** The report routes' query DTO of each kind: a question's request is checked by the very same classes. */
const QUERY_DTOS: Record<ReportKind, Type<object>> = {
  overview: OverviewQueryDto,
  timeseries: TimeseriesQueryDto,
  breakdown: BreakdownQueryDto,
  funnel: FunnelQueryDto,
  retention: RetentionQueryDto,
  paths: PathsQueryDto,
};

const refuse = (message: string): never => {
  throw new DomainError(ErrorCode.Validation, message);
};

/** A report request that passed validation, its range resolved to days, with its report's answer. */
export interface AnsweredRequest {
  request: ReportRequestDto;
  result: ReportResultDto;
}

/**
 * Runs a report request (the model's answer) as the report API would run it: checked by the API's
 * validation pipe against `ReportRequestDto`, then turned into the query parameters of its report route
 * and checked by that route's DTO, then answered by the same services (ReportsService, FunnelService, RetentionService, PathsService): same
 * planner, binder, read-only ClickHouse account and limits. Whatever breaks a rule is a `validation_failed`
 * DomainError whose message names the field, as a 400 of the API would.
 */
@Injectable()
export class QuestionReports {
  constructor(
    private readonly reports: ReportsService,
    private readonly funnels: FunnelService,
    private readonly retentions: RetentionService,
    private readonly paths: PathsService,
  ) {}

  /** `candidate`: the parsed JSON the model answered; `siteId`: the site asked on, never the model's. */
  async answer(siteId: number, candidate: unknown, goals: Goal[], today: string): Promise<AnsweredRequest> {
    if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate))
      refuse('answer: must be a JSON object');
    const request = (await validationPipe.transform(candidate, {
      type: 'body',
      metatype: ReportRequestDto,
    })) as ReportRequestDto;
    const range = resolveRange(request.range, today);
    const resolved: ReportRequestDto = {
      ...request,
      range: { ...request.range, from: range.from, to: range.to },
    };
    const goal = request.goal === undefined ? undefined : goalNamed(goals, request.goal);
    const params = reportParams(resolved, goal);
    const dto = (await validationPipe.transform(params, {
      type: 'query',
      metatype: QUERY_DTOS[request.report],
    })) as never;
    return { request: resolved, result: await this.run(siteId, request, dto, goal !== undefined) };
  }

  private async run(
    siteId: number,
    request: ReportRequestDto,
    dto: never,
    hasGoal: boolean,
  ): Promise<ReportResultDto> {
    switch (request.report) {
      case 'overview':
        // The overview answers every metric; the ones named are checked as the other reports check theirs.
        if (request.metrics) parseMetrics(request.metrics.join(','), [], hasGoal);
        return { overview: await this.reports.overview(siteId, dto) };
      case 'timeseries':
        return { timeseries: await this.reports.timeseries(siteId, dto) };
      case 'breakdown':
        return { breakdown: await this.reports.breakdown(siteId, dto) };
      case 'funnel':
        return { funnel: await this.funnels.funnel(siteId, dto) };
      case 'retention':
        return { retention: await this.retentions.retention(siteId, dto) };
      case 'paths':
        return { paths: await this.paths.neighbours(siteId, dto) };
    }
  }
}

/** The site's goal of that name (names are what the model sees); any other is refused naming the goals. */
function goalNamed(goals: Goal[], name: string): Goal {
  const goal = goals.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (goal) return goal;
  const names = goals.map((candidate) => JSON.stringify(candidate.name)).join(', ');
  return refuse(`goal: this site has no goal named ${JSON.stringify(name)} (${names || 'it has none'})`);
}

/**
 * The report route's query parameters for a request, as the panel or a script would send them (lists and
 * trees as JSON text). Every property given is passed on, so one the report doesn't take is refused by its
 * DTO, as the API refuses it. The overview's metrics are not a parameter of its route (it answers all); a
 * retention's `cohort` is its route's `period` (the request's `range` has a period of its own).
 */
export function reportParams(request: ReportRequestDto, goal?: Goal): Record<string, string> {
  const { from, to } = request.range as Required<Pick<ReportRequestDto['range'], 'from' | 'to'>>;
  const compared = comparisonDays(request.compare ? 'previous' : 'none', { from, to });
  const params: Record<string, string | number | undefined> = {
    from,
    to,
    compareFrom: compared?.from,
    compareTo: compared?.to,
    filters: request.filters && JSON.stringify(request.filters),
    goal: goal?.id,
    metrics: request.report === 'overview' ? undefined : request.metrics?.join(','),
    dimension: request.dimension,
    interval: request.interval,
    order: request.order && `${request.order.by}:${request.order.direction}`,
    limit: request.limit,
    steps: request.steps && JSON.stringify(request.steps),
    window: request.window,
    period: request.cohort,
    returnEvent: request.returnEvent,
    page: request.page,
  };
  return Object.fromEntries(
    Object.entries(params)
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );
}

import type { DimensionName } from '@sluice/config';
import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { nextDay } from '../../common/calendar.js';
import { dimensionAlias, dimensionLevel, eventValue } from './dimensions.js';
import { goalEvent } from './goals.js';
import { chooseSource } from './plan.js';
import type { DateRange, GoalCondition, ReportQuery } from './report-query.js';
import { rangeEvents, type EventColumn } from './range-events.js';
import { dayBounds, visitRows } from './visits.js';

export const FUNNEL_STEP_KINDS = ['page', 'event', 'action'] as const;

/**
 * One step of a funnel: a pageview whose path matches a wildcard pattern (`page`), an event of a name
 * (`event`), either with an optional property match as goals have, or an autocaptured action by its
 * element fingerprint (`action`, never with a property).
 */
export type FunnelStep = Omit<GoalCondition, 'kind'> & { kind: (typeof FUNNEL_STEP_KINDS)[number] };

export const MIN_FUNNEL_STEPS = 2;
export const MAX_FUNNEL_STEPS = 10;
export const DEFAULT_FUNNEL_WINDOW_SECONDS = 30 * 60;
/** A week: the events read reach this far past the range, so a longer window costs reads for every funnel. */
export const MAX_FUNNEL_WINDOW_SECONDS = 7 * 24 * 3600;

/** A funnel request: the report's range and filters choose who enters; the steps and window, who goes on. */
export interface FunnelQuery extends Omit<ReportQuery, 'metrics'> {
  steps: FunnelStep[];
  windowSeconds: number;
  /** Top values of this dimension by entrants, at most `limit` of them. */
  dimension?: DimensionName;
  limit?: number;
  /** Only these values of the dimension (the comparison range of a breakdown's rows). */
  values?: string[];
}

/** The columns a funnel row answers, per step `n` (1-based): how many visitors reached it, and how fast. */
export const reachedColumn = (n: number) => identifier(`visitors_${n}`);
export const secondsColumn = (n: number) => identifier(`seconds_${n}`);
export const medianColumn = (n: number) => identifier(`median_${n}`);
const stepFlag = (n: number) => identifier(`step_${n}`);
const stepTimes = (n: number) => identifier(`times_${n}`);
const reachedAt = (n: number) => identifier(`at_${n}`);

const DAY_MS = 86_400_000;
const previousDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
const daysLater = (date: string, days: number) =>
  Array.from({ length: days }).reduce<string>((day) => nextDay(day), date);

/**
 * The names of the steps' events, where every step names them (the name is in the events' sort key, so
 * naming them reads fewer rows); undefined with an action step, whose element any event may carry.
 */
const stepEventNames = (steps: FunnelStep[]): string[] | undefined =>
  steps.some((step) => step.kind === 'action')
    ? undefined
    : [...new Set(steps.map((step) => (step.kind === 'page' ? 'pageview' : step.match)))];

const stepEvent = (step: FunnelStep): SqlFragment =>
  step.kind === 'action'
    ? sql`el_fingerprint = ${bind.string(step.match)}`
    : goalEvent({ ...step, kind: step.kind });

/**
 * The visits whose events may count, each once with its visitor (that of its first event, so a resend
 * from another address adds nobody) and, for a visit dimension, its value; the report's filters choose
 * them (visits.ts). They may begin the day before the range (a visit across midnight enters on the
 * range's first day) and up to the window after it (later steps).
 */
function funnelVisits(query: FunnelQuery, range: DateRange, visitDimension: DimensionName | undefined) {
  const visitsQuery = { ...query, metrics: [], dimension: visitDimension };
  const visits = visitRows(visitsQuery, range, chooseSource(visitsQuery));
  const value = visitDimension ? sql`, any(${dimensionAlias(visitDimension)}) AS visit_value` : sql``;
  return sql`SELECT visit_id, any(visitor) AS visitor ${value} FROM (${visits}) GROUP BY visit_id`;
}

/**
 * The funnel over one range, one row (or one per dimension value, top by entrants): `visitors_<n>` who
 * reached step n, and for n ≥ 2 the sum (`seconds_<n>`) and median (`median_<n>`) of their seconds from
 * step n − 1.
 *
 * A visitor enters with their first step-1 event in the range (local days); each later step is their
 * first event of it after the previous step (a later second: events of one second have no order in
 * storage) and within the window from the entry. 18.16's `windowFunnel` answers the depth alone, not the
 * times between steps, so each visitor's step times are sorted arrays and the chain is walked with
 * `arrayFirst`. Every step event counts once, by its id, at its first `ts`: a copy or a later resend from
 * another address neither moves a step nor, attributed to its visit's visitor, adds a visitor.
 */
export function funnelSql(query: FunnelQuery, range: DateRange): NamedQuery {
  const { start, end } = dayBounds(query.site, range);
  const window = bind.uint32(query.windowSeconds);
  const steps = query.steps.map((step, i) => ({ step, n: i + 1 }));
  const dimension = query.dimension;
  const eventDimension = dimension && dimensionLevel(dimension) === 'event' ? dimension : undefined;
  const visitDimension = dimension && !eventDimension ? dimension : undefined;
  const windowDays = Math.ceil(query.windowSeconds / 86_400);
  const visitsRange = { from: previousDay(range.from), to: daysLater(range.to, windowDays) };

  // Each step event once, at its first arrival (range-events.ts); the filters choose visits (funnelVisits).
  const stepEvents = sql`SELECT *, toUInt32(seen) AS at FROM (${rangeEvents(
    { site: query.site, finalizedThrough: query.finalizedThrough },
    visitsRange,
    stepEventNames(query.steps),
    [
      ...(eventDimension ? [[eventValue(eventDimension), sql`event_value`] satisfies EventColumn] : []),
      ...steps.map(({ step, n }): EventColumn => [stepEvent(step), stepFlag(n)]),
    ],
    {
      visitors: false,
      where: sql`(${joinSql(
        steps.map(({ step }) => sql`(${stepEvent(step)})`),
        ' OR ',
      )})`,
    },
  )})`;

  const entry = sql`step_1 = 1 AND at >= toUInt32(${start}) AND at < toUInt32(${end})`;
  const value = eventDimension ? sql`event_value` : visitDimension ? sql`visit_value` : sql`''`;
  const perVisitor = sql`SELECT visitor, minIf(at, ${entry}) AS at_1,
      argMinIf(${value}, at, ${entry}) AS value,
      ${joinSql(
        steps
          .slice(1)
          .map(({ n }) => sql`arraySort(groupArrayIf(at, ${stepFlag(n)} = 1)) AS ${stepTimes(n)}`),
        ', ',
      )}
    FROM (${stepEvents}) ANY INNER JOIN (${funnelVisits(query, visitsRange, visitDimension)}) USING visit_id
    GROUP BY visitor
    HAVING countIf(${entry}) > 0`;

  // 0: not reached; a step after an unreached one is unreached too.
  const chain = steps
    .slice(1)
    .map(
      ({ n }) =>
        sql`if(${reachedAt(n - 1)} = 0, 0, arrayFirst(time -> time > ${reachedAt(n - 1)} AND time <= at_1 + ${window}, ${stepTimes(n)})) AS ${reachedAt(n)}`,
    );
  const walked = sql`SELECT value, at_1, ${joinSql(chain, ', ')} FROM (${perVisitor})`;

  // Seconds from the previous step: UInt32 minus UInt32 is a signed Int64 in ClickHouse, never a wrap-around.
  const answers = joinSql(
    [
      sql`count() AS visitors_1`,
      ...steps.slice(1).flatMap(({ n }) => {
        const reached = sql`${reachedAt(n)} > 0`;
        const seconds = sql`${reachedAt(n)} - ${reachedAt(n - 1)}`;
        return [
          sql`countIf(${reached}) AS ${reachedColumn(n)}`,
          sql`sumIf(${seconds}, ${reached}) AS ${secondsColumn(n)}`,
          // The exact median of an even count is the upper middle value (quantileExact), on every server.
          sql`medianExactIf(${seconds}, ${reached}) AS ${medianColumn(n)}`,
        ];
      }),
    ],
    ', ',
  );
  const name = `funnel:${dimension ? 'breakdown' : 'steps'}`;
  if (!dimension) return { name, sql: sql`SELECT ${answers} FROM (${walked})` };
  const only = query.values ? sql`WHERE value IN (${joinSql(query.values.map(bind.string), ', ')})` : sql``;
  return {
    name,
    sql: sql`SELECT value, ${answers} FROM (${walked}) ${only}
      GROUP BY value ORDER BY visitors_1 DESC, value ASC LIMIT ${bind.uint32(query.limit ?? 10)}`,
  };
}

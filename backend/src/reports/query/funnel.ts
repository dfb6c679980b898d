import type { DimensionName, FUNNEL_STEP_KINDS } from '@sluice/config';
import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { addDays } from '../../common/calendar.js';
import { dimensionAlias, dimensionLevel, eventValue } from './dimensions.js';
import { goalEvent } from './goals.js';
import { chooseSource } from './plan.js';
import type { DateRange, GoalCondition, ReportQuery } from './report-query.js';
import { rangeEvents, type EventColumn } from './range-events.js';
import { dayBounds } from './range-days.js';
import { visitRows } from './visits.js';

/**
 * One step of a funnel: a pageview whose path matches a wildcard pattern (`page`), an event of a name
 * (`event`), either with an optional property match as goals have, or an autocaptured action by its
 * element fingerprint (`action`, never with a property).
 */
export type FunnelStep = Omit<GoalCondition, 'kind'> & { kind: (typeof FUNNEL_STEP_KINDS)[number] };

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
 * Where a funnel finds the visitor of each step event (and, broken down by a visit dimension, the value
 * of each entrant's entry visit):
 *
 * - `events`: the step events carry their visitor (rangeEvents with `visitors`: a finalized day's rows
 *   hold it, an open day's events join the rollup rows of their own visits only), and a visit dimension
 *   is read for the entrants' entry visits alone.
 * - `visits`: every visit of the range, the day before and the window after, merged per visit with the
 *   report's filters applied and joined to the step events: the filters choose visits, which only this
 *   applies. On the bench's largest site that is 570,000 visits grouped and hashed for 170,000 step
 *   events, several times the cost of the step events themselves.
 *
 * Both give the same answers without filters (tested), but for a visit that began more than a day
 * before its step event (a session past 24 hours): `visits` reads only the visits begun from the day
 * before the range on, and leaves such a visit's events out.
 */
export type FunnelVisitorSource = 'events' | 'visits';

/** The planner's choice: every visit only where filters choose the visits. */
export const chooseFunnelSource = (query: Pick<FunnelQuery, 'filters'>): FunnelVisitorSource =>
  query.filters ? 'visits' : 'events';

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
 * The visit dimension's value of each visit begun in `range` (no filters: the `events` source), keyed
 * `entry_visit` for the join with the entrants: the finalized days' plain rows, the open days' merged
 * from the rollup (visits.ts).
 */
function visitValues(query: FunnelQuery, range: DateRange, visitDimension: DimensionName): SqlFragment {
  const visitsQuery = { ...query, metrics: [], dimension: visitDimension };
  return sql`SELECT visit_id AS entry_visit, ${dimensionAlias(visitDimension)} AS value
    FROM (${visitRows(visitsQuery, range, 'rollup')})`;
}

/**
 * The parts every funnel query is made of: each step event once, each entrant once with the sorted times of
 * their later steps, and the walk that finds when each later step was reached (`at_<n>`, 0: not reached).
 * `columns`: further columns of the step events (the entering event's are then taken by `entrants`).
 */
function funnelParts(
  query: FunnelQuery,
  range: DateRange,
  source: FunnelVisitorSource,
  columns: EventColumn[],
) {
  const { start, end } = dayBounds(query.site, range);
  const window = bind.uint32(query.windowSeconds);
  const steps = query.steps.map((step, i) => ({ step, n: i + 1 }));
  const windowDays = Math.ceil(query.windowSeconds / 86_400);
  const visitsRange = { from: addDays(range.from, -1), to: addDays(range.to, windowDays) };
  // An event before the range's first local day neither enters nor follows an entry (later steps come
  // after it): the step events are read from that day on, to the window after the range.
  const eventsRange = { from: range.from, to: visitsRange.to };

  // Each step event once, at its first arrival (range-events.ts).
  const stepEvents = sql`SELECT *, toUInt32(seen) AS at FROM (${rangeEvents(
    {
      site: query.site,
      finalizedThrough: query.finalizedThrough,
      finalizedVersions: query.finalizedVersions,
    },
    eventsRange,
    stepEventNames(query.steps),
    [...columns, ...steps.map(({ step, n }): EventColumn => [stepEvent(step), stepFlag(n)])],
    {
      visitors: source === 'events',
      prewhere: joinSql(
        steps.map(({ step }) => sql`(${stepEvent(step)})`),
        ' OR ',
      ),
    },
  )})`;

  const entry = sql`step_1 = 1 AND at >= toUInt32(${start}) AND at < toUInt32(${end})`;
  const laterSteps = steps.slice(1);
  /** Each entrant once: the entry (`at_1`), each of `entered` of the entering event, and each later step's sorted times. */
  const entrants = (events: SqlFragment, entered: EventColumn[]) => sql`SELECT visitor,
      minIf(at, ${entry}) AS at_1,
      ${joinSql(
        [
          ...entered.map(([value, alias]) => sql`argMinIf(${value}, at, ${entry}) AS ${alias}`),
          ...laterSteps.map(
            ({ n }) => sql`arraySort(groupArrayIf(at, ${stepFlag(n)} = 1)) AS ${stepTimes(n)}`,
          ),
        ],
        ', ',
      )}
    FROM ${events}
    GROUP BY visitor
    HAVING countIf(${entry}) > 0`;
  /** The step events joined to the visits the report's filters keep (the `visits` source). */
  const filteredEvents = (visitDimension: DimensionName | undefined) =>
    sql`(${stepEvents}) ANY INNER JOIN (${funnelVisits(query, visitsRange, visitDimension)}) USING visit_id`;

  // 0: not reached; a step after an unreached one is unreached too.
  const chain = joinSql(
    laterSteps.map(
      ({ n }) =>
        sql`if(${reachedAt(n - 1)} = 0, 0, arrayFirst(time -> time > ${reachedAt(n - 1)} AND time <= at_1 + ${window}, ${stepTimes(n)})) AS ${reachedAt(n)}`,
    ),
    ', ',
  );
  const times = joinSql(
    laterSteps.map(({ n }) => stepTimes(n)),
    ', ',
  );
  return { stepEvents, entrants, filteredEvents, chain, times, laterSteps, visitsRange };
}

/**
 * The funnel over one range, one row (or one per dimension value, top by entrants): `visitors_<n>` who
 * reached step n, and for n ≥ 2 the sum (`seconds_<n>`) and median (`median_<n>`) of their seconds from
 * step n − 1. Broken down, the row over every entrant comes as the totals (`WITH TOTALS`, computed
 * before HAVING keeps `values`, and before LIMIT): one read answers both.
 *
 * A visitor enters with their first step-1 event in the range (local days); each later step is their
 * first event of it after the previous step (a later second: events of one second have no order in
 * storage) and within the window from the entry. 18.16's `windowFunnel` answers the depth alone, not the
 * times between steps, so each visitor's step times are sorted arrays and the chain is walked with
 * `arrayFirst`. Every step event counts once, by its id, at its first `ts`: a copy or a later resend from
 * another address neither moves a step nor, attributed to its visit's visitor, adds a visitor.
 * `source` is the planner's (chooseFunnelSource) unless a test compares the two.
 */
export function funnelSql(
  query: FunnelQuery,
  range: DateRange,
  source: FunnelVisitorSource = chooseFunnelSource(query),
): NamedQuery {
  const dimension = query.dimension;
  const eventDimension = dimension && dimensionLevel(dimension) === 'event' ? dimension : undefined;
  const visitDimension = dimension && !eventDimension ? dimension : undefined;
  const eventColumns = eventDimension
    ? [[eventValue(eventDimension), sql`event_value`] satisfies EventColumn]
    : [];
  const { stepEvents, entrants, filteredEvents, chain, times, laterSteps, visitsRange } = funnelParts(
    query,
    range,
    source,
    eventColumns,
  );

  const perVisitor = (() => {
    const eventOrNone = eventDimension ? sql`event_value` : sql`''`;
    if (source === 'visits')
      return entrants(filteredEvents(visitDimension), [
        [visitDimension ? sql`visit_value` : eventOrNone, sql`value`],
      ]);
    if (!visitDimension) return entrants(sql`(${stepEvents})`, [[eventOrNone, sql`value`]]);
    // The entrants' entry visits only are looked up: the visits are streamed past a hash of the entrants.
    const entryVisits = { from: visitsRange.from, to: range.to };
    return sql`SELECT value, at_1, ${times}
      FROM (${visitValues(query, entryVisits, visitDimension)})
      ANY INNER JOIN (${entrants(sql`(${stepEvents})`, [[sql`visit_id`, sql`entry_visit`]])}) USING entry_visit`;
  })();

  const walked = sql`SELECT value, at_1, ${chain} FROM (${perVisitor})`;

  // Seconds from the previous step: UInt32 minus UInt32 is a signed Int64 in ClickHouse, never a wrap-around.
  const answers = joinSql(
    [
      sql`count() AS visitors_1`,
      ...laterSteps.flatMap(({ n }) => {
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
  const name = `funnel:${dimension ? 'breakdown' : 'steps'}:${source}`;
  if (!dimension) return { name, sql: sql`SELECT ${answers} FROM (${walked})` };
  const only = query.values ? sql`HAVING value IN (${joinSql(query.values.map(bind.string), ', ')})` : sql``;
  return {
    name,
    sql: sql`SELECT value, ${answers} FROM (${walked})
      GROUP BY value WITH TOTALS ${only}
      ORDER BY visitors_1 DESC, value ASC LIMIT ${bind.uint32(query.limit ?? 10)}`,
    // The totals are every entrant's, whichever values HAVING keeps.
    settings: { totals_mode: 'before_having' },
  };
}

/** Whom a funnel's visitors list holds: those who reached a step, or those who reached it and not the next. */
export const FUNNEL_OUTCOMES = ['reached', 'dropped'] as const;
export type FunnelOutcome = (typeof FUNNEL_OUTCOMES)[number];

/** A funnel's visitors list: whose, and how many at most (the most recent entrants first). */
export interface FunnelVisitorsQuery extends Omit<FunnelQuery, 'dimension' | 'values'> {
  step: number;
  outcome: FunnelOutcome;
}

/**
 * What a visitors list tells of each entrant, from the event they entered by: the fields to open their
 * events with (events explorer), and who they were (where from, on what).
 */
export const ENTRY_FIELDS = ['visitor_id', 'session_id', 'user_id', 'country', 'device', 'browser'] as const;

/**
 * The entrants who reached step `step` (`reached`), or reached it and not the next (`dropped`), the most
 * recent entry first, up to `limit`: each with the entering event's ENTRY_FIELDS, `entered` (its time) and
 * `reached_at` (when they reached the step), both UTC seconds. The same walk as funnelSql's, so the list's
 * visitors are exactly those its counts count.
 */
export function funnelVisitorsSql(
  query: FunnelVisitorsQuery,
  range: DateRange,
  source: FunnelVisitorSource = chooseFunnelSource(query),
): NamedQuery {
  // The step events' copy of a field is `event_<field>`: an alias equal to a column it is made of would be cyclic.
  const carried = ENTRY_FIELDS.map((field): EventColumn => [identifier(field), identifier(`event_${field}`)]);
  const { stepEvents, entrants, filteredEvents, chain } = funnelParts(query, range, source, carried);
  const entered = carried.map(([field, copy]): EventColumn => [copy, field]);
  const events = source === 'visits' ? filteredEvents(undefined) : sql`(${stepEvents})`;
  const fields = joinSql(
    ENTRY_FIELDS.map((field) => identifier(field)),
    ', ',
  );
  const walked = sql`SELECT visitor, at_1, ${fields}, ${chain} FROM (${entrants(events, entered)})`;
  const reached = reachedAt(query.step);
  const notNext = query.outcome === 'dropped' ? sql`AND ${reachedAt(query.step + 1)} = 0` : sql``;
  return {
    name: `funnel:visitors:${source}`,
    sql: sql`SELECT ${fields}, at_1 AS entered, ${reached} AS reached_at FROM (${walked})
      WHERE ${reached} > 0 ${notNext}
      ORDER BY at_1 DESC, visitor ASC LIMIT ${bind.uint32(query.limit ?? 100)}`,
  };
}

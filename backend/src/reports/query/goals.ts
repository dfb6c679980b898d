import { bind, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { wildcardMatch } from './filters.js';
import { ENGAGEMENT_EVENT } from './page-reading.js';
import { namedAs, rangeEvents, rangeEventVisits } from './range-events.js';
import type { DateRange, GoalCondition, ReportQuery } from './report-query.js';
import { wholeEventDays } from './range-days.js';

/**
 * An event that completes the goal: a pageview of a matching path, an event of its name, or an engagement
 * report of a matching path scrolled deep enough; and the property. Funnel steps (funnel.ts) are tested the
 * same way.
 */
export function goalEvent(goal: GoalCondition): SqlFragment {
  const { names, prewhere, where } = goalEvents(goal);
  return joinSql([namedAs(names), ...(prewhere ? [prewhere] : []), ...(where ? [where] : [])], ' AND ');
}

/**
 * A goal's events as `rangeEvents` chooses them: by name; a page or scroll goal's path as the PREWHERE
 * (finalized events are sorted by page within a name: its granules alone are read); the property after. A
 * scroll goal's events are the page's engagement reports that scrolled at least its depth: each reports the
 * deepest scroll since the last, so a view went that deep exactly when one of its reports did.
 */
function goalEvents(goal: GoalCondition): { names: string[]; prewhere?: SqlFragment; where?: SqlFragment } {
  const onPage = wildcardMatch(sql`pathname`, goal.match);
  const chosen =
    goal.kind === 'page'
      ? { names: ['pageview'], prewhere: onPage }
      : goal.kind === 'scroll'
        ? {
            names: [ENGAGEMENT_EVENT],
            prewhere: sql`${onPage} AND scroll_depth >= ${bind.uint32(goal.scrollDepth ?? 100)}`,
          }
        : { names: [goal.match] };
  if (goal.propertyKey === null || goal.propertyValue === null) return chosen;
  const key = bind.string(goal.propertyKey);
  // indexOf is 0 for a missing key and [0] reads '': has() keeps a match on '' to events that carry the key.
  return {
    ...chosen,
    where: sql`has(props_keys, ${key}) AND props_values[indexOf(props_keys, ${key})] = ${bind.string(goal.propertyValue)}`,
  };
}

/**
 * Whether a goal's reports carry revenue: an event's, which may hold an amount; a pageview holds none. Where
 * none of a report's goals does, its visits need only be told converted or not.
 */
export const carriesRevenue = (goal: GoalCondition): boolean => goal.kind === 'event';

/**
 * The visits of the range's days that completed the goal, one row each: `visit_converted` (1) and its
 * revenue per currency, as parallel arrays `revenue_currencies` / `revenue_amounts`.
 *
 * The goal events are those of every UTC day the range's visits are read from (a visit converts through
 * any of its goal events), each once, by its id, as in every metric: the copies of an event (a second
 * delivery, a resend from another address) share its id, session and revenue. The finalized days' are
 * stored once each (`finalized_events`); only the open days' raw rows are grouped (range-events.ts). The
 * report's filters choose the visits, not their goal events. Each visit's amounts stay one per event: the
 * report's sumMap (REVENUE, metrics.ts) adds them up by currency. Amounts are summed as Int64 ten-thousandths
 * (the contract's scale is 4, Decimal(18, 4)): exact, and JSON carries 64-bit integers as strings, where
 * a Decimal would become a float. Widened to Decimal128 first, since the largest amount times 10,000
 * overflows Decimal(18, 4). ClickHouse 18.16's sumMap takes only numeric keys, so a currency (three
 * ASCII letters) travels as the UInt32 of its bytes.
 */
export function goalVisits(query: ReportQuery & { goal: GoalCondition }, range: DateRange): SqlFragment {
  return sql`SELECT visit_id, toUInt8(1) AS visit_converted,
      groupArrayIf(reinterpretAsUInt32(currency), currency != '') AS revenue_currencies,
      groupArrayIf(amount, currency != '') AS revenue_amounts
    FROM (${goalEventRows(query, range, query.goal)}) GROUP BY visit_id`;
}

/** The most goals goalsVisits tags visits with: one bit each of a UInt64. */
export const GOALS_PER_QUERY = 64;

/**
 * Every goal of `goals` (at most GOALS_PER_QUERY) at once: the visits of the range's days that completed
 * any, one row each, with `visit_goals`, a bit per goal it completed (bit i: `goals[i]`), and, where
 * `withRevenue`, its revenue as goalVisits keeps it, each amount keyed by the goal whose event carried it and
 * its currency (`revenue_keys`: revenueByGoal, metrics.ts). Each goal's events are chosen as goalVisits
 * chooses them, and the visits read once for all (goalConversionsSql, compose.ts), where each goal's overview
 * read them again. The goals are bits, not an array: every visit the report reads is joined to this, and
 * 18.16 fills an array for each visit without one at a cost a number has not (about 30 ms a month on the
 * benchmark's largest site; the revenue's arrays as much again, so only an event goal's report carries them).
 */
export function goalsVisits(
  query: ReportQuery,
  range: DateRange,
  goals: GoalCondition[],
  withRevenue: boolean,
): SqlFragment {
  // A goal without revenue needs only its visits (goalVisitIds), an event goal each event once for its amount.
  const events = joinSql(
    goals.map((goal, index) =>
      carriesRevenue(goal)
        ? sql`SELECT ${bind.uint32(index)} AS goal, visit_id, currency, amount FROM (${goalEventRows(query, range, goal)})`
        : sql`SELECT ${bind.uint32(index)} AS goal, visit_id, '' AS currency, toInt64(0) AS amount FROM (${goalVisitIds(query, range, goal)})`,
    ),
    ' UNION ALL ',
  );
  const revenue = withRevenue
    ? sql`, groupArrayIf(toUInt64(goal) * 4294967296 + reinterpretAsUInt32(currency), currency != '') AS revenue_keys,
      groupArrayIf(amount, currency != '') AS revenue_amounts`
    : sql``;
  return sql`SELECT visit_id, groupBitOr(bitShiftLeft(toUInt64(1), goal)) AS visit_goals${revenue}
    FROM (${events}) GROUP BY visit_id`;
}

/**
 * The visitors who completed a goal in the range, one row each, with `last_converted`, the last time they
 * did (an experiment asks whether that came after a moment of its own). Its events as goalVisits reads them,
 * each once; the report's filters choose the other side of the question, not these events.
 */
export function goalVisitors(
  query: Pick<ReportQuery, 'site' | 'finalizedThrough' | 'finalizedVersions'>,
  range: DateRange,
  goal: GoalCondition,
): SqlFragment {
  const { names, ...options } = goalEvents(goal);
  const events = rangeEvents({ ...query, filters: undefined }, range, names, [], {
    visitors: true,
    ...options,
  });
  return sql`SELECT visitor, max(seen) AS last_converted FROM (${events}) GROUP BY visitor`;
}

/**
 * The visits with a goal event on the days the range's visits are read from (rangeEventVisits: a visit begun in the
 * range is there exactly when goalEventRows holds one of its events), for a goal's set of converted visits.
 */
function goalVisitIds(query: ReportQuery, range: DateRange, goal: GoalCondition): SqlFragment {
  const { names, ...options } = goalEvents(goal);
  return rangeEventVisits(query, wholeEventDays(range), names, options);
}

/** A goal's events on the days the range's visits are read from, each once, with its revenue (goalVisits). */
function goalEventRows(query: ReportQuery, range: DateRange, goal: GoalCondition): SqlFragment {
  const { names, ...options } = goalEvents(goal);
  return rangeEvents(
    { ...query, filters: undefined },
    wholeEventDays(range),
    names,
    [
      [sql`revenue_currency`, sql`currency`],
      [sql`toInt64(toDecimal128(revenue_amount, 4) * 10000)`, sql`amount`],
    ],
    { visitors: false, ...options },
  );
}

/**
 * The visit rows a report aggregates: without a goal, `visits` itself; with one, each visit beside
 * whether it converted (`visit_converted`) and, with an event goal, its revenue (a visit without goal events
 * gets 0 and empty arrays). A visit converts through any goal event on the days read, so every row a visit
 * falls in (each page of a page breakdown, say) counts it as converted — as every row counts its visitor.
 *
 * A goal without revenue (carriesRevenue) has its visits tested against the set of converted ones instead
 * of joined to them: 18.16 passes every visit's columns through a join, and the 30-day overview of the
 * benchmark's largest site with a page goal took 149 ms on ClickHouse joined, 114 tested (docs/benchmarks.md,
 * "A page goal's visits as a set").
 */
export function withGoal(query: ReportQuery, range: DateRange, visits: SqlFragment): SqlFragment {
  if (!query.goal) return sql`(${visits})`;
  if (!carriesRevenue(query.goal)) {
    return sql`(SELECT *, visit_id IN (${goalVisitIds(query, range, query.goal)}) AS visit_converted
      FROM (${visits}))`;
  }
  return sql`(${visits}) ANY LEFT JOIN (${goalVisits({ ...query, goal: query.goal }, range)}) USING visit_id`;
}

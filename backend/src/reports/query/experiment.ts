import { bind, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { goalVisitors } from './goals.js';
import { rangeEvents } from './range-events.js';
import type { GoalCondition, ReportQuery } from './report-query.js';

/**
 * The event the tracker records when a page reads a flag (`isEnabled`, tracker/src/commands.ts), once per
 * session and value: its props `flag` (the flag's key) and `variant` (the value read: a variant's key, or
 * `true` / `false` for a flag without variants).
 */
export const FLAG_EVENT = '$flag';

/** A flag's experiment: the visitors its values were read for, and a goal they may complete. */
export type ExperimentQuery = Pick<
  ReportQuery,
  'site' | 'range' | 'filters' | 'finalizedThrough' | 'finalizedVersions'
> & { flag: string; goal: GoalCondition };

/** An event's value of one custom property ('' where it has none). */
const property = (key: string): SqlFragment => sql`props_values[indexOf(props_keys, ${bind.string(key)})]`;

/**
 * Per value of the flag: `visitors`, those it was read for in the range (their first read of it in the range
 * decides their value, so a visitor counts once, under one value), and `conversions`, those of them who
 * completed the goal at or after that first read (a conversion before it owes the flag nothing). The
 * report's filters choose the reads (a visit filter their visits); the goal's events are any of the range.
 * Each event counts once however often it was delivered (rangeEvents), and bots are left out.
 */
export function experimentSql(query: ExperimentQuery): NamedQuery {
  const reads = rangeEvents(query, query.range, [FLAG_EVENT], [[property('variant'), sql`variant`]], {
    visitors: true,
    where: sql`has(props_keys, ${bind.string('flag')}) AND ${property('flag')} = ${bind.string(query.flag)}`,
  });
  return {
    name: 'report:experiment',
    sql: sql`SELECT variant, count() AS visitors, countIf(last_converted >= exposed) AS conversions
      FROM (SELECT visitor, argMin(variant, seen) AS variant, min(seen) AS exposed FROM (${reads}) GROUP BY visitor)
      ANY LEFT JOIN (${goalVisitors(query, query.range, query.goal)}) USING visitor
      GROUP BY variant ORDER BY variant`,
  };
}

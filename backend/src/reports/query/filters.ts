import { DIMENSION_NAMES, type DimensionLevel, type DimensionName } from '@sluice/config';
import { bind, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { carriedBy, dimensionLevel } from './dimensions.js';
import type { Filter, FilterCondition } from './report-query.js';

/** The dimensions a filter tree names, each once. */
export function filterDimensions(filter: Filter | undefined): DimensionName[] {
  if (!filter) return [];
  if ('and' in filter) return [...new Set(filter.and.flatMap(filterDimensions))];
  if ('or' in filter) return [...new Set(filter.or.flatMap(filterDimensions))];
  if ('not' in filter) return filterDimensions(filter.not);
  return [filter.dimension];
}

/** The conditions that must all hold, nested `and`s flattened. */
const conjuncts = (filter: Filter): Filter[] => ('and' in filter ? filter.and.flatMap(conjuncts) : [filter]);

/**
 * A filter tree split by where it applies: conditions on visit dimensions to visit rows, those on
 * event dimensions to the events before they are grouped into visits. `and`s split, however nested;
 * an `or` or `not` mixing both levels has no meaning at either, and is refused.
 */
export function splitByLevel(filter: Filter | undefined): Record<DimensionLevel, Filter | undefined> {
  if (!filter) return { visit: undefined, event: undefined };
  const parts = conjuncts(filter);
  const at = (level: DimensionLevel) => {
    const chosen = parts.filter((part) => {
      const levels = new Set(filterDimensions(part).map(dimensionLevel));
      if (levels.size > 1) {
        throw new DomainError(
          ErrorCode.Validation,
          'filters must not mix visit dimensions and event dimensions (page, hostname, event_name) under or / not',
        );
      }
      return levels.has(level);
    });
    return chosen.length === 0 ? undefined : chosen.length === 1 ? chosen[0] : { and: chosen };
  };
  return { visit: at('visit'), event: at('event') };
}

/**
 * A wildcard path pattern as an anchored RE2 regex: `**` any text, `*` any text within one path
 * segment, every other character itself. ASCII punctuation is escaped with a backslash (RE2 takes one before
 * any of them); everything else goes in raw, control bytes and NUL included: ClickHouse's regex
 * analysis on 18.16 misreads `\x00`-style escapes, while the binder carries raw bytes exactly.
 */
export function wildcardRegex(pattern: string): string {
  const literal = (text: string) => text.replace(/[!-/:-@[-`{-~]/g, (char) => `\\${char}`);
  const body = pattern
    .split('**')
    .map((part) => part.split('*').map(literal).join('[^/]*'))
    .join('.*');
  return `^${body}$`;
}

/** Whether a page value is a wildcard pattern (wildcardRegex) rather than one path. */
export const isPattern = (page: string): boolean => page.includes('*');

/**
 * Whether `column` matches a wildcard path pattern: every filter, goal, funnel step, path and heatmap page
 * tests patterns here. A pattern without `*` is its anchored regex's exact text, so it is compared as a
 * string: the same answer without running a regex on every row.
 */
export const wildcardMatch = (column: SqlFragment, pattern: string): SqlFragment =>
  isPattern(pattern)
    ? sql`match(${column}, ${bind.string(wildcardRegex(pattern))})`
    : sql`${column} = ${bind.string(pattern)}`;

function condition({ dimension, ...test }: FilterCondition, column: (name: DimensionName) => SqlFragment) {
  const value = column(dimension);
  switch (test.operator) {
    case 'is':
      return sql`${value} = ${bind.string(test.value)}`;
    case 'is_not':
      return sql`${value} != ${bind.string(test.value)}`;
    // position() compares bytes: case-sensitive, and exact for any UTF-8.
    case 'contains':
      return sql`position(${value}, ${bind.string(test.value)}) > 0`;
    case 'does_not_contain':
      return sql`position(${value}, ${bind.string(test.value)}) = 0`;
    case 'matches':
      return wildcardMatch(value, test.value);
    case 'one_of':
      return sql`${value} IN (${joinSql(test.values.map(bind.string), ', ')})`;
  }
}

/**
 * A filter tree as one WHERE fragment, every value bound; `column` gives each dimension's expression.
 * `carriers` the events a dimension's condition holds for; rows of one dimension's values (`visit_values`)
 * are all carried, and have no event name to test.
 */
export function filterSql(
  filter: Filter,
  column: (name: DimensionName) => SqlFragment,
  carriers: (name: DimensionName) => SqlFragment | undefined = carriedBy,
): SqlFragment {
  if ('and' in filter)
    return sql`(${joinSql(
      filter.and.map((part) => filterSql(part, column, carriers)),
      ' AND ',
    )})`;
  if ('or' in filter)
    return sql`(${joinSql(
      filter.or.map((part) => filterSql(part, column, carriers)),
      ' OR ',
    )})`;
  if ('not' in filter) return sql`NOT (${filterSql(filter.not, column, carriers)})`;
  // A condition on an outbound link holds only for outbound events, `is_not` included.
  const events = carriers(filter.dimension);
  return events ? sql`(${events} AND ${condition(filter, column)})` : sql`(${condition(filter, column)})`;
}

export const isDimensionName = (name: unknown): name is DimensionName =>
  typeof name === 'string' && (DIMENSION_NAMES as string[]).includes(name);

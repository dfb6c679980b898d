import { REPORT_DIMENSIONS, type DimensionLevel, type DimensionName } from '@sluice/config';
import { identifier, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';

/** Each dimension's column in visit rows: `dim_<name>`, so it never shadows a column of the tables. */
export const dimensionAlias = (name: DimensionName): SqlFragment => identifier(`dim_${name}`);

export const dimensionLevel = (name: DimensionName): DimensionLevel => REPORT_DIMENSIONS[name].level;

/**
 * A visit dimension from raw events, the same value the rollup's state holds (migration 0010): the
 * field of the visit's first event, or the path of its first or last pageview.
 */
export function visitValueFromEvents(name: DimensionName): SqlFragment {
  const spec = REPORT_DIMENSIONS[name];
  const field = identifier(spec.field);
  if ('derived' in spec) {
    return spec.derived === 'first_pageview'
      ? sql`argMinIf(${field}, ts, name = 'pageview')`
      : sql`argMaxIf(${field}, ts, name = 'pageview')`;
  }
  return sql`argMin(${field}, ts)`;
}

/** A visit dimension from the rollup, whose column is named after the dimension. */
export function visitValueFromRollup(name: DimensionName): SqlFragment {
  const spec = REPORT_DIMENSIONS[name];
  const column = identifier(name);
  if ('derived' in spec) {
    return spec.derived === 'first_pageview' ? sql`argMinIfMerge(${column})` : sql`argMaxIfMerge(${column})`;
  }
  return sql`argMinMerge(${column})`;
}

/** An event dimension is the event's own field. */
export const eventValue = (name: DimensionName): SqlFragment => identifier(REPORT_DIMENSIONS[name].field);

import {
  REPORT_DIMENSIONS,
  type DimensionLevel,
  type DimensionName,
  type DimensionSpec,
} from '@sluice/config';
import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';

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

/**
 * Each custom property of an event as a row of its own, the (key, value) pair as a tuple. Every use of
 * this one expression in a SELECT is the same array join (ClickHouse names an expression by its text), so
 * a condition on the key and a breakdown by the value read the same property. An event without
 * properties has no row here: it has no property to count.
 */
const EACH_PROPERTY = sql`arrayJoin(arrayMap((key, value) -> (key, value), props_keys, props_values))`;

/** An event dimension is the event's own field, or one of its properties (`property` in the contract). */
export function eventValue(name: DimensionName): SqlFragment {
  const spec: DimensionSpec = REPORT_DIMENSIONS[name];
  if (spec.property)
    return sql`tupleElement(${EACH_PROPERTY}, ${bind.uint32(spec.property === 'key' ? 1 : 2)})`;
  return identifier(spec.field);
}

/**
 * The events that carry a dimension, as a condition; undefined where every event does. A property
 * dimension is carried by the events that have properties: the others have no row in `EACH_PROPERTY`
 * anyway, and saying so lets ClickHouse drop them before any grouping (a few percent of a site's events
 * carry properties; grouping every event of a month by visit took most of a property breakdown's time).
 */
export function carriedBy(name: DimensionName): SqlFragment | undefined {
  const spec: DimensionSpec = REPORT_DIMENSIONS[name];
  if (spec.property) return sql`notEmpty(${identifier(spec.field)})`;
  return spec.events ? sql`name IN (${joinSql(spec.events.map(bind.string), ', ')})` : undefined;
}

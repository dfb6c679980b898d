import {
  DIMENSION_NAMES,
  FILTER_OPERATORS,
  REPORT_DIMENSIONS,
  type DimensionName,
  type FilterOperator,
} from '@sluice/config';
import { isCalendarTime } from '../../common/calendar.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { isDimensionName } from './filters.js';
import { GOAL_METRIC_NAMES, METRIC_NAMES, type MetricName } from './metrics.js';
import type { EventsCursor } from './events.js';
import type { Filter, Order } from './report-query.js';

/**
 * The parts of a report request that are lists and trees, read from the query string into the typed
 * query object. Every refusal is a 400 whose message begins with the field (`filters[1].or[0].value`)
 * and says the rule: the API's callers include scripts, which need to know what to fix.
 */
const invalid = (message: string): never => {
  throw new DomainError(ErrorCode.Validation, message);
};

const describe = (value: unknown) => JSON.stringify(value) ?? String(value);

/** At most this many conditions in a filter tree, and this many values in `one_of`. */
const MAX_FILTER_NODES = 50;
const MAX_LIST_VALUES = 100;
const MAX_VALUE_LENGTH = 2048;

/** `goal`: whether the report has a goal, which the goal metrics (conversions…) count. */
export function parseMetrics(text: string | undefined, fallback: MetricName[], goal = false): MetricName[] {
  if (text === undefined) return fallback;
  const names = text.split(',');
  for (const name of names) {
    if ((GOAL_METRIC_NAMES as string[]).includes(name) && !goal)
      invalid(`metrics: ${name} counts a goal: choose one with the goal parameter`);
    if (![...METRIC_NAMES, ...GOAL_METRIC_NAMES].includes(name as MetricName))
      invalid(
        `metrics: unknown metric ${describe(name)} (one of ${[...METRIC_NAMES, ...GOAL_METRIC_NAMES].join(', ')})`,
      );
  }
  if (new Set(names).size !== names.length) invalid('metrics: a metric is named twice');
  return names as MetricName[];
}

export function parseDimension(name: string, field = 'dimension'): DimensionName {
  if (!isDimensionName(name))
    invalid(`${field}: unknown dimension ${describe(name)} (one of ${DIMENSION_NAMES.join(', ')})`);
  return name as DimensionName;
}

/** `visitors:desc`, `value:asc`: by one of the report's metrics or the dimension's value. */
export function parseOrder(text: string | undefined, metrics: MetricName[]): Order | undefined {
  if (text === undefined) return undefined;
  const [by, direction = 'desc', ...rest] = text.split(':');
  if (rest.length || (direction !== 'asc' && direction !== 'desc'))
    invalid('order: must be <metric or value>:<asc or desc>');
  if (by !== 'value' && !(metrics as string[]).includes(by))
    invalid(`order: ${describe(by)} is not one of the report's metrics (${metrics.join(', ')}) or value`);
  return { by: by as Order['by'], direction: direction as Order['direction'] };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown, field: string): string {
  if (typeof value !== 'string') return invalid(`${field}: must be a string`);
  if (value.length > MAX_VALUE_LENGTH) invalid(`${field}: at most ${MAX_VALUE_LENGTH} characters`);
  return value;
}

function filterNode(node: unknown, field: string, count: { nodes: number }): Filter {
  if (++count.nodes > MAX_FILTER_NODES) invalid(`filters: at most ${MAX_FILTER_NODES} conditions and groups`);
  if (!isRecord(node)) return invalid(`${field}: must be an object`);
  const keys = Object.keys(node);
  for (const group of ['and', 'or'] as const) {
    if (!(group in node)) continue;
    if (keys.length !== 1) invalid(`${field}: a group has only its ${group} list`);
    const parts = node[group];
    if (!Array.isArray(parts) || parts.length === 0) invalid(`${field}.${group}: must be a non-empty list`);
    const list = (parts as unknown[]).map((part, i) => filterNode(part, `${field}.${group}[${i}]`, count));
    return group === 'and' ? { and: list } : { or: list };
  }
  if ('not' in node) {
    if (keys.length !== 1) invalid(`${field}: a not has only its not`);
    return { not: filterNode(node.not, `${field}.not`, count) };
  }
  const dimension = parseDimension(String(node.dimension), `${field}.dimension`);
  const operator = node.operator as FilterOperator;
  const allowed: readonly FilterOperator[] = REPORT_DIMENSIONS[dimension].operators;
  if (!(FILTER_OPERATORS as readonly unknown[]).includes(operator))
    invalid(
      `${field}.operator: unknown operator ${describe(node.operator)} (one of ${FILTER_OPERATORS.join(', ')})`,
    );
  if (!allowed.includes(operator))
    invalid(`${field}.operator: ${dimension} takes ${allowed.join(', ')}, not ${operator}`);
  if (operator === 'one_of') {
    if (keys.some((key) => !['dimension', 'operator', 'values'].includes(key)))
      invalid(`${field}: one_of takes dimension, operator and values`);
    const values = node.values;
    if (!Array.isArray(values) || values.length === 0 || values.length > MAX_LIST_VALUES)
      invalid(`${field}.values: must be a list of 1 to ${MAX_LIST_VALUES} strings`);
    return {
      dimension,
      operator,
      values: (values as unknown[]).map((value, i) => text(value, `${field}.values[${i}]`)),
    };
  }
  if (keys.some((key) => !['dimension', 'operator', 'value'].includes(key)))
    invalid(`${field}: ${operator} takes dimension, operator and value`);
  return { dimension, operator, value: text(node.value, `${field}.value`) };
}

/** `filters`: a JSON list of conditions and groups, all of which must hold (an implicit `and`). */
export function parseFilters(json: string | undefined): Filter | undefined {
  if (json === undefined) return undefined;
  let tree: unknown;
  try {
    tree = JSON.parse(json);
  } catch {
    return invalid(
      'filters: must be JSON: a list of conditions ({"dimension","operator","value"}) and groups',
    );
  }
  if (!Array.isArray(tree)) return invalid('filters: must be a list');
  if (tree.length === 0) return undefined;
  const count = { nodes: 0 };
  const parts = tree.map((node, i) => filterNode(node, `filters[${i}]`, count));
  return parts.length === 1 ? parts[0] : { and: parts };
}

/** A page of a breakdown: the opaque cursor is the rows before it, so only this module reads it. */
export const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

export function parseCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? Number(match[1]) : invalid('cursor: not a cursor this API gave (nextCursor)');
}

/** The events explorer's keyset cursor: its page's last (ts, event id), opaque to the client. */
export const encodeEventsCursor = ({ ts, eventId }: EventsCursor) =>
  Buffer.from(`e:${ts}|${eventId}`).toString('base64url');

export function parseEventsCursor(cursor: string | undefined): EventsCursor | undefined {
  if (cursor === undefined) return undefined;
  const match =
    /^e:(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(
      Buffer.from(cursor, 'base64url').toString(),
    );
  // A time the pattern allows but no calendar has (month 13, February 30) is no page's last event either.
  return match && isCalendarTime(match[1])
    ? { ts: match[1], eventId: match[2] }
    : invalid('cursor: not a cursor this API gave (nextCursor)');
}

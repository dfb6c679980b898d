import { randomUUID } from 'node:crypto';
import {
  EVENT_ROW,
  EVENT_ROW_FIELDS,
  type EventRow,
  type FieldType,
  type RowFieldSpec,
} from './event-contract';

const EMPTY: Record<FieldType, unknown> = {
  uuid: '00000000-0000-0000-0000-000000000000',
  uint32: 0,
  float32: 0,
  decimal: 0,
  flag: 0,
  datetime: '1970-01-01 00:00:00',
  string: '',
  'string[]': [],
};

/** A row the edge wrote (fields at their default left out) with every field, as ClickHouse stores it. */
export function withDefaults(row: Partial<EventRow>): EventRow {
  const defaults = Object.fromEntries(
    EVENT_ROW_FIELDS.map((field) => [field, structuredClone(EMPTY[EVENT_ROW[field].type])]),
  ) as EventRow;
  return { ...defaults, ...row };
}

/**
 * A conforming row for tests: a pageview of site 1 with a fresh event id and every other field
 * empty (its type's default), changed by `overrides`. Built from the contract, so a contract change
 * updates every test's rows.
 */
export function sampleEventRow(overrides: Partial<EventRow> = {}): EventRow {
  return withDefaults({
    event_id: randomUUID(),
    site_id: 1,
    ts: new Date().toISOString().slice(0, 19).replace('T', ' '),
    name: 'pageview',
    hostname: 'shop.test',
    pathname: '/',
    visitor_id: 'a'.repeat(32),
    session_id: 's1',
    ...overrides,
  });
}

const isDefault = (value: unknown) =>
  value === '' || value === 0 || (Array.isArray(value) && value.length === 0);

/**
 * The row as the edge writes it: fields that hold their type's default are left out, unless the
 * contract requires them.
 */
export function compactRow(row: EventRow): Partial<EventRow> {
  return Object.fromEntries(
    Object.entries(row).filter(
      ([field, value]) => (EVENT_ROW[field as keyof EventRow] as RowFieldSpec).required || !isDefault(value),
    ),
  ) as Partial<EventRow>;
}

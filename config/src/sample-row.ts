import { randomUUID } from 'node:crypto';
import { EVENT_ROW, EVENT_ROW_FIELDS, type EventRow, type FieldType } from './event-contract';

const EMPTY: Record<FieldType, unknown> = {
  uuid: '00000000-0000-0000-0000-000000000000',
  uint32: 0,
  float32: 0,
  flag: 0,
  datetime: '1970-01-01 00:00:00',
  string: '',
  'string[]': [],
};

/**
 * A conforming row for tests: a pageview of site 1 with a fresh event id and every other field
 * empty (its type's default), changed by `overrides`. Built from the contract, so a contract change
 * updates every test's rows.
 */
export function sampleEventRow(overrides: Partial<EventRow> = {}): EventRow {
  const empty = Object.fromEntries(
    EVENT_ROW_FIELDS.map((field) => [field, structuredClone(EMPTY[EVENT_ROW[field].type])]),
  ) as EventRow;
  return {
    ...empty,
    event_id: randomUUID(),
    site_id: 1,
    ts: new Date().toISOString().slice(0, 19).replace('T', ' '),
    name: 'pageview',
    hostname: 'shop.test',
    pathname: '/',
    visitor_id: 'a'.repeat(32),
    session_id: 's1',
    ...overrides,
  };
}

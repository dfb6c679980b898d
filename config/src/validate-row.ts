import { DECIMAL_SCALE, EVENT_ROW, EVENT_ROW_FIELDS, type RowFieldSpec } from './event-contract';

/**
 * A decimal's digits as JavaScript writes the number back: the shortest text that reads as the same
 * double, which for the contract's decimals (at most 15 significant digits) is the text the edge wrote.
 */
const DECIMAL = new RegExp(`^\\d+(\\.\\d{1,${DECIMAL_SCALE}})?$`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const UINT32_MAX = 0xffffffff;

/**
 * Whether a string fits in `max` UTF-8 bytes. The shipper checks every string of every row, so the
 * byte count is only taken when the length in UTF-16 units can't decide: each unit is 1 to 3 bytes.
 */
function fitsBytes(value: string, max: number): boolean {
  if (value.length * 3 <= max) return true;
  if (value.length > max) return false;
  return Buffer.byteLength(value) <= max;
}

const aboveMax = (spec: RowFieldSpec, value: number) =>
  spec.max !== undefined && value > spec.max ? `above ${spec.max}` : null;

function fieldProblem(spec: RowFieldSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? null : 'not a lower-case UUID';
    case 'uint32':
      if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > UINT32_MAX)
        return 'not a UInt32';
      return aboveMax(spec, value as number);
    case 'float32':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return 'not a finite number ≥ 0';
      return aboveMax(spec, value);
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return 'not a finite number ≥ 0';
      return (
        aboveMax(spec, value) ??
        (DECIMAL.test(String(value)) ? null : `more than ${DECIMAL_SCALE} digits after the point`)
      );
    case 'flag':
      return value === 0 || value === 1 ? null : 'not 0 or 1';
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) ? null : 'not YYYY-MM-DD hh:mm:ss';
    case 'string':
      if (typeof value !== 'string') return 'not a string';
      return fitsBytes(value, spec.maxLength!) ? null : `longer than ${spec.maxLength} bytes`;
    case 'string[]':
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
        return 'not an array of strings';
      if (value.length > spec.maxItems!) return `more than ${spec.maxItems} items`;
      return value.every((item) => fitsBytes(item as string, spec.maxLength!))
        ? null
        : `an item longer than ${spec.maxLength} bytes`;
  }
}

const FIELDS = EVENT_ROW_FIELDS.map((name) => [name, EVENT_ROW[name] as RowFieldSpec] as const);

/**
 * Checks one decoded NDJSON line against the contract: every required field, no key outside the
 * contract, each value of its type and within its limits. A field left out stands for its type's
 * default, as in ClickHouse. Returns the problems found (empty when the row conforms).
 */
export function rowProblems(row: unknown): string[] {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return ['not a JSON object'];
  const record = row as Record<string, unknown>;
  const problems: string[] = [];
  let present = 0;
  for (const [field, spec] of FIELDS) {
    const value = record[field];
    if (value === undefined) {
      if (spec.required) problems.push(`${field}: missing`);
      continue;
    }
    present++;
    const problem = fieldProblem(spec, value);
    if (problem) problems.push(`${field}: ${problem}`);
  }
  // Every key was a contract field unless there are more keys than fields found.
  const keys = Object.keys(record);
  if (keys.length > present) {
    for (const key of keys) {
      if (!Object.hasOwn(EVENT_ROW, key)) problems.push(`${key}: not in the event contract`);
    }
  }
  const keysOfProps = record.props_keys ?? [];
  const values = record.props_values ?? [];
  if (Array.isArray(keysOfProps) && Array.isArray(values) && keysOfProps.length !== values.length) {
    problems.push('props_keys and props_values differ in length');
  }
  return problems;
}

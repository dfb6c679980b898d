/**
 * Contract rows as ClickHouse's RowBinary: every field of the event contract, in its order, each
 * written by its contract type, a field left out as its type's default (as ClickHouse reads a missing
 * JSONEachRow key). The writers are chosen once, at load, from the contract, so a field added to it is
 * written without a change here, and a new field type fails at load instead of writing wrong bytes.
 *
 * Why RowBinary: ClickHouse 18.16's cost of an insert is parsing. Measured on this machine with the
 * benchmark's rows (docs/benchmarks.md), RowBinary inserts fastest of the formats tried, and it is
 * cheap to produce here.
 */
import {
  DECIMAL_SCALE,
  EVENT_ROW,
  EVENT_ROW_FIELDS,
  type EventRow,
  type EventRowField,
  type FieldType,
} from '@sluice/config';

const HEX_VALUE = new Uint8Array(128);
for (let i = 0; i < 16; i++) HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;
/** Where a UUID's 32 hex digits are in its 36 characters (after the dashes at 8, 13, 18 and 23). */
const UUID_DIGITS = Array.from(
  { length: 32 },
  (_, i) => i + (i >= 8 ? 1 : 0) + (i >= 12 ? 1 : 0) + (i >= 16 ? 1 : 0) + (i >= 20 ? 1 : 0),
);
const digit = (text: string, at: number) => text.charCodeAt(at) - 48;

/** A growing buffer with the little-endian primitives RowBinary is made of, written byte by byte. */
export class ByteWriter {
  private buffer: Buffer;
  length = 0;

  constructor(initialBytes = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  uint8(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  uint32(value: number): void {
    this.reserve(4);
    const b = this.buffer;
    let at = this.length;
    b[at++] = value & 0xff;
    b[at++] = (value >>> 8) & 0xff;
    b[at++] = (value >>> 16) & 0xff;
    b[at++] = value >>> 24;
    this.length = at;
  }

  float32(value: number): void {
    this.reserve(4);
    this.length = this.buffer.writeFloatLE(value, this.length);
  }

  /** Decimal(18, scale): the value times 10^scale as an Int64. */
  decimal(value: number, scale: number): void {
    this.reserve(8);
    this.length = this.buffer.writeBigInt64LE(BigInt(Math.round(value * 10 ** scale)), this.length);
  }

  /** LEB128, RowBinary's length prefix of strings and arrays. */
  varUint(value: number): void {
    while (value >= 0x80) {
      this.uint8((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    this.uint8(value);
  }

  string(value: string): void {
    const units = value.length;
    // Most strings are short ASCII: copied unit by unit behind a one-byte length, leaving the UTF-8
    // encoder for the others.
    if (units < 0x80) {
      this.reserve(1 + units);
      const b = this.buffer;
      const start = this.length;
      let ascii = true;
      for (let i = 0; i < units; i++) {
        const unit = value.charCodeAt(i);
        if (unit >= 0x80) {
          ascii = false;
          break;
        }
        b[start + 1 + i] = unit;
      }
      if (ascii) {
        b[start] = units;
        this.length = start + 1 + units;
        return;
      }
    }
    const bytes = Buffer.byteLength(value);
    this.varUint(bytes);
    this.reserve(bytes);
    this.length += this.buffer.write(value, this.length, 'utf8');
  }

  /** ClickHouse keeps a UUID as two little-endian UInt64 halves: each half of the text's bytes reversed. */
  uuid(value: string): void {
    this.reserve(16);
    const b = this.buffer;
    for (let half = 0; half < 2; half++)
      for (let i = 7; i >= 0; i--) {
        const at = half * 16 + i * 2;
        b[this.length++] =
          (HEX_VALUE[value.charCodeAt(UUID_DIGITS[at])] << 4) |
          HEX_VALUE[value.charCodeAt(UUID_DIGITS[at + 1])];
      }
  }

  /** `YYYY-MM-DD hh:mm:ss` (UTC) as the seconds since the epoch. */
  datetime(value: string): void {
    const year = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
    const month = digit(value, 5) * 10 + digit(value, 6);
    const day = digit(value, 8) * 10 + digit(value, 9);
    const seconds =
      (digit(value, 11) * 10 + digit(value, 12)) * 3600 +
      (digit(value, 14) * 10 + digit(value, 15)) * 60 +
      digit(value, 17) * 10 +
      digit(value, 18);
    this.uint32(Date.UTC(year, month - 1, day) / 1000 + seconds);
  }

  /** A copy of the bytes written, and a fresh start. */
  take(): Buffer {
    const bytes = Buffer.from(this.buffer.subarray(0, this.length));
    this.length = 0;
    return bytes;
  }
}

/**
 * A row as the generator builds it: its values by contract column (`COLUMN.name`), a field left
 * undefined holding its type's default. Arrays, not objects: 10 million rows are built and encoded in
 * a few seconds each way only without a property lookup by name per field.
 */
export type RowValues = Array<string | number | string[] | undefined>;

/** Each contract field's position in a row. */
export const COLUMN = Object.fromEntries(EVENT_ROW_FIELDS.map((field, i) => [field, i])) as Record<
  EventRowField,
  number
>;

/** Fields to set on a row, by position: built once from named fields (with defaults left out). */
export type RowPatch = ReadonlyArray<readonly [number, string | number | string[]]>;

const isDefault = (value: unknown) =>
  value === undefined || value === '' || value === 0 || (Array.isArray(value) && value.length === 0);

export function rowPatch(fields: Partial<EventRow>): RowPatch {
  return Object.entries(fields)
    .filter(([, value]) => !isDefault(value))
    .map(([field, value]) => [COLUMN[field as EventRowField], value as string | number | string[]] as const);
}

export function applyPatch(row: RowValues, patch: RowPatch): void {
  for (const [column, value] of patch) row[column] = value;
}

/** The row as the edge writes it: the fields that hold something, by name. */
export function namedRow(row: RowValues): Partial<EventRow> {
  return Object.fromEntries(
    EVENT_ROW_FIELDS.flatMap((field, i) => (row[i] === undefined ? [] : [[field, row[i]]])),
  ) as Partial<EventRow>;
}

const TYPES = EVENT_ROW_FIELDS.map((field) => {
  const type: FieldType = EVENT_ROW[field].type;
  if (!['uuid', 'uint32', 'float32', 'decimal', 'flag', 'datetime', 'string', 'string[]'].includes(type))
    throw new Error(`row-binary: no writer for ${field}'s contract type ${type}`);
  return type;
});

/** The INSERT the encoded rows go with: the contract's fields, in its order. */
export const ROW_BINARY_INSERT = `INSERT INTO events (${EVENT_ROW_FIELDS.join(', ')}) FORMAT RowBinary`;

/** Appends rows to `out`, every contract field of each. */
export function writeRows(out: ByteWriter, rows: readonly RowValues[]): void {
  for (const row of rows)
    for (let i = 0; i < TYPES.length; i++) {
      const value = row[i];
      switch (TYPES[i]) {
        case 'uuid':
          out.uuid((value as string | undefined) ?? ZERO_UUID);
          break;
        case 'uint32':
          out.uint32((value as number | undefined) ?? 0);
          break;
        case 'datetime':
          if (value === undefined) out.uint32(0);
          else out.datetime(value as string);
          break;
        case 'float32':
          out.float32((value as number | undefined) ?? 0);
          break;
        case 'decimal':
          out.decimal((value as number | undefined) ?? 0, DECIMAL_SCALE);
          break;
        case 'flag':
          out.uint8((value as number | undefined) ?? 0);
          break;
        case 'string':
          out.string((value as string | undefined) ?? '');
          break;
        case 'string[]': {
          const items = (value as string[] | undefined) ?? [];
          out.varUint(items.length);
          for (const item of items) out.string(item);
          break;
        }
      }
    }
}

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

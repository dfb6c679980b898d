import type { ColumnOptions } from 'typeorm';

/**
 * A moment as milliseconds since the epoch, in a `bigint` column: compared as a number on SQLite and
 * PostgreSQL alike (whose driver reads a `bigint` as a string, turned back into a number here).
 */
export const epochMsColumn = (name: string): ColumnOptions => ({
  name,
  type: 'bigint',
  transformer: { to: (value: number) => value, from: (value: string | number) => Number(value) },
});

/** `epochMsColumn` for a moment that may not have come yet: null until then. */
export const optionalEpochMsColumn = (name: string): ColumnOptions => ({
  name,
  type: 'bigint',
  nullable: true,
  transformer: {
    to: (value: number | null) => value,
    from: (value: string | number | null) => (value === null ? null : Number(value)),
  },
});

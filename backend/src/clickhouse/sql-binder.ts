import { isCalendarDate, isTimeZone } from '../common/calendar.js';

/**
 * The one way values enter SQL. ClickHouse 18.16 has no query parameters (`{x:Type}`), so values
 * are rendered as typed, checked, escaped literals. The `sql` tag accepts only fragments made
 * here, so a plain string cannot be spliced into a query by accident; identifiers never come from
 * values at all (the query builders write their own).
 */
const TEXT = Symbol('sql text');

export interface SqlFragment {
  readonly [TEXT]: string;
}

const fragment = (text: string): SqlFragment => ({ [TEXT]: text });

/** A value that cannot be bound as asked: a bug in the caller, which should have validated it. */
export class SqlBindError extends Error {}

const UINT32_MAX = 0xffff_ffff;
const UINT64_MAX = 0xffff_ffff_ffff_ffffn;

/** Inside '…', ClickHouse reads backslash escapes: `\\`, `\'` and `\0` cover everything that could end or break the literal. */
const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\0': '\\0' };
const quote = (value: string) => `'${value.replace(/[\\'\0]/g, (char) => ESCAPES[char])}'`;

export const bind = {
  string(value: string): SqlFragment {
    if (typeof value !== 'string') throw new SqlBindError(`not a string: ${String(value)}`);
    return fragment(quote(value));
  },

  uint32(value: number): SqlFragment {
    if (!Number.isInteger(value) || value < 0 || value > UINT32_MAX) {
      throw new SqlBindError(`not a UInt32: ${String(value)}`);
    }
    return fragment(String(value));
  },

  uint64(value: bigint): SqlFragment {
    if (typeof value !== 'bigint' || value < 0n || value > UINT64_MAX) {
      throw new SqlBindError(`not a UInt64: ${String(value)}`);
    }
    return fragment(String(value));
  },

  /** A calendar day, `toDate('YYYY-MM-DD')`. */
  date(value: string): SqlFragment {
    if (!isCalendarDate(value)) throw new SqlBindError(`not a YYYY-MM-DD date: ${String(value)}`);
    return fragment(`toDate('${value}')`);
  },

  /** A time zone name as a string literal, for functions such as `toDate(ts, tz)`. */
  timeZone(value: string): SqlFragment {
    if (!isTimeZone(value)) throw new SqlBindError(`not a time zone: ${String(value)}`);
    return fragment(`'${value}'`);
  },

  /**
   * The instant a day starts in a time zone, as a DateTime: compared with the UTC `ts` column it
   * bounds whole local days while `ts` stays bare, so the primary key's `toDate(ts)` still prunes.
   * `toDateTime(string, tz)` reads the string as local time there on 18.16 and on modern servers.
   */
  startOfDay(date: string, timeZone: string): SqlFragment {
    if (!isCalendarDate(date)) throw new SqlBindError(`not a YYYY-MM-DD date: ${String(date)}`);
    if (!isTimeZone(timeZone)) throw new SqlBindError(`not a time zone: ${String(timeZone)}`);
    return fragment(`toDateTime('${date} 00:00:00', '${timeZone}')`);
  },

  /** An instant as whole seconds since the epoch, `toDateTime(n)`: compared with the UTC `ts` column as it is. */
  instant(seconds: number): SqlFragment {
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > UINT32_MAX) {
      throw new SqlBindError(`not an instant in whole seconds: ${String(seconds)}`);
    }
    return fragment(`toDateTime(${seconds})`);
  },
};

/**
 * A column or alias the query builders declare (the report dimensions, the metrics): never a value
 * from a request. The pattern is a second guard, so a declared name can't carry SQL either.
 */
export function identifier(name: string): SqlFragment {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new SqlBindError(`not an identifier: ${name}`);
  return fragment(name);
}

/** Fragments joined by a separator the builder writes (`, `, ` AND `). */
export function joinSql(
  fragments: SqlFragment[],
  separator: ', ' | ' AND ' | ' OR ' | ' UNION ALL ',
): SqlFragment {
  return fragment(fragments.map((part) => part[TEXT]).join(separator));
}

/** Joins SQL text with bound fragments: sql`… WHERE site_id = ${bind.uint32(id)}`. */
export function sql(strings: TemplateStringsArray, ...values: SqlFragment[]): SqlFragment {
  return fragment(strings.reduce((text, part, i) => text + values[i - 1][TEXT] + part));
}

export const render = (query: SqlFragment): string => query[TEXT];

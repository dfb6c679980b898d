/**
 * The one way values enter SQL. ClickHouse 18.16 has no query parameters, so values are rendered
 * as typed, escaped literals. `sql` accepts only fragments made here: a plain string can't be
 * spliced into a query by accident.
 */
const FRAGMENT = Symbol('sql fragment');

export interface SqlFragment {
  readonly [FRAGMENT]: string;
}

const fragment = (text: string): SqlFragment => ({ [FRAGMENT]: text });

export class SqlBindError extends Error {}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_ZONE = /^[A-Za-z]+(?:[/_+-][A-Za-z0-9]+)*$/;

export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function isTimeZone(value: string): boolean {
  if (!TIME_ZONE.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const literal = {
  string(value: string): SqlFragment {
    const escaped = value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\0/g, '\\0');
    return fragment(`'${escaped}'`);
  },
  uint32(value: number): SqlFragment {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff)
      throw new SqlBindError(`not a UInt32: ${value}`);
    return fragment(String(value));
  },
  /** The instant a calendar day starts in a time zone, as a DateTime. */
  startOfDayIn(date: string, timeZone: string): SqlFragment {
    if (!isCalendarDate(date)) throw new SqlBindError(`not a date: ${date}`);
    if (!isTimeZone(timeZone)) throw new SqlBindError(`not a time zone: ${timeZone}`);
    return fragment(`toDateTime('${date} 00:00:00', '${timeZone}')`);
  },
};

export function sql(strings: TemplateStringsArray, ...values: SqlFragment[]): SqlFragment {
  return fragment(strings.reduce((text, part, i) => text + values[i - 1][FRAGMENT] + part));
}

export const render = (query: SqlFragment): string => query[FRAGMENT];

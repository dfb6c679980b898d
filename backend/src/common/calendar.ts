/** Calendar dates and time zones as the API accepts them; the SQL binder and the sites store check with these. */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** IANA names only (`Europe/Berlin`, `America/Argentina/Buenos_Aires`, `Etc/GMT+5`, `UTC`): nothing that could end a SQL string. */
const TIME_ZONE = /^[A-Za-z]+(?:[/_+-][A-Za-z0-9]+)*$/;
const DAY_MS = 86_400_000;

/** Whether an ISO date-time, read as UTC, names an instant that exists: Date rolls 02-30 over to 03-02. */
function exists(isoDateTime: string): boolean {
  const time = Date.parse(`${isoDateTime}Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(isoDateTime);
}

/** `YYYY-MM-DD` naming a day that exists (no 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && DATE.test(value) && exists(`${value}T00:00:00`);
}

/** `YYYY-MM-DD HH:MM:SS` (ClickHouse's UTC text) naming an instant that exists (no 2026-02-30, no 24:00:00). */
export const isCalendarTime = (value: string): boolean => exists(value.replace(' ', 'T'));

/**
 * The names already asked for: the SQL binder checks a report's zone at each of its bounds, and ICU's
 * formatter behind each check cost about a millisecond of every report request (a CPU profile of the
 * benchmark's overview). Bounded, as any spelling of a name matches: every site's zone fits many times over.
 */
const canonicalNames = new Map<string, string>();
const MAX_REMEMBERED_ZONES = 2_000;

/**
 * The canonical spelling of a time zone name that matches the whitelist pattern and that this Node's ICU
 * knows: `europe/berlin` → `Europe/Berlin`, `US/Pacific` → `America/Los_Angeles`, `Etc/UTC` → `UTC`.
 * ICU takes any case, ClickHouse only the exact name; the canonical ones are those it has longest known.
 */
export function canonicalTimeZone(value: unknown): string | undefined {
  if (typeof value !== 'string' || !TIME_ZONE.test(value)) return undefined;
  const known = canonicalNames.get(value);
  if (known !== undefined) return known;
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  if (canonicalNames.size < MAX_REMEMBERED_ZONES) canonicalNames.set(value, canonical);
  return canonical;
}

/** A time zone name matching the whitelist pattern that this Node's ICU also knows, in any spelling. */
export const isTimeZone = (value: unknown): value is string => canonicalTimeZone(value) !== undefined;

/** A YYYY-MM-DD day as days since 1970-01-01: ClickHouse's number of a Date. */
export const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** Days from `from` to `to`, both included (0 or less when `to` is before `from`). */
export const daysInRange = (from: string, to: string) => dayNumber(to) - dayNumber(from) + 1;

/** The day `days` days after `date` (before it when negative). */
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export const nextDay = (date: string) => addDays(date, 1);

/** One formatter per zone: making one costs far more than formatting with it. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The date an instant (ms since the epoch) falls on in `timeZone`, `YYYY-MM-DD` (the `en-CA` locale writes dates that way). */
export function localDateOf(instant: number, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(timeZone, format);
  }
  return format.format(instant);
}

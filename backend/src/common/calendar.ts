/** Calendar dates and time zones as the API accepts them; the SQL binder and the sites store check with these. */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** IANA names only (`Europe/Berlin`, `America/Argentina/Buenos_Aires`, `Etc/GMT+5`, `UTC`): nothing that could end a SQL string. */
const TIME_ZONE = /^[A-Za-z]+(?:[/_+-][A-Za-z0-9]+)*$/;
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` naming a day that exists (no 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A time zone name matching the whitelist pattern that this Node's ICU also knows. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !TIME_ZONE.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** Days from `from` to `to`, both included (0 or less when `to` is before `from`). */
export const daysInRange = (from: string, to: string) => dayNumber(to) - dayNumber(from) + 1;

export const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

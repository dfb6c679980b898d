/**
 * How the panel writes numbers, percentages, durations and dates: one place, through `Intl`, in the reader's
 * locale. Pages pass no locale, so `Intl` takes the browser's; unit tests pass one to pin the output.
 */

/**
 * Each formatter made once per locale and options: making an `Intl` formatter costs far more than using
 * one, and an overview draws hundreds of numbers (21 ms of a page load's script went to making them).
 */
type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat;
const formatters = new Map<string, Formatter>();

function cached<T extends Formatter>(
  kind: string,
  locale: string | undefined,
  options: object,
  make: () => T,
): T {
  const key = `${kind} ${locale ?? ''} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

/** `new Intl.NumberFormat(locale, options)`, made once. */
export const numberFormat = (locale: string | undefined, options: Intl.NumberFormatOptions) =>
  cached('number', locale, options, () => new Intl.NumberFormat(locale, options));

/** `new Intl.DateTimeFormat(locale, options)`, made once. */
export const dateTimeFormat = (locale: string | undefined, options: Intl.DateTimeFormatOptions) =>
  cached('date', locale, options, () => new Intl.DateTimeFormat(locale, options));

/** A count with the reader's digit grouping: 1234567 → "1,234,567" in English. */
export function formatCount(count: number, locale?: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(count);
}

/** A count and its noun, plural but for one: (1, 'visitor') → "1 visitor", (1200, 'pageview') → "1,200 pageviews". */
export const formatCountOf = (count: number, noun: string, locale?: string): string =>
  `${formatCount(count, locale)} ${noun}${count === 1 ? '' : 's'}`;

/** A number with exactly `digits` decimals in the reader's format: (2.5, 2) → "2.50", "2,50" in German. */
export function formatDecimal(value: number, digits: number, locale?: string): string {
  return numberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A number with at most `digits` decimals in the reader's format: (1.333, 2) → "1.33", (2, 2) → "2". */
export function formatNumber(value: number, digits: number, locale?: string): string {
  return numberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

/**
 * A percent as the API gives it (0–100, one decimal) in the reader's format, always to a tenth so that a column
 * of them lines up: 66.7 → "66.7%", 40 → "40.0%".
 */
export function formatPercent(percent: number, locale?: string): string {
  return numberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(percent / 100);
}

/** A whole percent, for an axis' steps and a range's ends: 40 → "40%". */
export function formatWholePercent(percent: number, locale?: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100);
}

/** A percent change with its sign ("+12%", "−5%"); null (against 0 in the comparison): "—". */
export function formatChange(change: number | null | undefined, locale?: string): string {
  if (change === null || change === undefined) return '—';
  const percent = numberFormat(locale, {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: 0,
  });
  // A true minus sign, as wide as the plus, so a column of changes lines up.
  return percent.format(change / 100).replace('-', '−');
}

/** Seconds in their two largest units, the second padded, in the reader's short unit names: "1h 02m", "3m 05s", "42s". */
export function formatDuration(seconds: number, locale?: string): string {
  const whole = Math.round(seconds);
  const unit = (value: number, name: 'hour' | 'minute' | 'second', padded: boolean) =>
    numberFormat(locale, {
      style: 'unit',
      unit: name,
      unitDisplay: 'narrow',
      minimumIntegerDigits: padded ? 2 : 1,
    }).format(value);
  if (whole >= 3600)
    return `${unit(Math.floor(whole / 3600), 'hour', false)} ${unit(Math.floor((whole % 3600) / 60), 'minute', true)}`;
  if (whole >= 60)
    return `${unit(Math.floor(whole / 60), 'minute', false)} ${unit(whole % 60, 'second', true)}`;
  return unit(whole, 'second', false);
}

/** Seconds in their largest unit, for an axis stepping by whole units: "30s", "2m", "1.5h". */
export function formatDurationStep(seconds: number, locale?: string): string {
  const [unit, size] =
    seconds >= 3600
      ? (['hour', 3600] as const)
      : seconds >= 60
        ? (['minute', 60] as const)
        : (['second', 1] as const);
  return numberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'narrow',
    maximumFractionDigits: 1,
  }).format(seconds / size);
}

/** A calendar day (`YYYY-MM-DD`) as the instant of its start in UTC, so formatting in UTC keeps the day. */
const calendarDay = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * A report's days, both ends included, as the reader writes a span of dates: "Nov 10 – 16, 2026" in English,
 * "10.–16.11.2026" in German, one date when both ends are the same day.
 */
export function formatDateRange(range: { from: string; to: string }, locale?: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(
    calendarDay(range.from),
    calendarDay(range.to),
  );
}

/** An instant (an ISO timestamp from the API) as the reader's date and time to the second, in `timeZone` (the browser's by default). */
export function formatDateTime(instant: string | Date, locale?: string, timeZone?: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(
    new Date(instant),
  );
}

/** Units of a time ago, largest first, each in seconds. */
const AGO_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/**
 * How long before `now` an instant was, in its largest whole unit: "12 seconds ago", "3 minutes ago",
 * "yesterday", "5 days ago" in English; "now" for an instant at or after `now` (a clock a little ahead).
 */
export function formatTimeAgo(instant: string, now: Date, locale?: string): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(instant)) / 1000));
  const [unit, size] = AGO_UNITS.find(([, length]) => seconds >= length) ?? ['second', 1];
  const format = cached('ago', locale, {}, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  return format.format(-Math.floor(seconds / size), unit);
}

/** An instant (an ISO timestamp from the API) as the reader's date, in the browser's zone. */
export function formatDate(instant: string, locale?: string, timeZone?: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(instant));
}

/** A count in the reader's short form, for an axis: 1234 → "1.2K", 1500000 → "1.5M" in English. */
export function formatCompact(count: number, locale?: string): string {
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(count);
}

/**
 * A wall-clock time as the API writes a site's buckets (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM`, already in the
 * site's zone) in the reader's words for `options`: formatted as UTC, so no zone moves it again.
 */
export function formatWallClock(wall: string, options: Intl.DateTimeFormatOptions, locale?: string): string {
  const instant = new Date(`${wall.slice(0, 10)}T${wall.slice(11, 16) || '00:00'}:00Z`);
  return dateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(instant);
}

/**
 * An amount of one currency as people read money ("€119.80"). The API's amounts are exact decimal strings,
 * formatted as strings so no digit is lost to a float.
 */
export function formatMoney(amount: string, currency: string, locale?: string): string {
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
    // Intl formats a decimal string exactly (ES2023); the lib types here still say number.
  }).format(amount as unknown as number);
}

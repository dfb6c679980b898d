/** A range of calendar days, both ends included, as `YYYY-MM-DD`. */
export interface DateRange {
  from: string;
  to: string;
}

/** Today's date in `timeZone` as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date): string {
  const parts = dateFormat(timeZone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function dateFormat(timeZone: string): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
  try {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone });
  } catch {
    // A zone this browser's time zone data does not know: fall back to UTC for the default dates. The report is
    // still computed in the site's zone by the backend; at worst the default range is off by a day.
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
  }
}

/** The range with a new start; the end moves along if it would fall before the start. */
export function withFrom(range: DateRange, from: string): DateRange {
  return { from, to: from > range.to ? from : range.to };
}

/** The range with a new end; the start moves along if it would fall after the end. */
export function withTo(range: DateRange, to: string): DateRange {
  return { from: to < range.from ? to : range.from, to };
}

/** How many days a range covers, both ends included. */
export const rangeDays = (range: DateRange) =>
  Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1;

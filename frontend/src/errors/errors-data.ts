import { bucketTick, bucketTitle } from '../shared/chart-scale.js';
import type { LineSeries } from '../shared/LineChart.js';
import type { ErrorDay, ErrorGroup } from './api.js';

/** The columns the error groups sort by: counts most first, times newest first, the message A–Z. */
export const ERROR_SORTS = ['occurrences', 'visitors', 'visits', 'firstSeen', 'lastSeen', 'message'] as const;
export type ErrorSort = (typeof ERROR_SORTS)[number];

/** The `sort` option of the URL, or the API's own order (most occurrences) when it is missing or unknown. */
export const errorSort = (value: string | null): ErrorSort =>
  ERROR_SORTS.find((sort) => sort === value) ?? 'occurrences';

export const sortDirection = (sort: ErrorSort) => (sort === 'message' ? 'ascending' : 'descending');

/** The groups whose message or top frame contains `search` (any case), in the order of `sort`. */
export function errorRows(groups: ErrorGroup[], search: string, sort: ErrorSort): ErrorGroup[] {
  const wanted = search.trim().toLowerCase();
  const found = wanted
    ? groups.filter((group) => `${group.message}\n${group.frame}`.toLowerCase().includes(wanted))
    : groups;
  const order = (a: ErrorGroup, b: ErrorGroup) => {
    if (sort === 'message') return a.message.localeCompare(b.message);
    // First seen is when the error first happened at all, as the column shows it.
    if (sort === 'firstSeen') return b.firstSeenEver.localeCompare(a.firstSeenEver);
    if (sort === 'lastSeen') return b.lastSeen.localeCompare(a.lastSeen);
    return b[sort] - a[sort];
  };
  // Ties keep the API's order (most occurrences, then group id), so the list never reshuffles at random.
  return [...found].sort(order);
}

/** Whether an error first happened in the range: it never had before (under the same filters). */
export const isNew = (group: Pick<ErrorGroup, 'firstSeen' | 'firstSeenEver'>): boolean =>
  group.firstSeenEver === group.firstSeen;

/**
 * The instant (ms since the epoch) of a wall-clock time in `timeZone` (`YYYY-MM-DD HH:MM:SS`, as the API gives
 * times in the site's zone). The zone's offset is read at the guessed instant and once more at the result, so a
 * time just after a daylight-saving change lands right.
 */
export function siteTimeToInstant(local: string, timeZone: string): number {
  const asUtc = Date.parse(`${local.replace(' ', 'T')}Z`);
  const offsetAt = zoneOffset(timeZone);
  const guess = asUtc - offsetAt(asUtc);
  return asUtc - offsetAt(guess);
}

/** How far `timeZone`'s wall clock is ahead of UTC at an instant, in ms (UTC for a zone the browser lacks). */
function zoneOffset(timeZone: string): (instant: number) => number {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return () => 0;
  }
  return (instant) => {
    const parts = Object.fromEntries(
      format.formatToParts(instant).map((part) => [part.type, Number(part.value)]),
    );
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return wall - Math.floor(instant / 1000) * 1000;
  };
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "3h ago", "5 min ago", "2d ago" in the reader's language; "now" within the minute. */
export function timeAgo(instant: number, now: number, locale?: string): string {
  const seconds = Math.max(0, Math.round((now - instant) / 1000));
  const format = new Intl.RelativeTimeFormat(locale, { style: 'narrow', numeric: 'auto' });
  const [unit, size] = UNITS.find(([, length]) => seconds >= length) ?? ['second', 1];
  return unit === 'second' ? format.format(0, 'second') : format.format(-Math.floor(seconds / size), unit);
}

/** The group's occurrences per day of the range, for its chart; `today` (the site's), if the range holds it, is under way. */
export function errorDaySeries(days: ErrorDay[], today: string, locale?: string): LineSeries {
  const current = days.findIndex((day) => day.day === today);
  return {
    ticks: days.map((day) => bucketTick(day.day, 'day', locale)),
    titles: days.map((day) => bucketTitle(day.day, 'day', locale)),
    current: days.map((day) => day.occurrences),
    ...(current !== -1 && { inProgress: current }),
  };
}

/** A sample's text to read and copy: its stack, else its message and where it was thrown. */
export function sampleText(sample: {
  message: string;
  stack: string;
  script: string;
  line: number;
  column: number;
}) {
  if (sample.stack) return sample.stack;
  const where = sample.script ? `\n    at ${sample.script}:${sample.line}:${sample.column}` : '';
  return `${sample.message}${where}`;
}

import { periodStart } from '@sluice/config';
import { daysInRange, nextDay } from '../../common/calendar.js';
import type { DateRange, Interval } from './report-query.js';

const MINUTE_MS = 60_000;
/** Every zone's offset is a multiple of 15 minutes: stepping by it meets every local hour, DST days included. */
const QUARTER_HOUR_MS = 15 * MINUTE_MS;

/** The longest range each interval answers: its buckets are listed (and filled) one by one. */
export const MAX_DAYS_BY_INTERVAL: Record<Interval, number> = {
  minute: 2,
  hour: 92,
  day: 366,
  week: 366,
  month: 366,
};

/** `YYYY-MM-DD HH:MM` of an instant on the wall clock of a zone. */
function wallClock(timeZone: string): (instant: number) => string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (instant) => {
    const part = Object.fromEntries(format.formatToParts(instant).map(({ type, value }) => [type, value]));
    return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
  };
}

/** The instant a local day begins in a zone: the first minute whose wall clock shows that date. */
function startOfLocalDay(date: string, clock: (instant: number) => string): number {
  // A local midnight lies within 14 hours of the UTC one; search it at the zones' 15-minute grain.
  let instant = Date.parse(`${date}T00:00:00Z`) - 15 * 3_600_000;
  while (clock(instant).slice(0, 10) < date) instant += QUARTER_HOUR_MS;
  while (clock(instant - MINUTE_MS).slice(0, 10) >= date) instant -= MINUTE_MS;
  return instant;
}

/**
 * Every bucket label of a range in the site's zone, in order, as `compose.ts` labels visits: the
 * series' gaps are these labels with no row. A DST day has 23 or 25 hours, and the repeated hour of
 * a fall-back day is one bucket (its wall clock reads the same), as in ClickHouse.
 */
export function bucketLabels(range: DateRange, interval: Interval, timeZone: string): string[] {
  const days: string[] = [];
  for (let day = range.from; day <= range.to; day = nextDay(day)) days.push(day);
  if (interval === 'day') return days;
  if (interval === 'week' || interval === 'month')
    return [...new Set(days.map((day) => periodStart(day, interval)))];
  const clock = wallClock(timeZone);
  const start = startOfLocalDay(range.from, clock);
  const end = startOfLocalDay(nextDay(range.to), clock);
  const step = interval === 'minute' ? MINUTE_MS : QUARTER_HOUR_MS;
  const labels = new Set<string>();
  for (let instant = start; instant < end; instant += step) {
    const time = clock(instant);
    labels.add(interval === 'minute' ? time : `${time.slice(0, 13)}:00`);
  }
  return [...labels];
}

/** The label of the bucket an instant (ms since the epoch) falls in, in the site's zone, as bucketLabels writes it. */
export function bucketOf(instant: number, interval: Interval, timeZone: string): string {
  const time = wallClock(timeZone)(instant);
  if (interval === 'minute') return time;
  if (interval === 'hour') return `${time.slice(0, 13)}:00`;
  return periodStart(time.slice(0, 10), interval);
}

export const intervalFits = (range: DateRange, interval: Interval) =>
  daysInRange(range.from, range.to) <= MAX_DAYS_BY_INTERVAL[interval];

import { bind, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import type { Interval } from './report-query.js';

/** The intervals whose buckets are whole local days: their label is the bucket's first day. */
export type DayInterval = Extract<Interval, 'day' | 'week' | 'month'>;

/**
 * The first day (a Date) of the day, week or month an instant falls in, in the site's zone (the zone
 * argument reads the UTC instant there, half-hour zones and DST days included); its label is `toString` of
 * it. Weeks start on Monday (toMonday), which 18.16 and modern servers share.
 */
export function bucketDay(interval: DayInterval, timeZone: string, instant: SqlFragment): SqlFragment {
  return bucketOfDate(interval, sql`toDate(${instant}, ${bind.timeZone(timeZone)})`);
}

/** The first day of the day, week or month a Date falls in (bucketDay). */
export function bucketOfDate(interval: DayInterval, day: SqlFragment): SqlFragment {
  switch (interval) {
    case 'day':
      return day;
    case 'week':
      return sql`toMonday(${day})`;
    case 'month':
      return sql`toStartOfMonth(${day})`;
  }
}

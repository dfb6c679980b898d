import { addDays, nextDay } from '../../common/calendar.js';
import { bind, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import type { DateRange, ReportQuery } from './report-query.js';

/*
 * The UTC days a report reads for a range of its site's local days, and where they split into finalized days
 * (plain rows: visits.ts, range-events.ts, paths.ts) and open days (the rollup and raw events).
 */

/**
 * UTC days read around a range, beyond the days its local bounds fall on: a visit is counted once, on
 * the day it began, so its rows on the day before (it began there: not ours) and after (its later
 * events, and copies the tracker's queue resends up to 24 hours later) must be merged into it. A
 * local day lies within the UTC days before and after its date (zones are at most 14 hours off).
 */
const DAYS_AROUND = 2;

/**
 * The instants a range of local days begins and ends (its window's, where it is narrowed to one), and the
 * UTC days whose rows its visits may hold.
 */
export function dayBounds(site: ReportQuery['site'], range: DateRange) {
  return {
    start: range.within ? bind.instant(range.within.start) : bind.startOfDay(range.from, site.timezone),
    end: range.within ? bind.instant(range.within.end) : bind.startOfDay(nextDay(range.to), site.timezone),
    firstDay: sql`${bind.date(range.from)} - ${bind.uint32(DAYS_AROUND)}`,
    lastDay: sql`${bind.date(range.to)} + ${bind.uint32(DAYS_AROUND)}`,
  };
}

/** The UTC days of rows read for a range's visits, as a condition on the events table. */
export function eventDays(query: Pick<ReportQuery, 'site'>, range: DateRange): SqlFragment {
  const { firstDay, lastDay } = dayBounds(query.site, range);
  return sql`site_id = ${bind.uint32(query.site.id)} AND toDate(ts) >= ${firstDay} AND toDate(ts) <= ${lastDay}`;
}

/**
 * The range widened to every instant of the UTC days `eventDays` reads (those its visits' rows may fall
 * on), for events that count wherever they fall there: a goal event converts its visit on any of them.
 */
export function wholeEventDays(range: DateRange): DateRange {
  const midnight = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;
  return {
    from: range.from,
    to: range.to,
    within: {
      start: midnight(addDays(range.from, -DAYS_AROUND)),
      end: midnight(addDays(range.to, DAYS_AROUND + 1)),
    },
  };
}

export type OpenDays = { from: string; readFrom: string };

/**
 * The days before the open ones that a report over the open days would otherwise read again (from
 * `open.readFrom` to the day before `open.from`), or null where there are none. They are finalized (the
 * open days follow the last finalized one), so every visit (visit and value group) begun there is
 * already in `visits` (`visit_values`): the open days' rows of those are left out by their key, and
 * rows before the open days need not be read. A visit begun on an open day has all its rows from that
 * day on (a row's day is its event's, and no event precedes its visit's start). Paths do the same with
 * `visit_paths`.
 * Superseded versions are not told apart: a key any version finalized on those days began there.
 */
export function lookBack(open: OpenDays): { from: SqlFragment; through: SqlFragment } | null {
  return open.readFrom < open.from
    ? { from: bind.date(open.readFrom), through: bind.date(addDays(open.from, -1)) }
    : null;
}

/**
 * Which of a range's visits a subquery needs, where not all: those begun on its finalized days
 * (`'finalized'`), or those the events of an enclosing query's open days may belong to (`{ eventsOf }`:
 * begun on those open days or in the DAYS_AROUND days before them).
 */
export type VisitPart = 'finalized' | { eventsOf: OpenDays };

/**
 * A range's rows: of its finalized days (through a UTC day, read from the range's first UTC day or from
 * `from`, later) and of its open days (told the last finalized day before them, if the range has any), as
 * one UNION ALL; only those of `part` where given.
 */
export function finalizedThenOpen(
  query: Pick<ReportQuery, 'finalizedThrough'>,
  range: DateRange,
  finalizedRows: (through: string, from?: string) => SqlFragment,
  openRows: (open: OpenDays, finalizedThrough?: string) => SqlFragment,
  part?: VisitPart,
): SqlFragment {
  const { finalized, open } = splitAtFinalized(range, query.finalizedThrough);
  // An event of an open day belongs to a visit begun at most DAYS_AROUND days before that day.
  const from = typeof part === 'object' ? addDays(part.eventsOf.from, -DAYS_AROUND) : undefined;
  return joinSql(
    [
      ...(finalized ? [finalizedRows(finalized, from)] : []),
      ...(open && part !== 'finalized' ? [openRows(open, finalized ?? undefined)] : []),
    ],
    ' UNION ALL ',
  );
}

/**
 * Which of a range's visits are finalized (those that began on a UTC day up to `through`: read from
 * `visits`, through the last UTC day the range's rows may fall on at most) and from which UTC day on they
 * are open (merged from the rollup, whose rows are read from `readFrom`); null where none are.
 * The days are compared as YYYY-MM-DD strings, whose order is the calendar's.
 */
function splitAtFinalized(range: DateRange, through: string | undefined) {
  const firstUtcDay = addDays(range.from, -DAYS_AROUND);
  const lastUtcDay = addDays(range.to, DAYS_AROUND);
  if (through === undefined || through < firstUtcDay) {
    return { finalized: null, open: { from: firstUtcDay, readFrom: firstUtcDay } };
  }
  // Finalized through the range's last UTC day, not through `through`: a past range (a comparison) read
  // every finalized day after it too, only for its start bounds to drop them (the previous 30 days' page
  // breakdown read 60 days: 92 → 30 ms with none of those rows there).
  if (through >= lastUtcDay) return { finalized: lastUtcDay, open: null };
  const from = nextDay(through);
  const readFrom = addDays(from, -DAYS_AROUND);
  return { finalized: through, open: { from, readFrom: readFrom > firstUtcDay ? readFrom : firstUtcDay } };
}

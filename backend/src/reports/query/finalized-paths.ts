import { bind, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import { addDays } from '../../common/calendar.js';
import {
  latestDaysOf,
  latestVersions,
  VISIT_SPAN_DAYS,
  type FinalizedDays,
  type FinalizedWrite,
} from './finalized-visits.js';
import { VISIT_KEY } from './visit-key.js';
import { reloadsCollapsed, viewedPages } from './visit-steps.js';

/**
 * Finalized page sequences (migration 0019): each finalized visit's steps (visit-steps.ts), written once
 * a day is final so the paths reports read them without grouping pageviews by visit.
 */

/**
 * Writes, as `write`, one row per visit whose first pageview was first seen on the UTC days `from`
 * to `to`, with its steps: as the paths reports walk it over events, so both give the same answers.
 *
 * Its pageviews, each once as it first arrived, come from `finalized_events` up to `eventsThrough` (the
 * last UTC day whose events are there: this write's days under its version, other days under their latest
 * recorded version), and from raw events after it, each grouped by its id as range-events.ts does (a
 * visit begun on a day's last minutes views pages the next day, not yet finalized). The days before
 * `from` are read too: a visit whose first pageview came before is not ours.
 *
 * Days finalized before migration 0019 are filled with their recorded version and `eventsThrough` the last
 * finalized day: from finalized_events alone, but for the last two days' visits' later pageviews.
 */
export function finalizePathsSql(
  days: { from: string; to: string },
  write: FinalizedWrite,
  eventsThrough: string,
): SqlFragment {
  const { from, to } = days;
  const first = addDays(from, -VISIT_SPAN_DAYS);
  const last = addDays(to, VISIT_SPAN_DAYS);
  const finalizedLast = eventsThrough < last ? eventsThrough : last;
  const day = sql`toDate(ts)`;
  const written = sql`${day} >= ${bind.date(from)} AND ${day} <= ${bind.date(to)}`;
  const finalized = sql`SELECT site_id, visit_id, ts AS seen, event_id, pathname AS page
    FROM finalized_events
    WHERE name = 'pageview' AND ${day} >= ${bind.date(first)} AND ${day} <= ${bind.date(finalizedLast)}
      AND ((${written} AND version = ${bind.uint32(write.version)})
        OR (NOT (${written}) AND ${latestVersions(bind.date(first), bind.date(finalizedLast), day)}))`;
  const raw = sql`SELECT site_id, any(${VISIT_KEY}) AS visit_id, min(ts) AS seen, event_id, any(pathname) AS page
    FROM events
    WHERE name = 'pageview' AND is_bot = 0
      AND ${day} >= ${bind.date(addDays(eventsThrough, 1 - VISIT_SPAN_DAYS))} AND ${day} <= ${bind.date(last)}
    GROUP BY site_id, event_id
    HAVING toDate(seen) > ${bind.date(eventsThrough)}`;
  const pageviews = eventsThrough < last ? sql`${finalized} UNION ALL ${raw}` : finalized;
  return sql`INSERT INTO visit_paths (site_id, day, version, provisional, visit_id, started, steps)
    SELECT site_id, toDate(started), ${bind.uint32(write.version)}, ${bind.uint32(write.slot)}, visit_id, started,
      ${reloadsCollapsed(sql`pages`)}
    FROM (
      SELECT site_id, visit_id, min(seen) AS started, ${viewedPages} AS pages
      FROM (SELECT * FROM (${pageviews}))
      GROUP BY site_id, visit_id
      HAVING toDate(started) >= ${bind.date(from)} AND toDate(started) <= ${bind.date(to)}
    )`;
}

/**
 * Each finalized UTC day's latest recorded version, its slot (0 for a final day) and whether its sequences
 * are written (1) or not (0).
 */
export const pathsCoverageSql = sql`SELECT toString(finalized_day) AS day, latest_version AS version, slot,
    (finalized_day, latest_version) IN (SELECT day, version FROM visit_paths_finalized) AS written
  FROM (
    SELECT day AS finalized_day, max(version) AS latest_version, argMax(provisional, version) AS slot
    FROM visits_finalized GROUP BY day
  )
  ORDER BY finalized_day`;

/**
 * The finalized sequences of a site's visits whose first pageview came in [start, end) and on a UTC day
 * up to `through`, `visit_id` and `steps`; with `kept`, only the visits it keeps (a condition on `visit_id`).
 * Each day's latest recorded version.
 */
export function finalizedPathRows(
  site: SqlFragment,
  days: FinalizedDays,
  instants: { start: SqlFragment; end: SqlFragment },
  kept: SqlFragment | undefined,
): SqlFragment {
  const through = bind.date(days.through);
  return sql`SELECT visit_id, steps
    FROM visit_paths
    WHERE ${latestDaysOf(site, days.first, through, days.versions)}
      AND started >= ${instants.start} AND started < ${instants.end} ${kept ? sql`AND ${kept}` : sql``}`;
}

import { bind, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { spreadsheetSafe } from './csv.js';
import { isPattern, wildcardMatch } from './filters.js';
import { keptVisits } from './kept-visits.js';
import { rangeEvents } from './range-events.js';
import type { DateRange, ReportQuery } from './report-query.js';
import { addDays } from '../../common/calendar.js';
import { dayBounds, finalizedThenOpen, type OpenDays } from './range-days.js';
import { VISIT_KEY } from './visit-key.js';
import { finalizedPathRows } from './finalized-paths.js';
import { slotsRead, VISIT_SPAN_DAYS } from './finalized-visits.js';
import { reloadsCollapsed, viewedPages } from './visit-steps.js';

/** What stands before a visit's first page and after its last: never a path, as every path starts with `/`. */
export const ENTRY = 'entry';
export const EXIT = 'exit';

/** The longest session path answered, markers (entry, exit) included: longer ones are cut to this. */
export const MAX_PATH_STEPS = 5;

/**
 * The local days whose pageviews are read for the visits that began in a range: a day more on each side,
 * so a visit begun the day before is recognised (and left out) and one of the range's last day that runs
 * past midnight keeps its later pages.
 */
const readRange = (range: DateRange): DateRange => ({
  from: addDays(range.from, -1),
  to: addDays(range.to, 1),
});

/**
 * A paths report's query: a report query and the last UTC day whose visits' page sequences are
 * finalized (VisitFinalizer, migration 0019); unset, every visit is walked from its pageviews.
 */
export type PathsQuery = ReportQuery & { pathsFinalizedThrough?: string };

/**
 * One row per visit that began in the range (by its first pageview), with `steps`: the pages it viewed
 * in order, a page viewed again right after itself (a reload, a re-render) one step (visit-steps.ts).
 * The visits begun on UTC days whose sequences are finalized are read as written (finalized-paths.ts);
 * only the others are walked from their pageviews. With filters, only the visits they keep
 * (kept-visits.ts), from both.
 */
function visitSteps(query: PathsQuery): SqlFragment {
  const { start, end, firstDay } = dayBounds(query.site, query.range);
  const rows = finalizedThenOpen(
    { finalizedThrough: query.pathsFinalizedThrough },
    query.range,
    (through) =>
      finalizedPathRows(
        bind.uint32(query.site.id),
        { first: firstDay, through, versions: query.finalizedVersions },
        { start, end },
        // Sequences of finalized days are of visits begun there (paths are finalized up to visits at most).
        keptVisits(query, sql`visit_id`, 'finalized'),
      ),
    (open) => walkedSteps(query, open),
  );
  return sql`SELECT * FROM (${rows})`;
}

/**
 * The steps of the visits begun in the range and on `open.from` or later, walked from their pageviews.
 *
 * Each pageview counts once, by its id: its copies (a second delivery, a resend from another address,
 * later) share its id and session, and it keeps its first delivery's time (`seen`). Visits are keyed as
 * in visits.ts. The pageviews are read from `open.from` on: a visit begun on a finalized day may view
 * pages on the open days, and is left out by its key, its sequence being in `visit_paths`: every visit
 * begun on the VISIT_SPAN_DAYS days before them, even before the range's first UTC day (where
 * range-days.ts' lookBack stops). A copy of a pageview first seen on those days is then left out with its
 * visit: where the events' finalized days are the sequences' (always, once the days finalized before
 * migration 0019 are filled), the open days' pageviews are read from raw events alone, none looked up by
 * id in `finalized_events` (range-events.ts: half the open day's time, 50 of 100 ms), which holds none of
 * those days.
 */
function walkedSteps(query: PathsQuery, open: OpenDays): SqlFragment {
  const { start, end } = dayBounds(query.site, query.range);
  const lookedBack = { from: addDays(open.from, -VISIT_SPAN_DAYS), through: addDays(open.from, -1) };
  const conditions = [
    sql`toDate(ts) >= ${bind.date(open.from)}`,
    sql`${VISIT_KEY} NOT IN (SELECT visit_id FROM visit_paths WHERE site_id = ${bind.uint32(query.site.id)}
      ${slotsRead(query.finalizedVersions)} AND day >= ${bind.date(lookedBack.from)} AND day <= ${bind.date(lookedBack.through)})`,
  ];
  const kept = keptVisits(query);
  if (kept) conditions.push(kept);
  const eventsFinalizedThrough =
    query.pathsFinalizedThrough === query.finalizedThrough ? undefined : query.finalizedThrough;
  const pageviews = rangeEvents(
    {
      site: query.site,
      finalizedThrough: eventsFinalizedThrough,
      finalizedVersions: query.finalizedVersions,
    },
    readRange(query.range),
    ['pageview'],
    [[sql`pathname`, sql`page`]],
    {
      visitors: false,
      // The filters choose visits (kept-visits.ts), not pageviews: the pageviews read are every one of them.
      where: joinSql(conditions, ' AND '),
    },
  );
  return sql`SELECT visit_id, ${reloadsCollapsed(sql`pages`)} AS steps
    FROM (
      SELECT visit_id, ${viewedPages} AS pages
      FROM (${pageviews})
      GROUP BY visit_id
      HAVING min(seen) >= ${start} AND min(seen) < ${end}
    )`;
}

/**
 * For visits that viewed `page`: how many (`direction` 'page'), and the top `limit` next and previous
 * pages by visits (`direction` 'next' / 'previous'), `exit` after a visit's last page, `entry` before its
 * first. A visit counts once per neighbour, however often it met it; `percent` is of the visits that
 * viewed the page, one decimal (a visit that viewed the page twice may count for two neighbours).
 *
 * Exact at any size: `uniqExact`, as `uniq` drifts above 65,536 visits (the benchmark's /pricing, viewed in
 * 95,491 visits, read 94,699) and took as long here. The visits that viewed the page are found by
 * `viewedIn` before the steps are walked for its neighbours.
 */
export function neighboursSql(query: PathsQuery, page: string, limit: number): NamedQuery {
  const hits = sql`arrayFilter(i -> ${wildcardMatch(sql`steps[i]`, page)}, arrayEnumerate(steps))`;
  const next = sql`arrayMap(i -> ('next', if(i = length(steps), ${bind.string(EXIT)}, steps[i + 1])), hits)`;
  const previous = sql`arrayMap(i -> ('previous', if(i = 1, ${bind.string(ENTRY)}, steps[i - 1])), hits)`;
  return {
    name: 'report:paths:neighbours',
    sql: sql`SELECT tupleElement(row, 1) AS direction, tupleElement(row, 2) AS page, tupleElement(row, 3) AS visits,
        if(total = 0, 0, floor(1000 * tupleElement(row, 3) / total + 0.5) / 10) AS percent
      FROM (
        SELECT groupArray((direction, page, visits)) AS rows, sumIf(visits, direction = 'page') AS total
        FROM (
          SELECT tupleElement(link, 1) AS direction, tupleElement(link, 2) AS page, uniqExact(visit_id) AS visits
          FROM (
            SELECT visit_id, ${hits} AS hits,
              arrayJoin(arrayConcat([('page', ${bind.string(page)})], ${next}, ${previous})) AS link
            FROM (${visitSteps(query)})
            WHERE ${viewedIn(page)}
          )
          GROUP BY direction, page
          ORDER BY direction, visits DESC, page
          LIMIT ${bind.uint32(limit)} BY direction
        )
      ) ARRAY JOIN rows AS row
      ORDER BY direction, visits DESC, page`,
  };
}

/**
 * Whether a visit's steps hold `page` (a path or a wildcard pattern). A path is looked up with `has`, not a
 * lambda over every step: the benchmark's month of /pricing neighbours over finalized visits took 105 ms
 * instead of 140–400.
 */
const viewedIn = (page: string): SqlFragment =>
  isPattern(page)
    ? sql`arrayExists(step -> ${wildcardMatch(sql`step`, page)}, steps)`
    : sql`has(steps, ${bind.string(page)})`;

/** Session paths from a start page (its first view in a visit on) or to an end page (up to its last view). */
export type PathAnchor = { start: string } | { end: string };

/**
 * The top `limit` session paths of up to `steps` steps, with their visits: from the first view of the
 * start page in a visit, or up to the last view of the end page, `exit` / `entry` where the visit ends
 * or begins within them. Paths of equal visits are ordered by their pages.
 */
export function sessionPathsSql(
  query: PathsQuery,
  anchor: PathAnchor,
  steps: number,
  limit: number,
): NamedQuery {
  const count = bind.uint32(steps);
  const path =
    'start' in anchor
      ? sql`arraySlice(arrayPushBack(steps, ${bind.string(EXIT)}), arrayFirstIndex(page -> ${wildcardMatch(sql`page`, anchor.start)}, steps), ${count})`
      : sql`arraySlice(arrayPushFront(steps, ${bind.string(ENTRY)}),
          greatest(1, length(steps) + 3 - arrayFirstIndex(page -> ${wildcardMatch(sql`page`, anchor.end)}, arrayReverse(steps)) - ${count}),
          least(${count}, length(steps) + 2 - arrayFirstIndex(page -> ${wildcardMatch(sql`page`, anchor.end)}, arrayReverse(steps))))`;
  const page = 'start' in anchor ? anchor.start : anchor.end;
  return {
    name: 'report:paths:sessions',
    // count(): visitSteps holds each visit once, so it is exact where uniq(visit_id) drifted above 65,536 (the
    // benchmark's top path from /, taken by 73,941 visits, read 73,767).
    sql: sql`SELECT pages, count() AS visits
      FROM (
        SELECT visit_id, ${path} AS pages FROM (${visitSteps(query)})
        WHERE ${viewedIn(page)}
      )
      GROUP BY pages
      ORDER BY visits DESC, arrayStringConcat(pages, '\\0') ASC
      LIMIT ${bind.uint32(limit)}`,
  };
}

/** A page's neighbours as CSV rows, each page made safe for a spreadsheet. */
export function neighboursCsvSql(neighbours: NamedQuery): NamedQuery {
  return {
    name: `${neighbours.name}:csv`,
    sql: sql`SELECT direction, ${spreadsheetSafe(sql`page`)} AS page, visits, percent FROM (${neighbours.sql})`,
  };
}

/** Session paths as CSV rows: each path its pages joined by ` > `, made safe for a spreadsheet. */
export function sessionPathsCsvSql(paths: NamedQuery): NamedQuery {
  return {
    name: `${paths.name}:csv`,
    sql: sql`SELECT ${spreadsheetSafe(sql`arrayStringConcat(pages, ' > ')`)} AS path, visits FROM (${paths.sql})`,
  };
}

import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import { wildcardMatch } from './filters.js';
import { keptVisits } from './kept-visits.js';
import { ENGAGEMENT_EVENT, visitPageReadings } from './page-reading.js';
import { namedAs, rangeEvents, type EventColumn } from './range-events.js';
import type { ReportQuery } from './report-query.js';

/**
 * Viewport buckets by the click's `viewport_width` (CSS px), at the usual layout breakpoints: mobile
 * below 768, tablet below 1024, desktop from 1024. (The edge's `device` comes from the user agent, which
 * says nothing of the window's width: a narrow desktop window lays the page out as a phone does.)
 */
export const VIEWPORTS = ['mobile', 'tablet', 'desktop'] as const;
export type Viewport = (typeof VIEWPORTS)[number];
const VIEWPORT_WIDTHS: Record<Viewport, [number, number]> = {
  mobile: [1, 767],
  tablet: [768, 1023],
  desktop: [1024, 100_000],
};

/** Columns across the viewport: a cell is 1/50 of its width (2%), so layouts of one bucket line up. */
export const GRID_COLUMNS = 50;
/** Rows down the page, in CSS px: the page's own length, as a layout's content sits at fixed heights. */
export const GRID_ROW_PX = 50;

/** What a click is: an autocaptured click, or one the edge renamed by its link (a download, an outbound link). */
const CLICK_NAMES = ['$autocapture', '$download', '$outbound'];
/** The clicks' events, as a condition (elementNamesSql reads a heatmap element's latest among them). */
export const CLICK_EVENTS = namedAs(CLICK_NAMES);

export interface HeatmapOptions {
  page: string;
  viewport?: Viewport;
  limit: number;
}

/**
 * The range's events named `names` on the page (by its pattern) that `where` also holds for, each once
 * with `columns` (range-events.ts): a copy (a second delivery, a resend from another address, later)
 * shares the id and so the place, and the range holds the event by its first delivery's time. The
 * finalized days' events come stored once each (finalized_events), so only the open days' are grouped
 * by id. The filters choose visits (kept-visits.ts), as paths.ts reads them, not the events themselves.
 * The page and `where` are the read's `PREWHERE`: one page's events are a few of their names'.
 */
function pageEvents(
  query: ReportQuery,
  page: string,
  names: string[],
  columns: EventColumn[],
  { visitors, where }: { visitors: boolean; where?: SqlFragment },
): SqlFragment {
  const onPage = [wildcardMatch(sql`pathname`, page), ...(where ? [where] : [])];
  return rangeEvents(
    {
      site: query.site,
      finalizedThrough: query.finalizedThrough,
      finalizedVersions: query.finalizedVersions,
    },
    query.range,
    names,
    columns,
    { visitors, prewhere: joinSql(onPage, ' AND '), where: keptVisits(query) },
  );
}

/** The page's clicks in the range that say where they landed (a viewport width), each once: pageEvents. */
function pageClicks(
  query: ReportQuery,
  options: HeatmapOptions,
  columns: EventColumn[],
  visitors: boolean,
): SqlFragment {
  const widths = options.viewport
    ? sql`viewport_width >= ${bind.uint32(VIEWPORT_WIDTHS[options.viewport][0])} AND viewport_width <= ${bind.uint32(VIEWPORT_WIDTHS[options.viewport][1])}`
    : sql`viewport_width > 0`;
  return pageEvents(query, options.page, CLICK_NAMES, columns, { visitors, where: widths });
}

/** A click's cell: its column across the viewport and its row down the page (heatmapCellsSql). */
const CELL_COLUMNS: EventColumn[] = [
  [
    sql`least(${bind.uint32(GRID_COLUMNS - 1)}, intDiv(click_x * ${bind.uint32(GRID_COLUMNS)}, viewport_width))`,
    sql`column`,
  ],
  [sql`intDiv(click_y, ${bind.uint32(GRID_ROW_PX)})`, sql`row`],
];

/**
 * Click density: clicks per grid cell, `column` 0–49 (the click's x as a fraction of its viewport's width:
 * column n spans n/50 to (n+1)/50; a click past the width, on a page wider than its window, falls in the
 * last column) and `row` (y in 50 px rows from the top of the page), densest first.
 */
export function heatmapCellsSql(query: ReportQuery, options: HeatmapOptions): NamedQuery {
  return {
    name: 'report:heatmap:cells',
    sql: sql`SELECT column, row, count() AS clicks FROM (${pageClicks(query, options, CELL_COLUMNS, false)})
      GROUP BY column, row ORDER BY clicks DESC, row, column`,
  };
}

/**
 * The page's most clicked elements, by fingerprint: clicks, visitors, and the instant of the latest click
 * (`latest`, as element-name.ts's LatestClick), from which elementNamesSql reads what it is called. Reading
 * each element's context here (argMax of its wide columns over every click) took twice as long as the rest.
 *
 * A click's visitor is its visit's, the visitor of the visit's first event (as visits.ts counts them), so
 * a visit whose address changed midway is one visitor: range-events.ts pairs them. `uniq` as metrics.ts says.
 */
export function heatmapElementsSql(query: ReportQuery, options: HeatmapOptions): NamedQuery {
  const click: EventColumn[] = [[sql`el_fingerprint`, sql`fingerprint`]];
  return {
    name: 'report:heatmap:elements',
    sql: sql`SELECT fingerprint, toUInt32(max(seen)) AS latest, count() AS clicks, uniq(visitor) AS visitors
      FROM (${pageClicks(query, options, click, true)})
      WHERE fingerprint != ''
      GROUP BY fingerprint
      ORDER BY clicks DESC, fingerprint
      LIMIT ${bind.uint32(options.limit)}`,
  };
}

/** The depths the scroll distribution reports: the share of page views reaching each. */
export const SCROLL_DEPTHS = [25, 50, 75, 100] as const;

/**
 * Scroll depth: of the visits' readings of the page (each engagement report once, by its id: page-reading.ts),
 * how many scrolled to at least 25, 50, 75 and 100% (`views` and one count per depth). The engagement event
 * has no viewport width: this is over every viewport.
 */
export function scrollDepthSql(query: ReportQuery, page: string): NamedQuery {
  const reports = pageEvents(
    query,
    page,
    [ENGAGEMENT_EVENT],
    [
      [sql`pathname`, sql`page`],
      [sql`scroll_depth`, sql`depth`],
    ],
    { visitors: false },
  );
  return {
    name: 'report:heatmap:scroll',
    sql: sql`SELECT count() AS views, ${joinSql(
      SCROLL_DEPTHS.map(
        (depth) => sql`countIf(depth >= ${bind.uint32(depth)}) AS ${identifier(`reached_${depth}`)}`,
      ),
      ', ',
    )}
      FROM (${visitPageReadings(reports, [sql`max(depth) AS depth`])})`,
  };
}

import { bind, identifier, joinSql, sql, type SqlFragment } from '../../clickhouse/sql-binder.js';
import type { NamedQuery } from '../../clickhouse/clickhouse.service.js';
import {
  elementContextColumns,
  elementNameColumns,
  regroupedContextColumns,
  storedNames,
} from './element-name.js';
import { wildcardRegex } from './filters.js';
import { inKeptVisits } from './kept-visits.js';
import type { ReportQuery } from './report-query.js';
import { dayBounds, eventDays } from './visits.js';
import { VISIT_KEY } from './visit-key.js';

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
const CLICKS = sql`name IN ('$autocapture', '$download', '$outbound')`;

export interface HeatmapOptions {
  page: string;
  viewport?: Viewport;
  limit: number;
}

/**
 * The page's clicks in the range (bots out), each once, by its id: a copy (a second delivery, a resend
 * from another address, later) shares the id and so the place, and the range holds the click by its first
 * delivery's time.
 * Only clicks that say where they landed (a viewport width) are placed.
 */
function pageClicks(query: ReportQuery, options: HeatmapOptions, columns: SqlFragment): SqlFragment {
  const { start, end } = dayBounds(query.site, query.range);
  return sql`SELECT ${columns}
    FROM events
    WHERE ${pageClickRows(query, options)}
    GROUP BY event_id
    HAVING min(ts) >= ${start} AND min(ts) < ${end}`;
}

/** The events table's rows of the page's clicks (copies included): a condition. */
function pageClickRows(query: ReportQuery, options: HeatmapOptions): SqlFragment {
  const widths = options.viewport
    ? sql`AND viewport_width >= ${bind.uint32(VIEWPORT_WIDTHS[options.viewport][0])} AND viewport_width <= ${bind.uint32(VIEWPORT_WIDTHS[options.viewport][1])}`
    : sql`AND viewport_width > 0`;
  return sql`${eventDays(query, query.range)} AND is_bot = 0 AND ${CLICKS}
      AND match(pathname, ${bind.string(wildcardRegex(options.page))}) ${widths} ${inKeptVisits(query)}`;
}

/**
 * Click density: clicks per grid cell, `column` 0–49 (the click's x as a fraction of its viewport's width:
 * column n spans n/50 to (n+1)/50; a click past the width, on a page wider than its window, falls in the
 * last column) and `row` (y in 50 px rows from the top of the page), densest first.
 */
export function heatmapCellsSql(query: ReportQuery, options: HeatmapOptions): NamedQuery {
  const cells = sql`least(${bind.uint32(GRID_COLUMNS - 1)}, intDiv(any(click_x) * ${bind.uint32(GRID_COLUMNS)}, any(viewport_width))) AS column,
    intDiv(any(click_y), ${bind.uint32(GRID_ROW_PX)}) AS row`;
  return {
    name: 'report:heatmap:cells',
    sql: sql`SELECT column, row, count() AS clicks FROM (${pageClicks(query, options, cells)})
      GROUP BY column, row ORDER BY clicks DESC, row, column`,
  };
}

/**
 * The page's most clicked elements, by fingerprint: clicks, visitors, the element's context and its latest
 * name in `autocapture_names` (a ReplacingMergeTree: argMax by updated_at until merges keep one), from
 * which element-name.ts's `elementName` says what it is called.
 *
 * A click's visitor is its visit's, the visitor of the visit's first event (as visits.ts counts them), so
 * a visit whose address changed midway is one visitor; read from the per-visit rollup (`sessions_daily`,
 * the same value as raw events give: visits.ts): only the visits of the page's clicks are merged (`IN`),
 * as range-events.ts does: merging every visit of the range's days cost more than the clicks did.
 * `uniq` as metrics.ts says.
 */
export function heatmapElementsSql(query: ReportQuery, options: HeatmapOptions): NamedQuery {
  const site = bind.uint32(query.site.id);
  const { firstDay, lastDay } = dayBounds(query.site, query.range);
  const click = sql`any(el_fingerprint) AS fingerprint, any(${VISIT_KEY}) AS visit_id, ${elementContextColumns}`;
  return {
    name: 'report:heatmap:elements',
    sql: sql`SELECT fingerprint, ${elementNameColumns}, clicks, visitors FROM (
        SELECT fingerprint, ${regroupedContextColumns}, count() AS clicks, uniq(visitor) AS visitors
        FROM (${pageClicks(query, options, click)}) ANY LEFT JOIN (
          SELECT visit_id, argMinMerge(visitor_hash) AS visitor
          FROM sessions_daily
          WHERE site_id = ${site} AND day >= ${firstDay} AND day <= ${lastDay}
            AND visit_id IN (SELECT ${VISIT_KEY} FROM events WHERE ${pageClickRows(query, options)})
          GROUP BY visit_id
        ) USING visit_id
        WHERE fingerprint != ''
        GROUP BY fingerprint
        ORDER BY clicks DESC, fingerprint
        LIMIT ${bind.uint32(options.limit)}
      ) ANY LEFT JOIN (${storedNames(query.site.id)}) USING fingerprint
      ORDER BY clicks DESC, fingerprint`,
  };
}

/** The depths the scroll distribution reports: the share of page views reaching each. */
export const SCROLL_DEPTHS = [25, 50, 75, 100] as const;

/**
 * Scroll depth: of the visits' views of the page that reported engagement, how many scrolled to at
 * least 25, 50, 75 and 100% (`views` and one count per depth). The tracker reports `$engagement` each
 * time a view is hidden or left, with the deepest scroll since its last report: a view's depth is the
 * deepest of its reports, per visit and page (each report once, by its id). The engagement event has no
 * viewport width: this is over every viewport.
 */
export function scrollDepthSql(query: ReportQuery, page: string): NamedQuery {
  const { start, end } = dayBounds(query.site, query.range);
  return {
    name: 'report:heatmap:scroll',
    sql: sql`SELECT count() AS views, ${joinSql(
      SCROLL_DEPTHS.map(
        (depth) => sql`countIf(depth >= ${bind.uint32(depth)}) AS ${identifier(`reached_${depth}`)}`,
      ),
      ', ',
    )}
      FROM (
        SELECT visit_id, page, max(depth) AS depth FROM (
          SELECT any(${VISIT_KEY}) AS visit_id, any(pathname) AS page, any(scroll_depth) AS depth
          FROM events
          WHERE ${eventDays(query, query.range)} AND is_bot = 0
            AND name = '$engagement' AND match(pathname, ${bind.string(wildcardRegex(page))}) ${inKeptVisits(query)}
          GROUP BY event_id
          HAVING min(ts) >= ${start} AND min(ts) < ${end}
        ) GROUP BY visit_id, page
      )`,
  };
}

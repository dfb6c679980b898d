import { barShare } from '../shared/bar-share.js';
import { csvText } from '../shared/csv.js';
import { formatCount, formatWholePercent } from '../shared/format.js';
import type { HeatmapCell, HeatmapElement, HeatmapReport, PageFraming, Scroll, Viewport } from './api.js';

/**
 * The heatmap page, pure: its options in the URL, the cells placed over the page at the viewport's width,
 * the densest areas, the elements' and scroll depths' lines, and what the stage says about framing.
 */

export const VIEWPORTS: Viewport[] = ['mobile', 'tablet', 'desktop'];
const DEFAULT_VIEWPORT: Viewport = 'desktop';

export const VIEWPORT_LABELS: Record<Viewport, string> = {
  mobile: 'Mobile',
  tablet: 'Tablet',
  desktop: 'Desktop',
};

/**
 * The width the page is drawn at for a bucket (CSS px), a common screen of each (the API's buckets: mobile
 * below 768, tablet below 1024, desktop from 1024), and the height of that screen, drawn as the fold.
 */
export const VIEWPORT_SIZES: Record<Viewport, { width: number; height: number }> = {
  mobile: { width: 390, height: 844 },
  tablet: { width: 820, height: 1180 },
  desktop: { width: 1280, height: 800 },
};

export interface HeatmapOptions {
  page: string | undefined;
  viewport: Viewport;
}

export function parseHeatmapOptions(search: URLSearchParams): HeatmapOptions {
  const page = search.get('page') ?? '';
  return {
    page: page.startsWith('/') ? page : undefined,
    viewport: VIEWPORTS.find((viewport) => viewport === search.get('viewport')) ?? DEFAULT_VIEWPORT,
  };
}

export function heatmapOptionsSearch(options: HeatmapOptions): Record<string, string | undefined> {
  return {
    page: options.page,
    viewport: options.viewport === DEFAULT_VIEWPORT ? undefined : options.viewport,
  };
}

/** The faintest cell's density: a single click among thousands still shows. */
const MIN_DENSITY = 0.2;

export interface PlacedCell {
  /** In CSS px of the page at the viewport's width. */
  x: number;
  y: number;
  width: number;
  height: number;
  clicks: number;
  /** Its clicks against the densest cell's, 0.2 (fewest) to 1 (the densest): the heat drawn there. */
  density: number;
}

/** The cells in the page's coordinates: a column is 1/columns of the width, a row `rowPx` of height. */
export function placeCells(report: HeatmapReport, width: number): PlacedCell[] {
  const { columns, rowPx } = report.grid;
  const densest = Math.max(0, ...report.cells.map((cell) => cell.clicks));
  return report.cells.map((cell) => ({
    x: (cell.column * width) / columns,
    y: cell.row * rowPx,
    width: width / columns,
    height: rowPx,
    clicks: cell.clicks,
    density: Math.max(MIN_DENSITY, Math.round((cell.clicks / densest) * 100) / 100),
  }));
}

/** Rows drawn below the lowest click, so it is not at the very edge. */
const ROWS_BELOW = 2;

/** The page's drawn height: the screen's height at least, and down past the lowest click. */
export function stageHeight(report: HeatmapReport, viewport: Viewport): number {
  const lowest = Math.max(-1, ...report.cells.map((cell) => cell.row));
  return Math.max(VIEWPORT_SIZES[viewport].height, (lowest + 1 + ROWS_BELOW) * report.grid.rowPx);
}

export interface DenseArea {
  /** Across the width, in percent: "50–52%". */
  across: string;
  /** Down the page, in CSS px: "100–150 px". */
  down: string;
  clicks: number;
}

/**
 * The densest cells (the API answers them densest first) in words a reader can find on the page, in the reader's
 * number format (the range's end carries the percent sign as the locale writes it).
 */
export function denseAreas(report: HeatmapReport, count: number, locale?: string): DenseArea[] {
  const { columns, rowPx } = report.grid;
  const percent = (column: number) => Math.round((column * 100) / columns);
  return report.cells.slice(0, count).map((cell: HeatmapCell) => ({
    across: `${formatCount(percent(cell.column), locale)}–${formatWholePercent(percent(cell.column + 1), locale)}`,
    down: `${formatCount(cell.row * rowPx, locale)}–${formatCount((cell.row + 1) * rowPx, locale)} px`,
    clicks: cell.clicks,
  }));
}

/** All the clicks placed on the page: the whole the elements' shares are of. */
export const totalClicks = (report: HeatmapReport) =>
  report.cells.reduce((sum, cell) => sum + cell.clicks, 0);

/** Percent of a whole, one decimal; 0 of nothing. */
const percentOf = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10);

export interface ElementLine {
  fingerprint: string;
  name: string;
  clicks: number;
  visitors: number;
  /** Of all the page's clicks at this viewport, in percent. */
  percent: number;
  share: number;
}

export function elementLines(elements: HeatmapElement[], clicks: number): ElementLine[] {
  return elements.map((element) => {
    const percent = percentOf(element.clicks, clicks);
    return { ...element, percent, share: barShare(percent, 100) };
  });
}

/**
 * The most clicked elements as the table shows them, as CSV: the API's heatmap CSV holds the cells, not the
 * elements, so the file is made from the rows shown (the API's top elements of the page and viewport).
 */
export const elementsCsv = (lines: ElementLine[]): string =>
  csvText(
    ['fingerprint', 'name', 'clicks', 'visitors', 'percent'],
    lines.map((line) => [line.fingerprint, line.name, line.clicks, line.visitors, line.percent]),
  );

export interface ScrollLine {
  depth: number;
  views: number;
  percent: number;
  share: number;
}

export const scrollLines = (scroll: Scroll): ScrollLine[] =>
  scroll.depths.map(({ depth, views, percent }) => ({
    depth,
    views,
    percent,
    share: barShare(percent, 100),
  }));

/** What the stage says about the page under the clicks: shown itself, or why only an outline. */
export function framingNotice(framing: PageFraming | undefined, page: string, width: number): string {
  const outline = `Clicks are drawn over an outline of the page, ${width} px wide.`;
  if (!framing) return `Could not check whether ${page} can be shown here. ${outline}`;
  const url = framing.url ?? page;
  switch (framing.reason) {
    case 'framable':
      return `${url}, shown without its scripts (parts a script draws may be missing), ${width} px wide.`;
    case 'pattern':
      return `${page} is a pattern, not one page. ${outline}`;
    case 'x_frame_options':
      return `${url} cannot be shown here: it sends X-Frame-Options. ${outline}`;
    case 'frame_ancestors':
      return `${url} cannot be shown here: its Content-Security-Policy frame-ancestors does not name this panel (add the panel’s origin to show it). ${outline}`;
    case 'redirect':
      return `${url} answered with a redirect, so it is not shown here. ${outline}`;
    case 'unavailable':
      return `${url} did not answer with the page. ${outline}`;
    case 'unreachable':
      return `${url} could not be reached from the Sluice server. ${outline}`;
  }
}

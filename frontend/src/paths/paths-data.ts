import type { PathDirection, PathNeighbour, SessionPath } from './api.js';
import { barShare } from '../shared/bar-share.js';

/**
 * The paths page, pure: its options in the URL, the neighbours of the flow and the ribbons joining them to
 * the chosen page, and the rows of the top paths.
 */

/** The flow around one page, or the most common paths from or to it. */
export const PATH_VIEWS = ['flow', 'top'] as const;
export type PathView = (typeof PATH_VIEWS)[number];

/** Steps of a top path, the API's range (markers included). */
export const PATH_STEPS = [2, 3, 4, 5] as const;
const DEFAULT_STEPS = 5;

export interface PathsOptions {
  /** The chosen page or pattern; none until one is chosen. */
  page: string | undefined;
  view: PathView;
  direction: PathDirection;
  steps: number;
}

/** The page's options from its URL (`page`, `show=top`, `direction=to`, `steps`); anything unknown is the default. */
export function parsePathsOptions(search: URLSearchParams): PathsOptions {
  const page = search.get('page') ?? '';
  const steps = Number(search.get('steps'));
  return {
    page: page.startsWith('/') ? page : undefined,
    view: search.get('show') === 'top' ? 'top' : 'flow',
    direction: search.get('direction') === 'to' ? 'to' : 'from',
    steps: PATH_STEPS.some((allowed) => allowed === steps) ? steps : DEFAULT_STEPS,
  };
}

/** The URL's page options for `options`, defaults left out (`undefined` removes a parameter). */
export function pathsOptionsSearch(options: PathsOptions): Record<string, string | undefined> {
  return {
    page: options.page,
    show: options.view === 'flow' ? undefined : options.view,
    direction: options.direction === 'from' ? undefined : options.direction,
    steps: options.steps === DEFAULT_STEPS ? undefined : String(options.steps),
  };
}

/** The API's markers: before a visit's first page, after its last. Paths start with `/`, so no page is one. */
const MARKER_LABELS: Record<string, string> = { entry: 'Entered the site', exit: 'Left the site' };

export const isMarker = (page: string) => page in MARKER_LABELS;

/** A step as people read it: a page's path, or what a marker means. */
export const stepLabel = (page: string) => MARKER_LABELS[page] ?? page;

export interface FlowItem {
  page: string;
  label: string;
  /** Entry or exit: not a page, so not one to centre on. */
  marker: boolean;
  visits: number;
  /** Of the visits that viewed the chosen page, as the API gives it (one decimal). */
  percent: number;
  /** Its bar's length: the percent itself (barShare). */
  share: number;
}

export function flowItems(neighbours: PathNeighbour[]): FlowItem[] {
  return neighbours.map(({ page, visits, percent }) => ({
    page,
    label: stepLabel(page),
    marker: isMarker(page),
    visits,
    percent,
    share: barShare(percent, 100),
  }));
}

/**
 * The flow's geometry, in the ribbons' SVG units: each neighbour is a row `ROW_PITCH` tall (its item's
 * height in app.css, `.paths-item`, plus the gap), and the ribbons meet the chosen page in a stack at most
 * `STACK_MAX` tall, or 80% of the column when that is less.
 */
export const ROW_PITCH = 64;
const STACK_MAX = 160;
const MIN_RIBBON = 2;
const ITEM_BAND_MAX = 48;
/** The ribbons' width in their own units: the SVG stretches it to its column. */
export const RIBBON_WIDTH = 100;

/** The columns' height for the longer of the two sides (at least one row, so the chosen page has room). */
export const flowHeight = (previous: number, next: number) => Math.max(previous, next, 1) * ROW_PITCH;

/**
 * One band per neighbour, proportional to its visits, from the middle of its row to its place in the stack
 * beside the chosen page (centred in the column): `previous` bands run from the neighbours on the left to
 * the page, `next` bands from the page to the neighbours on the right.
 */
export function ribbonPaths(items: FlowItem[], side: 'previous' | 'next', height: number): string[] {
  const total = items.reduce((sum, item) => sum + item.visits, 0);
  if (total === 0) return [];
  const stack = Math.min(STACK_MAX, height * 0.8);
  const thickness = items.map((item) => Math.max(MIN_RIBBON, (item.visits / total) * stack));
  let stackTop = height / 2 - thickness.reduce((sum, one) => sum + one, 0) / 2;
  const [itemX, pageX] = side === 'previous' ? [0, RIBBON_WIDTH] : [RIBBON_WIDTH, 0];
  const middle = RIBBON_WIDTH / 2;
  return items.map((_, index) => {
    const band = thickness[index];
    // At its row a band is at most as tall as the row's box: a large share narrows there, not past the row.
    const itemBand = Math.min(band, ITEM_BAND_MAX);
    const itemTop = index * ROW_PITCH + ROW_PITCH / 2 - itemBand / 2;
    const pageTop = stackTop;
    stackTop += band;
    const n = (value: number) => Number(value.toFixed(2));
    return [
      `M${itemX} ${n(itemTop)}`,
      `C${middle} ${n(itemTop)} ${middle} ${n(pageTop)} ${pageX} ${n(pageTop)}`,
      `L${pageX} ${n(pageTop + band)}`,
      `C${middle} ${n(pageTop + band)} ${middle} ${n(itemTop + itemBand)} ${itemX} ${n(itemTop + itemBand)}`,
      'Z',
    ].join(' ');
  });
}

export interface TopPathLine {
  steps: { page: string; label: string; marker: boolean }[];
  visits: number;
  /** Of the visits that viewed the chosen page, in percent, one decimal: each such visit has one path. */
  percent: number;
  /** Its bar's length: the percent itself (barShare). */
  share: number;
}

export function topPathLines(paths: SessionPath[], pageVisits: number): TopPathLine[] {
  return paths.map(({ pages, visits }) => {
    const percent = pageVisits === 0 ? 0 : Math.round((visits * 1000) / pageVisits) / 10;
    return {
      steps: pages.map((page) => ({ page, label: stepLabel(page), marker: isMarker(page) })),
      visits,
      percent,
      share: barShare(percent, 100),
    };
  });
}

import { randomUUID } from 'node:crypto';
import type { EventRow } from '@sluice/config';
import { eventRow } from './harness.js';

/**
 * Clicks placed by hand on /pricing, 2026-11-20 in America/St_Johns (UTC−3:30: the day runs from
 * 2026-11-20 03:30 to 2026-11-21 03:30 UTC), with the cell each falls in (column: x × 50 / viewport
 * width, at most 49; row: y / 50).
 */
const BUY = { el_tag: 'button', el_text: 'Buy', el_selector: 'main > button', el_fingerprint: 'f-buy' };
const DOCS = { el_tag: 'a', el_id: 'docs', el_selector: '#docs', el_fingerprint: 'f-docs' };
const MENU = { el_tag: 'div', el_selector: '#nav > div', el_context: 'Navigation', el_fingerprint: 'f-menu' };

type Click = Partial<EventRow> & Pick<EventRow, 'session_id' | 'visitor_id' | 'ts'>;

export const CLICKS: Record<string, Click> = {
  // Desktop, cell (25, 2), three times; the second from another address midway through visit a.
  a1: {
    ...BUY,
    session_id: 's-a',
    visitor_id: 'v-a',
    ts: '2026-11-20 12:00:00',
    click_x: 640,
    click_y: 120,
    viewport_width: 1280,
  },
  a2: {
    ...BUY,
    session_id: 's-a',
    visitor_id: 'v-a-moved',
    ts: '2026-11-20 12:01:00',
    click_x: 650,
    click_y: 130,
    viewport_width: 1280,
  },
  b1: {
    ...BUY,
    session_id: 's-b',
    visitor_id: 'v-b',
    ts: '2026-11-20 13:00:00',
    click_x: 720,
    click_y: 110,
    viewport_width: 1440,
  },
  // Desktop, cell (0, 20): a link to another host, which the edge names $outbound.
  b2: {
    ...DOCS,
    name: '$outbound',
    session_id: 's-b',
    visitor_id: 'v-b',
    ts: '2026-11-20 13:01:00',
    click_x: 10,
    click_y: 1000,
    viewport_width: 1440,
  },
  // Mobile, cells (25, 12) and (49, 1): x past the viewport's width falls in the last column.
  c1: {
    ...BUY,
    session_id: 's-c',
    visitor_id: 'v-c',
    ts: '2026-11-21 03:29:59',
    click_x: 195,
    click_y: 600,
    viewport_width: 390,
  },
  c2: {
    ...MENU,
    session_id: 's-c',
    visitor_id: 'v-c',
    ts: '2026-11-21 03:29:59',
    click_x: 400,
    click_y: 50,
    viewport_width: 390,
  },
  // Tablet, cell (25, 6).
  d1: {
    ...BUY,
    session_id: 's-d',
    visitor_id: 'v-d',
    ts: '2026-11-20 03:30:00',
    click_x: 400,
    click_y: 300,
    viewport_width: 800,
  },
};

/** Clicks that must not count: a bot's, another page's, and one just before the day in St. John's. */
export const NOT_COUNTED: Click[] = [
  {
    ...BUY,
    session_id: 's-bot',
    visitor_id: 'v-bot',
    ts: '2026-11-20 12:00:00',
    click_x: 640,
    click_y: 120,
    viewport_width: 1280,
    is_bot: 1,
  },
  {
    ...BUY,
    pathname: '/docs',
    session_id: 's-a',
    visitor_id: 'v-a',
    ts: '2026-11-20 12:02:00',
    click_x: 640,
    click_y: 120,
    viewport_width: 1280,
  },
  {
    ...BUY,
    session_id: 's-e',
    visitor_id: 'v-e',
    ts: '2026-11-20 03:29:59',
    click_x: 640,
    click_y: 120,
    viewport_width: 1280,
  },
];

/** `$engagement` reports of /pricing: visit a's view reported twice (hidden, then left), its deepest 80. */
export const SCROLLS: Click[] = [
  { session_id: 's-a', visitor_id: 'v-a', ts: '2026-11-20 12:05:00', scroll_depth: 40 },
  { session_id: 's-a', visitor_id: 'v-a', ts: '2026-11-20 12:06:00', scroll_depth: 80 },
  { session_id: 's-b', visitor_id: 'v-b', ts: '2026-11-20 13:05:00', scroll_depth: 100 },
  { session_id: 's-c', visitor_id: 'v-c', ts: '2026-11-20 14:05:00', scroll_depth: 20 },
  { session_id: 's-d', visitor_id: 'v-d', ts: '2026-11-20 15:05:00', scroll_depth: 50 },
  { session_id: 's-bot', visitor_id: 'v-bot', ts: '2026-11-20 12:05:00', scroll_depth: 100, is_bot: 1 },
];

/** Each visit's first event: a pageview of /pricing a minute before its first click (from its first address). */
const VISIT_STARTS: Click[] = [
  { session_id: 's-a', visitor_id: 'v-a', ts: '2026-11-20 11:59:00' },
  { session_id: 's-b', visitor_id: 'v-b', ts: '2026-11-20 12:59:00' },
  { session_id: 's-c', visitor_id: 'v-c', ts: '2026-11-20 14:00:00' },
  { session_id: 's-d', visitor_id: 'v-d', ts: '2026-11-20 03:30:00' },
];

const on = (siteId: number, name: string) => (event: Click) =>
  eventRow({ pathname: '/pricing', event_id: randomUUID(), name, ...event, site_id: siteId });

/** The rows of the clicks, scrolls and pageviews above on `siteId`: clicks by their CLICKS key. */
export function heatmapRows(siteId: number) {
  const clicks = Object.fromEntries(
    Object.entries(CLICKS).map(([key, click]) => [key, on(siteId, '$autocapture')(click)]),
  );
  return {
    clicks,
    rows: [
      ...VISIT_STARTS.map(on(siteId, 'pageview')),
      ...Object.values(clicks),
      ...NOT_COUNTED.map(on(siteId, '$autocapture')),
      ...SCROLLS.map(on(siteId, '$engagement')),
    ],
  };
}

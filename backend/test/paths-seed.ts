import { randomUUID } from 'node:crypto';
import type { EventRow } from '@sluice/config';
import { eventRow } from './harness.js';

/**
 * Visits with paths written by hand, on 2026-11-20 in Asia/Kolkata (UTC+5:30: the day runs from
 * 2026-11-19 18:30 to 2026-11-20 18:30 UTC), one pageview a minute from each visit's start.
 */
export const PATH_VISITS: Record<string, { start: string; pages: string[]; country?: string; bot?: true }> = {
  // /pricing reloaded: one step.
  one: { start: '2026-11-20 06:00:00', pages: ['/', '/pricing', '/pricing', '/signup'], country: 'DE' },
  two: { start: '2026-11-20 07:00:00', pages: ['/', '/pricing', '/docs'] },
  three: { start: '2026-11-19 18:30:00', pages: ['/blog', '/pricing'] },
  // /pricing twice in one visit, the first as its entry page.
  four: { start: '2026-11-20 09:00:00', pages: ['/pricing', '/', '/pricing', '/signup'], country: 'DE' },
  five: { start: '2026-11-20 10:00:00', pages: ['/', '/docs'] },
  bot: { start: '2026-11-20 11:00:00', pages: ['/', '/pricing', '/admin'], bot: true },
  // Outside the day in Kolkata: just before it, and from its end on.
  before: { start: '2026-11-19 18:29:00', pages: ['/', '/pricing', '/early'] },
  after: { start: '2026-11-20 18:30:00', pages: ['/', '/pricing', '/late'] },
};

const minutesAfter = (ts: string, minutes: number) =>
  new Date(Date.parse(`${ts}Z`) + minutes * 60_000).toISOString().slice(0, 19).replace('T', ' ');

/** The pageviews of PATH_VISITS on `siteId`, each visit a session and a visitor of its own. */
export function pathRows(siteId: number): EventRow[] {
  return Object.entries(PATH_VISITS).flatMap(([visit, { start, pages, country, bot }]) =>
    pages.map((pathname, n) =>
      eventRow({
        site_id: siteId,
        event_id: randomUUID(),
        session_id: `s-${visit}`,
        visitor_id: `v-${visit}`,
        ts: minutesAfter(start, n),
        name: 'pageview',
        pathname,
        country: country ?? 'US',
        is_bot: bot ? 1 : 0,
      }),
    ),
  );
}

/**
 * Deliveries again: a copy of a row as the pipeline may store it twice, and a resend of a row from another
 * address (another visitor id) hours later, as the tracker's offline queue sends it.
 */
export const copyOf = (row: EventRow): EventRow => ({ ...row });
export const resendOf = (row: EventRow): EventRow => ({
  ...row,
  visitor_id: `${row.visitor_id}-elsewhere`,
  ts: minutesAfter(row.ts, 120),
});

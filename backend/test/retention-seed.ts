import type { EventRow } from '@sluice/config';
import { eventRow } from './harness.js';

/** St. John's in November: UTC−3:30 (daylight time ended on 1 November 2026). */
const ST_JOHNS_OFFSET_MS = 3.5 * 3_600_000;

/** A local wall-clock time in America/St_Johns in November as the stored UTC `ts`. */
export const stJohns = (local: string) =>
  new Date(Date.parse(`${local.replace(' ', 'T')}Z`) + ST_JOHNS_OFFSET_MS)
    .toISOString()
    .slice(0, 19)
    .replace('T', ' ');

/** One visit of `visitor` at a local time: a pageview of `pathname`, then the named events a minute apart. */
export function visitAt(
  siteId: number,
  visitor: string,
  local: string,
  events: string[] = [],
  pathname = '/',
): EventRow[] {
  const start = Date.parse(`${stJohns(local).replace(' ', 'T')}Z`);
  const session = `${visitor}@${local}`;
  return ['pageview', ...events].map((name, i) =>
    eventRow({
      site_id: siteId,
      visitor_id: visitor,
      session_id: session,
      name,
      pathname,
      ts: new Date(start + i * 60_000).toISOString().slice(0, 19).replace('T', ' '),
    }),
  );
}

/**
 * Weekly cohorts with a known grid, weeks from Monday 2 November 2026 (local):
 *
 * - week of 2 Nov: a0–a9 first seen on Monday 10:00, and c first seen on Sunday 8 Nov 23:30 local (9 Nov
 *   in UTC, so by UTC weeks in the next cohort); a0, a1 and c return in week 1; a0–a3 in week 2 (a0 and a1
 *   with a purchase; a2 bought on its first visit; a2 and a3 entered on /back): sizes 11, returns [11, 3, 4, 0];
 * - week of 9 Nov: b0–b4 first seen on Tuesday; b0 returns in week 2 (23 Nov): [5, 0, 1];
 * - `old`, first seen on 20 October, returns in weeks 0 and 2: in no cohort;
 * - a bot, first seen and back within the range: counted nowhere;
 * - a0's week-2 purchase is delivered twice, and b0's first pageview is resent from another address
 *   three hours later (another visitor_id, a later ts): neither is anyone new.
 */
export function seedRetention(siteId: number): EventRow[] {
  const a = Array.from({ length: 10 }, (_, i) => `a${i}`);
  const b = Array.from({ length: 5 }, (_, i) => `b${i}`);
  const rows = [
    ...a.flatMap((visitor) =>
      visitAt(siteId, visitor, '2026-11-02 10:00:00', visitor === 'a2' ? ['purchase'] : []),
    ),
    ...visitAt(siteId, 'c', '2026-11-08 23:30:00'),
    ...['a0', 'a1', 'c'].flatMap((visitor) => visitAt(siteId, visitor, '2026-11-10 09:00:00')),
    ...['a0', 'a1'].flatMap((visitor) => visitAt(siteId, visitor, '2026-11-17 12:00:00', ['purchase'])),
    ...['a2', 'a3'].flatMap((visitor) => visitAt(siteId, visitor, '2026-11-18 12:00:00', [], '/back')),
    ...b.flatMap((visitor) => visitAt(siteId, visitor, '2026-11-10 15:00:00')),
    ...visitAt(siteId, 'b0', '2026-11-23 08:00:00'),
    ...visitAt(siteId, 'old', '2026-10-20 12:00:00'),
    ...visitAt(siteId, 'old', '2026-11-03 12:00:00'),
    ...visitAt(siteId, 'old', '2026-11-17 12:00:00'),
    ...[
      ...visitAt(siteId, 'bot', '2026-11-04 12:00:00'),
      ...visitAt(siteId, 'bot', '2026-11-12 12:00:00'),
    ].map((row) => ({ ...row, is_bot: 1 })),
  ];
  const purchase = rows.find((row) => row.visitor_id === 'a0' && row.name === 'purchase')!;
  const firstOfB0 = rows.find((row) => row.visitor_id === 'b0')!;
  return [
    ...rows,
    { ...purchase }, // the pipeline delivered it twice
    // The tracker's queue resent it from another network: another visitor_id, a later ts.
    { ...firstOfB0, visitor_id: 'b0-elsewhere', ts: stJohns('2026-11-10 18:00:00') },
  ];
}

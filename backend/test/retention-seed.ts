import type { EventRow } from '@sluice/config';
import { eventRow } from './harness.js';
import { localDate } from './report-seed.js';

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

/** Each cohort's size and its visitors back in each later period, the cells that are not 0. */
export type RetentionCells = Record<string, { visitors: number; returning: Record<string, number> }>;

/** The label of the period an instant falls in, in a zone: its local day, that day's Monday, or the 1st. */
export function periodOf(instant: number, period: 'day' | 'week' | 'month', timeZone: string): string {
  const day = localDate(instant, timeZone);
  if (period === 'day') return day;
  if (period === 'month') return `${day.slice(0, 8)}01`;
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

const instantOf = (row: EventRow) => Date.parse(`${row.ts.replace(' ', 'T')}Z`);

/**
 * The retention grid of `rows` over the local days `from`..`to`, restated from the report's rules
 * (query/retention.ts), never its SQL: a visitor's cohort is the period of their first-ever event
 * (bots aside, whatever the range), they are in it only with a visit (kept by `keep`) begun in that
 * period, and they return in each period of the range with such a visit, or with a `returnEvent` (each
 * event once, at its first copy, in a visit of the range, as that visit's visitor).
 */
export function retentionCellsOf(
  rows: EventRow[],
  options: {
    from: string;
    to: string;
    timeZone: string;
    period: 'day' | 'week' | 'month';
    returnEvent?: string;
    keep?: (firstEvent: EventRow) => boolean;
  },
): RetentionCells {
  const { from, to, timeZone, period, returnEvent, keep = () => true } = options;
  const inRange = (instant: number) => {
    const day = localDate(instant, timeZone);
    return day >= from && day <= to;
  };
  const humans = rows.filter((row) => row.is_bot === 0);
  const firstSeen = new Map<string, number>();
  for (const row of humans) {
    firstSeen.set(row.visitor_id, Math.min(firstSeen.get(row.visitor_id) ?? Infinity, instantOf(row)));
  }
  const firstEvents = new Map<string, EventRow>();
  for (const row of humans) {
    const visit = row.session_id || row.event_id;
    const seen = firstEvents.get(visit);
    if (!seen || instantOf(row) < instantOf(seen)) firstEvents.set(visit, row);
  }
  const visits = [...firstEvents].filter(([, first]) => inRange(instantOf(first)) && keep(first));
  const visitorOfVisit = new Map(visits.map(([visit, first]) => [visit, first.visitor_id]));
  const visited = new Map<string, Set<string>>();
  const returned = new Map<string, Set<string>>();
  const add = (to: Map<string, Set<string>>, visitor: string, label: string) =>
    to.set(visitor, (to.get(visitor) ?? new Set()).add(label));
  for (const [, first] of visits) {
    const label = periodOf(instantOf(first), period, timeZone);
    add(visited, first.visitor_id, label);
    if (returnEvent === undefined) add(returned, first.visitor_id, label);
  }
  if (returnEvent !== undefined) {
    const firstCopy = new Map<string, EventRow>();
    for (const row of humans.filter((row) => row.name === returnEvent)) {
      const seen = firstCopy.get(row.event_id);
      if (!seen || instantOf(row) < instantOf(seen)) firstCopy.set(row.event_id, row);
    }
    for (const row of firstCopy.values()) {
      const visitor = visitorOfVisit.get(row.session_id || row.event_id);
      if (visitor !== undefined && inRange(instantOf(row)))
        add(returned, visitor, periodOf(instantOf(row), period, timeZone));
    }
  }
  const cells: RetentionCells = {};
  for (const [visitor, periods] of visited) {
    const first = firstSeen.get(visitor)!;
    const cohort = periodOf(first, period, timeZone);
    if (!inRange(first) || !periods.has(cohort)) continue;
    cells[cohort] ??= { visitors: 0, returning: {} };
    cells[cohort].visitors += 1;
    for (const label of returned.get(visitor) ?? []) {
      cells[cohort].returning[label] = (cells[cohort].returning[label] ?? 0) + 1;
    }
  }
  return cells;
}

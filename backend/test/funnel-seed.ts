import type { EventRow } from '@sluice/config';
import { eventRow } from './harness.js';

/**
 * Visitors walking a 3-step funnel with a known answer: /plans/* → signup with plan=pro → a click on one
 * element. Visitor i (from 0) enters at `entry + i minutes` (UTC) and, by i % 5:
 *
 * - 0, 1: completes it in order, step 2 at +(60 + i) s and step 3 (for 1: in a visit of its own) at
 *   +(120 + 2i) s: 40% of the visitors convert;
 * - 2: completes step 3 at 31 minutes, outside the 30-minute window: reaches step 2;
 * - 3: clicks (step 3) before signing up (step 2): out of order, reaches step 2;
 * - 4: enters and signs up for the basic plan, which is not step 2: reaches step 1.
 *
 * The first `count × 0.6` visitors are in Germany, the rest in India (a visit dimension). Visitor 0's
 * step 2 is delivered twice by the pipeline, and visitor 0's entry is resent by the tracker's queue from
 * another address three hours later (another visitor_id, a later ts): each counts once.
 */
export const FUNNEL_STEPS = [
  { kind: 'page', match: '/plans/*' },
  { kind: 'event', match: 'signup', propertyKey: 'plan', propertyValue: 'pro' },
  { kind: 'action', match: 'a1b2c3d4e5f60718' },
] as const;

const SECOND = 1000;
const at = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** What each visitor reaches, and the seconds from the previous step to steps 2 and 3 (null: not reached). */
export interface FunnelWalk {
  country: string;
  reached: 1 | 2 | 3;
  secondsToStep2: number | null;
  secondsToStep3: number | null;
}

export function funnelWalks(count: number): FunnelWalk[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = i % 5;
    const country = i < count * 0.6 ? 'DE' : 'IN';
    if (kind <= 1) return { country, reached: 3, secondsToStep2: 60 + i, secondsToStep3: 60 + i };
    if (kind <= 3)
      return { country, reached: 2, secondsToStep2: kind === 2 ? 60 + i : 60, secondsToStep3: null };
    return { country, reached: 1, secondsToStep2: null, secondsToStep3: null };
  });
}

/** The stored rows of `count` visitors (`funnelWalks`) of `siteId`, entering from `entry` (UTC). */
export function seedFunnel(siteId: number, entry: string, count: number, prefix: string): EventRow[] {
  const start = Date.parse(`${entry.replace(' ', 'T')}Z`);
  return funnelWalks(count).flatMap((walk, i): EventRow[] => {
    const t = start + i * 60 * SECOND;
    const kind = i % 5;
    const visitor = `${prefix}-v${i}`;
    const common = {
      site_id: siteId,
      visitor_id: visitor,
      session_id: `${prefix}-s${i}`,
      country: walk.country,
    };
    const entered = eventRow({ ...common, ts: at(t), pathname: '/plans/pro' });
    const signup = (seconds: number, plan: string) =>
      eventRow({
        ...common,
        ts: at(t + seconds * SECOND),
        name: 'signup',
        pathname: '/signup',
        props_keys: ['plan'],
        props_values: [plan],
      });
    const click = (seconds: number, session = common.session_id) =>
      eventRow({
        ...common,
        session_id: session,
        ts: at(t + seconds * SECOND),
        name: '$click',
        pathname: '/welcome',
        el_tag: 'button',
        el_fingerprint: FUNNEL_STEPS[2].match,
      });
    const rows = [entered];
    if (kind === 0) rows.push(signup(60 + i, 'pro'), click(120 + 2 * i));
    if (kind === 1) rows.push(signup(60 + i, 'pro'), click(120 + 2 * i, `${prefix}-s${i}-later`));
    if (kind === 2) rows.push(signup(60 + i, 'pro'), click(31 * 60));
    if (kind === 3) rows.push(click(30), signup(60, 'pro'));
    if (kind === 4) rows.push(signup(90, 'basic'));
    if (i === 0) {
      rows.push({ ...rows[1] }); // the pipeline delivered step 2 twice
      // The tracker's queue resent the entry from another network: another visitor_id, a later ts.
      rows.push({ ...entered, visitor_id: `${visitor}-elsewhere`, ts: at(t + 3 * 3_600_000) });
    }
    return rows;
  });
}

/** A visitor the edge flagged as a bot walking the whole funnel from `entry`: counted nowhere. */
export function botWalk(siteId: number, entry: string, prefix: string): EventRow[] {
  return seedFunnel(siteId, entry, 1, `${prefix}-bot`).map((row) => ({ ...row, is_bot: 1 }));
}

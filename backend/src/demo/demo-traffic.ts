import {
  ByteWriter,
  COLUMN,
  DEMO_SITE_IDENTITY,
  siteCatalogue,
  siteEventBatches,
  writeRows,
  type SeedPlan,
} from '@sluice/traffic';
import { DEMO_SITE } from '@sluice/config';
import { addDays } from '../common/calendar.js';

/** The generator's seed: every demo site has the same visitors, pages and sources. */
const DEMO_SEED = 1;

/** Rows generated and encoded at a time: each is a few milliseconds of the event loop. */
const CHUNK_ROWS = 2_000;

/** `YYYY-MM-DD hh:mm:ss` in UTC, as `ts` is stored: the text sorts as the time does. */
const storedTime = (instant: Date) => instant.toISOString().slice(0, 19).replace('T', ' ');

/** The demo's period: DEMO_SITE.days ending on the demo zone's today (its fixed offset: the daily rhythm only). */
export function demoPlan(now: Date, events: number): SeedPlan {
  const local = new Date(now.getTime() + DEMO_SITE_IDENTITY.utcOffsetMinutes * 60_000);
  return {
    seed: DEMO_SEED,
    events,
    sites: 1,
    endDay: local.toISOString().slice(0, 10),
    days: DEMO_SITE.days,
  };
}

/** The first UTC day that may hold a row of the plan (its first local day starts up to a day earlier in UTC). */
export const firstDemoDay = (plan: SeedPlan) => addDays(plan.endDay, -plan.days);

/** Rows a live demo day holds: the two months' daily average. */
const LIVE_DAY_EVENTS = Math.round(DEMO_SITE.events / DEMO_SITE.days);

/**
 * The plans of each local day [from, until) touches, for a demo site's live traffic: a day's worth of visits
 * of its own seed (another day's are other visits), of which the rows in the window are kept.
 */
export function liveDayPlans(from: Date, until: Date): SeedPlan[] {
  const first = demoPlan(from, LIVE_DAY_EVENTS).endDay;
  const last = demoPlan(until, LIVE_DAY_EVENTS).endDay;
  const plans: SeedPlan[] = [];
  for (let day = first; day <= last; day = addDays(day, 1))
    plans.push({
      seed: DEMO_SEED + Date.parse(day) / 86_400_000,
      events: LIVE_DAY_EVENTS,
      sites: 1,
      endDay: day,
      days: 1,
    });
  return plans;
}

/**
 * The demo site's rows of `plan` in [from, until) as RowBinary (ROW_BINARY_INSERT), chunk by chunk, as the
 * edge would have stored them for site `siteId`: bots and delivered-twice rows included. The months stop at
 * the moment they are written, so they end the way a live site's do (today's figures are the day so far),
 * and the live traffic (LiveDemoTraffic) takes over from there. `written` hears how many rows each chunk held.
 */
export function* demoRowChunks(
  siteId: number,
  plan: SeedPlan,
  window: { from?: Date; until: Date },
  written: (rows: number) => void = () => {},
): Generator<Buffer> {
  const from = window.from ? storedTime(window.from) : '';
  const until = storedTime(window.until);
  const site = siteCatalogue(siteId, plan.seed, DEMO_SITE_IDENTITY);
  const out = new ByteWriter();
  for (const batch of siteEventBatches(plan, site, plan.events, CHUNK_ROWS)) {
    const kept = batch.filter(
      (row) => (row[COLUMN.ts] as string) >= from && (row[COLUMN.ts] as string) < until,
    );
    writeRows(out, kept);
    written(kept.length);
    yield out.take();
  }
}

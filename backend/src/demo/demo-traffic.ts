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

/**
 * The demo site's rows as RowBinary (ROW_BINARY_INSERT), chunk by chunk, as the edge would have stored
 * them for site `siteId`: bots and delivered-twice rows included. Today's rows stop at `now`, so the
 * month ends the way a live site's does: realtime and today's figures are the day so far.
 * `written` hears how many rows each chunk held.
 */
export function* demoRowChunks(
  siteId: number,
  plan: SeedPlan,
  now: Date,
  written: (rows: number) => void,
): Generator<Buffer> {
  const until = storedTime(now);
  const site = siteCatalogue(siteId, plan.seed, DEMO_SITE_IDENTITY);
  const out = new ByteWriter();
  for (const batch of siteEventBatches(plan, site, plan.events, CHUNK_ROWS)) {
    const past = batch.filter((row) => (row[COLUMN.ts] as string) < until);
    writeRows(out, past);
    written(past.length);
    yield out.take();
  }
}

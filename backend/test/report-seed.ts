import { REPORT_DIMENSIONS, type DimensionName, type EventRow } from '@sluice/config';
import { eventRow } from './harness.js';

/**
 * A seeded generator of visits with known answers, and the answers: `visitRowsOf` computes, in
 * plain TypeScript from the events it wrote, what every report must say — the engine's rules
 * restated (a visit is a session id, counted on the local day its first event came; its visitor and
 * dimensions are its first event's; copies of an event count once), never its SQL.
 */

/** mulberry32: a small deterministic generator, so a failure replays exactly. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)];

const VALUES = {
  pathname: ['/', '/pricing', '/docs/start', '/docs/api', '/blog/launch'],
  country: ['DE', 'US', 'IN', 'CA', ''],
  region: ['Bavaria', 'Ontario', ''],
  city: ['München', 'Toronto', ''],
  device: ['desktop', 'mobile', 'tablet'],
  browser: ['Chrome', 'Firefox', 'Safari'],
  browser_version: ['120', '121'],
  os: ['Windows', 'macOS', 'Android'],
  referrer: ['', 'https://www.google.com/', 'https://news.ycombinator.com/item?id=1'],
  referrer_source: ['', 'Google', 'news.ycombinator.com'],
  utm_source: ['', 'newsletter', 'ads'],
  utm_medium: ['', 'email', 'cpc'],
  utm_campaign: ['', 'winter'],
  utm_term: ['', 'analytics'],
  utm_content: ['', 'banner'],
  hostname: ['shop.test', 'docs.shop.test'],
} as const;

const SECOND = 1000;
const at = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/**
 * `count` visits of a site starting at random seconds of [start, end) (UTC instants): 1–4 pageviews
 * and sometimes a signup, seconds to minutes apart, each visit's attributes drawn once; one in ten
 * flagged as a bot; some events delivered twice by the pipeline (the same row) and some resent by
 * the tracker's queue from another address hours later (another visitor_id and ts).
 */
export function seedVisits(
  seed: number,
  siteId: number,
  start: string,
  end: string,
  count: number,
): EventRow[] {
  const random = randomSource(seed);
  const from = Date.parse(`${start.replace(' ', 'T')}Z`);
  const span = Date.parse(`${end.replace(' ', 'T')}Z`) - from;
  const rows: EventRow[] = [];
  for (let n = 0; n < count; n++) {
    const session = `s${seed}-${n}`;
    const visitor = `v${seed}-${Math.floor(random() * count * 0.7)}`;
    const attributes = Object.fromEntries(
      (Object.keys(VALUES) as Array<keyof typeof VALUES>)
        .filter((field) => field !== 'pathname' && field !== 'hostname')
        .map((field) => [field, pick(random, VALUES[field])]),
    );
    const isBot = random() < 0.1 ? 1 : 0;
    let ts = from + Math.floor((random() * span) / SECOND) * SECOND;
    const events = Array.from({ length: 1 + Math.floor(random() * 4) }, () => 'pageview');
    if (random() < 0.3) events.push('signup');
    const visit: EventRow[] = events.map((name) => {
      const row = eventRow({
        ...attributes,
        site_id: siteId,
        name,
        session_id: session,
        visitor_id: visitor,
        is_bot: isBot,
        ts: at(ts),
        pathname: pick(random, VALUES.pathname),
        hostname: pick(random, VALUES.hostname),
      });
      ts += (1 + Math.floor(random() * 600)) * SECOND;
      return row;
    });
    rows.push(...visit);
    const copied = pick(random, visit);
    if (random() < 0.2) rows.push({ ...copied }); // the pipeline delivered it twice
    if (random() < 0.2) {
      // The tracker's queue resent it from another network: another visitor_id, a later ts.
      const later =
        Date.parse(`${copied.ts.replace(' ', 'T')}Z`) + (1 + Math.floor(random() * 20)) * 3_600_000;
      rows.push({ ...copied, visitor_id: `${visitor}-elsewhere`, ts: at(later) });
    }
  }
  return rows;
}

/** One visit, as the engine's visit rows hold it. */
export interface ExpectedVisit {
  visitor: string;
  started: number;
  ended: number;
  pageviews: number;
  events: number;
  dimensions: Partial<Record<DimensionName, string>>;
}

const time = (row: EventRow) => Date.parse(`${row.ts.replace(' ', 'T')}Z`);
const first = (rows: EventRow[]) => rows.reduce((a, b) => (time(b) < time(a) ? b : a));
const last = (rows: EventRow[]) => rows.reduce((a, b) => (time(b) > time(a) ? b : a));

/** The local calendar date of an instant in a zone. */
export const localDate = (instant: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );

/**
 * The visits of `rows` that began on the local days `from`..`to` in `timeZone`, without bots, one per
 * session (and per value of `eventDimension` when the report breaks down by one).
 */
export function visitRowsOf(
  rows: EventRow[],
  {
    from,
    to,
    timeZone,
    eventDimension,
  }: { from: string; to: string; timeZone: string; eventDimension?: DimensionName },
): ExpectedVisit[] {
  const groups = new Map<string, EventRow[]>();
  for (const row of rows.filter((row) => row.is_bot === 0)) {
    const eventValue = eventDimension ? String(row[REPORT_DIMENSIONS[eventDimension].field]) : '';
    const key = `${row.session_id || row.event_id}\u0001${eventValue}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()]
    .map((group): ExpectedVisit => {
      const pageviews = group.filter((row) => row.name === 'pageview');
      const dimensions: Partial<Record<DimensionName, string>> = {};
      for (const [name, spec] of Object.entries(REPORT_DIMENSIONS) as Array<
        [DimensionName, (typeof REPORT_DIMENSIONS)[DimensionName]]
      >) {
        if (spec.level === 'event' && name !== eventDimension) continue;
        const source = 'derived' in spec ? pageviews : group;
        const row =
          source.length === 0
            ? undefined
            : 'derived' in spec && spec.derived === 'last_pageview'
              ? last(source)
              : first(source);
        dimensions[name] = row ? String(row[spec.field]) : '';
      }
      return {
        visitor: first(group).visitor_id,
        started: time(first(group)),
        ended: time(last(group)),
        pageviews: new Set(pageviews.map((row) => row.event_id)).size,
        events: new Set(group.map((row) => row.event_id)).size,
        dimensions,
      };
    })
    .filter(({ started }) => {
      const day = localDate(started, timeZone);
      return day >= from && day <= to;
    });
}

/** Every metric of a set of visits, as the API answers them. */
export function metricsOf(visits: ExpectedVisit[]) {
  // Half up, in the same floating-point steps as the SQL: (scale × count) / visits + 0.5, floored.
  const halfUp = (scaled: number, visits: number) => Math.floor(scaled / visits + 0.5);
  const count = visits.length;
  const pageviews = visits.reduce((sum, visit) => sum + visit.pageviews, 0);
  return {
    visitors: new Set(visits.map((visit) => visit.visitor)).size,
    visits: count,
    pageviews,
    events: visits.reduce((sum, visit) => sum + visit.events, 0),
    views_per_visit: count ? halfUp(100 * pageviews, count) / 100 : 0,
    bounce_rate: count
      ? halfUp(10000 * visits.filter((visit) => visit.pageviews <= 1).length, count) / 100
      : 0,
    visit_duration: count
      ? halfUp(
          visits.reduce((sum, visit) => sum + (visit.ended - visit.started) / 1000, 0),
          count,
        )
      : 0,
  };
}

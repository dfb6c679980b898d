import {
  CHANNELS,
  REPORT_DIMENSIONS,
  type DimensionName,
  type DimensionSpec,
  type EventRow,
} from '@sluice/config';
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
  language: ['de', 'en-us', 'pt-br', 'es-419', ''],
  referrer: ['', 'https://www.google.com/', 'https://news.ycombinator.com/item?id=1'],
  referrer_source: ['', 'Google', 'news.ycombinator.com'],
  // Every channel, and '' as events stored before contract v8 hold.
  channel: [...CHANNELS, ''],
  utm_source: ['', 'newsletter', 'ads'],
  utm_medium: ['', 'email', 'cpc'],
  utm_campaign: ['', 'winter'],
  utm_term: ['', 'analytics'],
  utm_content: ['', 'banner'],
  hostname: ['shop.test', 'docs.shop.test'],
} as const;

const SECOND = 1000;
const at = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** Purchases' plans and revenue: two currencies, amounts using the contract's four decimal places. */
const PURCHASES = [
  { plan: 'pro', revenue: 119.9, currency: 'EUR' },
  { plan: 'basic', revenue: 9.9999, currency: 'EUR' },
  { plan: 'pro', revenue: 129, currency: 'USD' },
  { plan: 'basic', revenue: 0.5, currency: 'USD' },
] as const;

/**
 * `count` visits of a site starting at random seconds of [start, end) (UTC instants): 1–4 pageviews
 * (some of docs pages, which a page goal's pattern matches), sometimes a signup and sometimes a purchase with a plan and revenue in euros
 * or dollars, seconds to minutes apart, each visit's attributes drawn once; one in ten
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
    if (random() < 0.3) events.push('purchase');
    const visit: EventRow[] = events.map((name) => {
      const purchase = name === 'purchase' ? pick(random, PURCHASES) : undefined;
      const row = eventRow({
        ...(purchase && {
          props_keys: ['plan', 'revenue', 'currency'],
          props_values: [purchase.plan, String(purchase.revenue), purchase.currency],
          revenue_amount: purchase.revenue,
          revenue_currency: purchase.currency,
        }),
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
    // A purchase, when there is one, is what a copy is most often of: its revenue must count once too.
    const purchase = visit.find((row) => row.name === 'purchase');
    const copied = purchase && random() < 0.5 ? purchase : pick(random, visit);
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

/** `list` grouped by `key`, in first-seen order. */
export function groupBy<T>(list: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of list) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** One visit, as the engine's visit rows hold it. */
export interface ExpectedVisit {
  /** The visit's key (its session id, or its event's id without one): a row per value shares it. */
  visit: string;
  visitor: string;
  started: number;
  ended: number;
  pageviews: number;
  events: number;
  dimensions: Partial<Record<DimensionName, string>>;
  /** With a goal: whether any event of the visit completed it, and its goal events' revenue. */
  converted: boolean;
  /** Currency → ten-thousandths, each goal event (by id) once. */
  revenue: Map<string, bigint>;
}

/** A goal restated as a test of one event (the engine's is SQL: reports/query/goals.ts). */
export type GoalTest = (row: EventRow) => boolean;

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
    goal = () => false,
  }: { from: string; to: string; timeZone: string; eventDimension?: DimensionName; goal?: GoalTest },
): ExpectedVisit[] {
  const groups = new Map<string, EventRow[]>();
  // A visit converts through a goal event anywhere in it, whichever group (page…) a row of it is in.
  const goalEvents = new Map<string, Map<string, EventRow>>();
  for (const row of rows.filter((row) => row.is_bot === 0)) {
    const visit = row.session_id || row.event_id;
    if (goal(row)) goalEvents.set(visit, (goalEvents.get(visit) ?? new Map()).set(row.event_id, row));
    // An event falls in one group per value it has of the dimension: none, or one per property.
    for (const eventValue of eventDimension ? eventValuesOf(row, eventDimension) : ['']) {
      const key = `${row.session_id || row.event_id}\u0001${eventValue}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
  }
  return [...groups.entries()]
    .map(([key, group]): ExpectedVisit => {
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
      if (eventDimension) dimensions[eventDimension] = key.slice(key.indexOf('\u0001') + 1);
      const completed = [
        ...(goalEvents.get(first(group).session_id || first(group).event_id)?.values() ?? []),
      ];
      const revenue = new Map<string, bigint>();
      for (const row of completed.filter((row) => row.revenue_currency !== '')) {
        const amount = BigInt(Math.round(row.revenue_amount * 10_000));
        revenue.set(row.revenue_currency, (revenue.get(row.revenue_currency) ?? 0n) + amount);
      }
      return {
        visit: key.slice(0, key.indexOf('\u0001')),
        converted: completed.length > 0,
        revenue,
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

/** The goal metrics of a set of visits (`goal` on a report), as the API answers them. */
export function goalMetricsOf(visits: ExpectedVisit[]) {
  const visitors = new Set(visits.map((visit) => visit.visitor)).size;
  const conversions = new Set(visits.filter((visit) => visit.converted).map((visit) => visit.visitor)).size;
  return {
    conversions,
    conversion_rate: visitors ? Math.floor((10000 * conversions) / visitors + 0.5) / 100 : 0,
  };
}

/** Revenue of a set of visits per currency, as the API writes it: exact, two to four decimals. */
export function revenueOf(visits: ExpectedVisit[]): Record<string, string> {
  const sums = new Map<string, bigint>();
  for (const visit of visits)
    for (const [currency, amount] of visit.revenue) sums.set(currency, (sums.get(currency) ?? 0n) + amount);
  return Object.fromEntries(
    [...sums.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, units]) => {
        const text = units.toString().padStart(5, '0');
        const fraction = text.slice(-4).replace(/0+$/, '').padEnd(2, '0');
        return [currency, `${text.slice(0, -4)}.${fraction}`];
      }),
  );
}

/**
 * The values an event has of an event dimension: its field, none when the dimension is of other events
 * (an outbound link of a pageview), one per property for prop_key and prop_value.
 */
export function eventValuesOf(row: EventRow, dimension: DimensionName): string[] {
  const spec: DimensionSpec = REPORT_DIMENSIONS[dimension];
  if (spec.events && !spec.events.includes(row.name)) return [];
  if (spec.property === 'key') return row.props_keys;
  if (spec.property === 'value') return row.props_values;
  return [String(row[spec.field])];
}

/** The fields of an event that has `value` in `dimension`: a `$outbound` event for an outbound link, a property for prop_key. */
export function eventCarrying(dimension: DimensionName, value: string): Partial<EventRow> {
  const spec: DimensionSpec = REPORT_DIMENSIONS[dimension];
  if (spec.property === 'key') return { props_keys: [value], props_values: ['a value'] };
  if (spec.property === 'value') return { props_keys: ['a key'], props_values: [value] };
  return { ...(spec.events && { name: spec.events[0] }), [spec.field]: value };
}

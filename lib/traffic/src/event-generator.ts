/**
 * Generated events: visits of several sites over 30 days, as the edge would have stored them
 * (contract rows with the fields at their default left out), from a seed: the reports benchmark's
 * 10 million, and the demo site's month.
 *
 * A site's share of the events falls with its rank (1, 1/2, 1/3… of the first). Visitors come back
 * (a few often), keep their device and place, and visit more on weekdays and in local daytime. A
 * visit enters from a referrer or a campaign and views a few pages, each followed by its engagement
 * report (scroll depth, time, web vitals); some pages get clicks (autocapture, outbound links,
 * downloads), form submissions, script errors and custom events with properties; the cart page reads a
 * feature flag under test (CHECKOUT_EXPERIMENT). A share of visits are bots, and a share of rows is stored
 * twice, as at-least-once delivery leaves them.
 */
import { REVENUE } from '@sluice/config';
import { drawPlace, DEVICES, siteCatalogue, type SiteCatalogue } from './catalogue';
import { Random, Weighted } from './random';
import { applyPatch, COLUMN, rowPatch, type RowPatch, type RowValues } from './row-binary';

export interface SeedPlan {
  seed: number;
  /** Rows stored, copies included. */
  events: number;
  sites: number;
  /** The last day of the period (YYYY-MM-DD); a site's days are its own time zone's. */
  endDay: string;
  days: number;
}

/** The period ends on a fixed day, so the same plan stores the same rows whenever it runs. */
export const DEFAULT_PLAN: SeedPlan = {
  seed: 1,
  events: 10_000_000,
  sites: 5,
  endDay: '2026-11-29',
  days: 30,
};

/** Probabilities and means that shape the traffic. */
const SHAPE = {
  botVisitors: 0.03,
  signedInVisitors: 0.1,
  /** Mean pageviews of a visit (geometric: about 1 in 2.6 visits bounces) and of a bot's crawl. */
  pagesPerVisit: 2.6,
  pagesPerCrawl: 8,
  campaignVisits: 0.12,
  clickedPages: 0.45,
  clicksPerClickedPage: 1.6,
  outboundClicks: 0.05,
  downloadClicks: 0.02,
  customEventPages: 0.1,
  formSubmitPages: 0.02,
  errorPages: 0.012,
  interactionMeasured: 0.6,
  /** Rows delivered twice: the same row, event id included. */
  duplicateRows: 0.004,
  /** Visits per visitor: the pool of visitors is the visits over this. */
  visitsPerVisitor: 1.7,
  /** Rows per visit, about: pageviews, their engagement reports and the clicks and events between. */
  rowsPerVisit: 7.5,
} as const;

/**
 * The shop's checkout experiment (the demo site's flag `new-checkout`): the cart page reads the flag, once a
 * visit, and half the visitors (by their id, so every visit of theirs agrees) get the one-step checkout, after
 * which a few more of them buy. Drawn from a random of the visit's own, so the rows beside them are the ones
 * they were before the experiment came.
 */
export const CHECKOUT_EXPERIMENT = {
  flag: 'new-checkout',
  variants: ['control', 'one-step'],
  page: '/cart',
  /** The chance that a one-step visitor buys right after reading the flag, beside what every visit buys. */
  extraPurchases: 0.05,
} as const;

const DAY_SECONDS = 86_400;
/** How tall the generated sites' pages are, in CSS pixels: a narrower screen stacks the same page taller. */
const PAGE_HEIGHT = { desktop: 3_200, narrow: 5_600 } as const;
const ROW_LENGTH = Object.keys(COLUMN).length;

/** Relative traffic by local hour: quiet at night, peaks late morning and early evening. */
const HOURS = new Weighted(
  Array.from({ length: 24 }, (_, h) => h),
  [2, 1.2, 0.8, 0.6, 0.6, 0.9, 2, 4, 6, 7.5, 8.5, 9, 8.5, 8.5, 9, 8.5, 8, 7.5, 7.5, 8, 8, 7, 5, 3.5],
);
/** Relative traffic by weekday, Sunday first. */
const WEEKDAYS = [0.62, 1, 1.04, 1.03, 1, 0.93, 0.7];

/** Each site's rows: shares 1, 1/2, 1/3… of the first, the rounding left to the largest site. */
export function rowsPerSite(plan: SeedPlan): number[] {
  const weights = Array.from({ length: plan.sites }, (_, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const rows = weights.map((w) => Math.floor((plan.events * w) / total));
  rows[0] += plan.events - rows.reduce((a, b) => a + b, 0);
  return rows;
}

export const siteCatalogues = (plan: SeedPlan): SiteCatalogue[] =>
  Array.from({ length: plan.sites }, (_, k) => siteCatalogue(k + 1, plan.seed));

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
let cachedDay = -1;
let cachedDayText = '';

/** `YYYY-MM-DD hh:mm:ss` in UTC, as the contract stores `ts` (the day's text kept: a visit's rows share a day). */
function timestamp(seconds: number): string {
  const day = Math.floor(seconds / DAY_SECONDS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayText = new Date(day * DAY_SECONDS * 1000).toISOString().slice(0, 10);
  }
  const time = seconds - day * DAY_SECONDS;
  return `${cachedDayText} ${TWO_DIGITS[Math.floor(time / 3600)]}:${TWO_DIGITS[Math.floor(time / 60) % 60]}:${TWO_DIGITS[time % 60]}`;
}

interface Visitor {
  /** The fields every row of the visitor carries (ids, device, place). */
  traits: RowPatch;
  bot: boolean;
  desktop: boolean;
  viewportWidth: number;
}

/** A visitor's lasting traits, drawn from its own seed so that every visit of it agrees. */
function visitor(plan: SeedPlan, siteId: number, index: number): Visitor {
  const random = new Random(plan.seed * 1_000_003 + siteId * 7_919_993 + index);
  const visitorId = random.hex128();
  const bot = random.chance(SHAPE.botVisitors);
  const device = DEVICES.draw(random);
  const { country, region, city, language } = drawPlace(random);
  const signedIn = !bot && random.chance(SHAPE.signedInVisitors);
  const traits = rowPatch({
    site_id: siteId,
    visitor_id: visitorId,
    user_id: signedIn ? `user-${siteId}-${index}` : '',
    // The edge leaves browser and OS empty for crawlers and calls their device a bot.
    browser: bot ? '' : device.browser,
    browser_version: bot ? '' : device.versions.draw(random),
    os: bot ? '' : device.os,
    device: bot ? 'bot' : device.device,
    is_bot: bot ? 1 : 0,
    country,
    region,
    city,
    language,
  });
  return {
    traits,
    bot,
    desktop: device.device === 'desktop',
    viewportWidth: random.pick(device.viewportWidths),
  };
}

/** An event's custom properties, and the edge's typed revenue columns from the same properties. */
function withProps(row: RowValues, props: Array<[string, string]>): RowValues {
  if (props.length === 0) return row;
  row[COLUMN.props_keys] = props.map(([key]) => key);
  row[COLUMN.props_values] = props.map(([, value]) => value);
  const amount = props.find(([key]) => key === REVENUE.amountProperty);
  const currency = props.find(([key]) => key === REVENUE.currencyProperty);
  if (amount && currency) {
    row[COLUMN.revenue_amount] = Number(amount[1]);
    row[COLUMN.revenue_currency] = currency[1];
  }
  return row;
}

/** Rows of one site, visit after visit, until it holds `rows` of them. */
class SiteVisits {
  private readonly random: Random;
  private readonly visitors: number;
  /** The first second of the period in the site's zone, and the first after it. */
  private readonly periodStart: number;
  private readonly periodEnd: number;
  private readonly periodEndText: string;
  private readonly days: Weighted<number>;
  private readonly entries: Weighted<RowPatch>;
  private readonly campaigns: Weighted<RowPatch>;
  private readonly elements: Weighted<RowPatch>;
  private readonly outbound: Weighted<RowPatch>;
  private readonly downloads: Weighted<RowPatch>;
  private readonly forms: Weighted<RowPatch>;
  private readonly errors: Weighted<RowPatch>;
  private readonly out: RowValues[] = [];
  private left: number;

  constructor(
    private readonly plan: SeedPlan,
    private readonly site: SiteCatalogue,
    rows: number,
  ) {
    this.random = new Random(plan.seed * 7_777_777 + site.id);
    this.left = rows;
    this.visitors = Math.max(1, Math.round(rows / SHAPE.rowsPerVisit / SHAPE.visitsPerVisitor));
    const offset = site.utcOffsetMinutes * 60;
    this.periodEnd = Date.parse(`${plan.endDay}T00:00:00Z`) / 1000 + DAY_SECONDS - offset;
    this.periodStart = this.periodEnd - plan.days * DAY_SECONDS;
    this.periodEndText = timestamp(this.periodEnd);
    // Weekly rhythm, and a site that grows by about a third over the period.
    const days = Array.from({ length: plan.days }, (_, d) => d);
    const firstWeekday = new Date((this.periodStart + offset) * 1000).getUTCDay();
    this.days = new Weighted(
      days,
      days.map((d) => WEEKDAYS[(firstWeekday + d) % 7] * (1 + d / plan.days / 3)),
    );
    this.entries = site.referrers.map(({ referrer, source, channel }) =>
      rowPatch({ referrer, referrer_source: source, channel }),
    );
    this.campaigns = site.campaigns.map(rowPatch);
    this.elements = site.elements.map(rowPatch);
    this.outbound = site.outbound.map(rowPatch);
    this.downloads = site.downloads.map(rowPatch);
    this.forms = site.forms.map(rowPatch);
    this.errors = site.errors.map(rowPatch);
  }

  get done(): boolean {
    return this.left === 0;
  }

  /** Up to `max` rows (fewer only at the site's end). */
  take(max: number): RowValues[] {
    while (this.out.length < max && this.left > this.out.length) this.visit();
    const rows = this.out.splice(0, Math.min(max, this.left));
    this.left -= rows.length;
    if (this.left === 0) this.out.length = 0;
    return rows;
  }

  /** Keeps a row of the period (a visit late on its last day is cut at midnight), sometimes twice. */
  private push(row: RowValues): void {
    // The text of a timestamp sorts as its time does.
    if ((row[COLUMN.ts] as string) >= this.periodEndText) return;
    this.out.push(row);
    if (this.random.chance(SHAPE.duplicateRows)) this.out.push(row);
  }

  /** A visitor, a few heavy returners among many one-time visitors. */
  private pickVisitor(): Visitor {
    return visitor(this.plan, this.site.id, Math.floor(this.visitors * this.random.next() ** 1.6));
  }

  private visit(): void {
    const { random, site } = this;
    const who = this.pickVisitor();
    const localStart = this.days.draw(random) * DAY_SECONDS + HOURS.draw(random) * 3600 + random.int(0, 3599);
    let now = this.periodStart + localStart;
    const visit: RowValues = new Array(ROW_LENGTH);
    applyPatch(visit, who.traits);
    visit[COLUMN.session_id] = random.hex128();
    // What the edge says of events with no referrer from elsewhere and no tags (clicks, later pages):
    // the landing pageview's entry and campaign set its own.
    visit[COLUMN.channel] = 'direct';
    const entry = this.entries.draw(random);
    const campaign = !who.bot && random.chance(SHAPE.campaignVisits) ? this.campaigns.draw(random) : [];
    const pages = who.bot ? random.geometric(SHAPE.pagesPerCrawl) : random.geometric(SHAPE.pagesPerVisit);
    let previous = '';
    let readFlag = false;
    for (let page = 0; page < pages; page++) {
      const pathname = site.pages.draw(random);
      const hostname = pathname.startsWith('/docs') ? `docs.${site.domain}` : site.domain;
      const onPage = visit.slice();
      onPage[COLUMN.hostname] = hostname;
      onPage[COLUMN.pathname] = pathname;
      const row = (name: string, patch: RowPatch = []): RowValues => {
        const values = onPage.slice();
        values[COLUMN.event_id] = random.uuid();
        values[COLUMN.ts] = timestamp(now);
        values[COLUMN.name] = name;
        applyPatch(values, patch);
        return values;
      };
      const pageview = row('pageview', page === 0 ? entry : []);
      if (page === 0) applyPatch(pageview, campaign);
      else pageview[COLUMN.referrer] = previous;
      this.push(pageview);
      previous = `https://${hostname}${pathname}`;
      if (who.bot) {
        now += random.int(1, 5);
        continue;
      }
      if (pathname === CHECKOUT_EXPERIMENT.page && !readFlag) {
        readFlag = true;
        this.readCheckoutFlag(onPage, now);
      }
      const dwell = Math.max(2, Math.round(random.logNormal(35, 1.1)));
      const clicks = random.chance(SHAPE.clickedPages) ? random.geometric(SHAPE.clicksPerClickedPage) : 0;
      for (let click = 0; click < clicks; click++) {
        now += random.int(1, Math.max(1, Math.floor(dwell / (clicks + 1))));
        this.push(this.click(who, row));
      }
      if (random.chance(SHAPE.customEventPages)) {
        const event = site.customEvents.draw(random);
        const props = event.props(random);
        const custom = row(event.name);
        withProps(custom, props);
        this.push(custom);
      }
      if (random.chance(SHAPE.formSubmitPages)) this.push(row('$form_submit', this.forms.draw(random)));
      if (random.chance(SHAPE.errorPages)) this.push(row('$error', this.errors.draw(random)));
      now += dwell;
      this.push(this.engagement(who, row('$engagement'), clicks > 0, dwell, page === 0));
      now += random.int(1, 20);
    }
  }

  /**
   * The cart page's read of the checkout flag (CHECKOUT_EXPERIMENT) as the tracker records it, and for some
   * one-step visitors a purchase after it: from a random of the visit's own, each row kept once.
   */
  private readCheckoutFlag(onPage: RowValues, now: number): void {
    const own = new Random(parseInt((onPage[COLUMN.session_id] as string).slice(0, 8), 16));
    const visitorId = onPage[COLUMN.visitor_id] as string;
    const variant = CHECKOUT_EXPERIMENT.variants[parseInt(visitorId.slice(-2), 16) % 2];
    const event = (name: string, at: number, props: Array<[string, string]>): RowValues => {
      const values = onPage.slice();
      values[COLUMN.event_id] = own.uuid();
      values[COLUMN.ts] = timestamp(at);
      values[COLUMN.name] = name;
      return withProps(values, props);
    };
    this.keep(
      event('$flag', now, [
        ['flag', CHECKOUT_EXPERIMENT.flag],
        ['variant', variant],
      ]),
    );
    if (variant !== 'one-step' || !own.chance(CHECKOUT_EXPERIMENT.extraPurchases)) return;
    const amount = `${own.int(10, 900)}.${own.int(10, 99)}`;
    this.keep(
      event('purchase', now + own.int(20, 120), [
        [REVENUE.amountProperty, amount],
        [REVENUE.currencyProperty, 'EUR'],
      ]),
    );
  }

  /** Keeps a row of the period once (push draws its copies from the site's random, which these leave alone). */
  private keep(row: RowValues): void {
    if ((row[COLUMN.ts] as string) < this.periodEndText) this.out.push(row);
  }

  /** A click: mostly on the site's own elements, some on links to other hosts or to files. */
  private click(who: Visitor, row: (name: string, patch: RowPatch) => RowValues): RowValues {
    const { random } = this;
    const roll = random.next();
    const click =
      roll < SHAPE.outboundClicks
        ? row('$outbound', this.outbound.draw(random))
        : roll < SHAPE.outboundClicks + SHAPE.downloadClicks
          ? row('$download', this.downloads.draw(random))
          : row('$autocapture', this.elements.draw(random));
    click[COLUMN.click_x] = random.int(1, who.viewportWidth - 1);
    // Most clicks near the top; none below the page's end (a long-tailed draw past it lands anywhere on the page).
    const depth = Math.max(1, Math.floor(random.logNormal(600, 0.9)));
    const height = who.desktop ? PAGE_HEIGHT.desktop : PAGE_HEIGHT.narrow;
    click[COLUMN.click_y] = depth <= height ? depth : random.int(1, height);
    click[COLUMN.viewport_width] = who.viewportWidth;
    return click;
  }

  /** What the tracker reports as a page is left: scroll depth, engaged time and the web vitals measured. */
  private engagement(
    who: Visitor,
    row: RowValues,
    interacted: boolean,
    dwell: number,
    landing: boolean,
  ): RowValues {
    const { random } = this;
    const slow = who.desktop ? 1 : 1.8;
    row[COLUMN.scroll_depth] = Math.min(100, Math.max(1, Math.round(random.logNormal(55, 0.6))));
    row[COLUMN.engaged_ms] = Math.min(dwell * 1000, Math.round(random.logNormal(15_000, 1)));
    row[COLUMN.lcp_ms] = Math.max(1, Math.round(random.logNormal(landing ? 1900 : 1100, 0.5) * slow));
    if (interacted && random.chance(SHAPE.interactionMeasured))
      row[COLUMN.inp_ms] = Math.max(1, Math.round(random.logNormal(120, 0.7) * slow));
    // Most pages shift nothing; the rest a little, a few a lot.
    if (random.chance(0.45))
      row[COLUMN.cls] = Math.max(0.001, Math.round(random.logNormal(0.04, 1.2) * 1000) / 1000);
    return row;
  }
}

/**
 * Every site's rows in batches of `batchSize` (the last of a site may be shorter), site by site. The
 * rows depend on the plan alone, never on the batch size.
 */
export function* eventBatches(plan: SeedPlan, batchSize: number): Generator<RowValues[]> {
  const rows = rowsPerSite(plan);
  for (const site of siteCatalogues(plan)) yield* siteEventBatches(plan, site, rows[site.id - 1], batchSize);
}

/** `rows` rows of one site (the plan's other sites left out) in batches of `batchSize`. */
export function* siteEventBatches(
  plan: SeedPlan,
  site: SiteCatalogue,
  rows: number,
  batchSize: number,
): Generator<RowValues[]> {
  const visits = new SiteVisits(plan, site, rows);
  while (!visits.done) yield visits.take(batchSize);
}

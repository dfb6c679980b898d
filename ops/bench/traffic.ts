import { randomInt, randomUUID } from 'node:crypto';
import type { SiteEntry, WireBatch, WireEvent } from '@sluice/config';

/** The benchmark's site: beacons carry its Origin, so the edge's origin check runs as in production. */
export const BENCH_SITE: SiteEntry = {
  id: 7,
  key: 'bench-site-key',
  name: 'shop.example.com',
  domain: 'shop.example.com',
  timezone: 'UTC',
  allowedOrigins: ['https://shop.example.com'],
};
const ORIGIN = 'https://shop.example.com';

// Current Chrome on the three platforms most beacons come from.
const CHROME_USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
];

const PAGES = [
  '/',
  '/products/trail-running-shoes-42',
  '/products/merino-wool-socks?color=grey&size=m',
  '/collections/winter-sale?utm_source=newsletter&utm_medium=email&utm_campaign=black-friday-2026',
  '/blog/how-to-choose-running-shoes',
  '/search?q=waterproof+jacket',
  '/cart',
  '/checkout/shipping',
  '/account/orders/10482',
  '/pricing?utm_source=google&utm_medium=cpc&utm_campaign=brand&utm_term=sluice%20shop',
];
const REFERRERS = [
  '',
  'https://www.google.com/',
  'https://www.bing.com/',
  'https://t.co/Xb8Kq2LmPz',
  'https://l.facebook.com/l.php?u=https%3A%2F%2Fshop.example.com%2F',
  'https://news.ycombinator.com/item?id=41234567',
  'https://shop.example.com/products/trail-running-shoes-42',
];

function pick<T>(items: readonly T[]): T {
  return items[randomInt(items.length)];
}

/** What the tracker sends: mostly pageviews, some custom events, each with a couple of props. */
function realisticEvent(sessionId: string): WireEvent {
  const url = `${ORIGIN}${pick(PAGES)}`;
  const roll = randomInt(10);
  if (roll < 7) {
    return {
      id: randomUUID(),
      n: 'pageview',
      u: url,
      r: pick(REFERRERS),
      sid: sessionId,
      p: { lang: pick(['en-US', 'de-DE', 'fr-FR']), theme: pick(['light', 'dark']) },
    };
  }
  const name = roll < 9 ? 'add_to_cart' : 'signup';
  return {
    id: randomUUID(),
    n: name,
    u: url,
    r: '',
    sid: sessionId,
    p:
      name === 'add_to_cart'
        ? { sku: `TRS-${randomInt(10, 99)}-BLU`, price: 129.9 }
        : { plan: 'pro', seats: 3 },
  };
}

/** One beacon as a browser behind the site's first-party proxy sends it. */
export interface Beacon {
  /** The visitor's address as the first-party proxy forwards it. */
  clientIp: string;
  userAgent: string;
  origin: string;
  body: string;
}

function visitorIp(): string {
  return `${randomInt(1, 224)}.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export interface BeaconOptions {
  siteKey?: string;
  /**
   * Whether events carry the tracker's ids (the default). Without them the edge mints one per event,
   * as for the image fallback: a file of beacons that wrk cycles then still stores every event anew.
   */
  eventIds?: boolean;
}

/** `count` beacons of `batchSize` events each: one visitor and session per beacon, every event id new. */
export function beacons(
  count: number,
  batchSize: number,
  { siteKey = BENCH_SITE.key, eventIds = true }: BeaconOptions = {},
): Beacon[] {
  return Array.from({ length: count }, () => {
    const sessionId = randomUUID();
    const batch: WireBatch = {
      s: siteKey,
      e: Array.from({ length: batchSize }, () => {
        const { id, ...event } = realisticEvent(sessionId);
        return eventIds ? { id, ...event } : event;
      }),
    };
    return {
      clientIp: visitorIp(),
      userAgent: pick(CHROME_USER_AGENTS),
      origin: ORIGIN,
      body: JSON.stringify(batch),
    };
  });
}

/**
 * What the generated visitors meet: pages, referrers, campaigns, countries, devices, page elements,
 * errors and custom events, with their weights. Ranked lists are drawn Zipf-like (a few items take
 * most of the traffic, a long tail the rest), as analytics data is.
 */
import { DEMO_SITE, REVENUE, type Channel } from '@sluice/config';
import { createHash } from 'node:crypto';
import { Random, Weighted } from './random';

/** A referrer as the edge stores it: the URL, and the source and channel it derives from it. */
export interface Referrer {
  referrer: string;
  source: string;
  channel: Channel;
}

const known = (url: string, source: string, channel: Channel, weight: number) =>
  [{ referrer: url, source, channel }, weight] as const;

/** Direct visits first, then search, social, AI assistants, video and the long tail of blogs linking to the site. */
function referrers(): Weighted<Referrer> {
  const blogs = Array.from({ length: 300 }, (_, k) => {
    const host = `blog${k + 1}.example.net`;
    return known(`https://${host}/posts/${(k * 7919) % 1000}`, host, 'referral', 6 / (k + 1));
  });
  return Weighted.of<Referrer>([
    known('', '', 'direct', 40),
    known('https://www.google.com/', 'Google', 'search', 26),
    known('https://www.bing.com/', 'Bing', 'search', 3),
    known('https://duckduckgo.com/', 'DuckDuckGo', 'search', 2),
    known('https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2F', 'Facebook', 'social', 3),
    known('https://t.co/Xb8Kq2LmPz', 'Twitter', 'social', 2),
    known('https://www.linkedin.com/feed/', 'LinkedIn', 'social', 1.5),
    known('https://www.reddit.com/r/analytics/comments/1a2b3c/', 'Reddit', 'social', 1.5),
    known('https://news.ycombinator.com/item?id=41234567', 'Hacker News', 'social', 1),
    known('https://chatgpt.com/', 'ChatGPT', 'ai', 1.5),
    known('https://www.perplexity.ai/', 'Perplexity', 'ai', 0.5),
    known('https://github.com/sluice/sluice', 'GitHub', 'social', 1),
    known('https://mail.google.com/', 'Gmail', 'email', 0.5),
    known('https://www.youtube.com/', 'YouTube', 'video', 0.5),
    ...blogs,
  ]);
}

/** A campaign's UTM tags, and the channel the edge derives from them (its medium decides: edge/README.md). */
export interface Campaign {
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  utm_term?: string;
  utm_content?: string;
  channel: Channel;
}

const CAMPAIGNS = Weighted.zipf<Campaign>([
  { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'black-friday-2026', channel: 'email' },
  {
    utm_source: 'google',
    utm_medium: 'cpc',
    utm_campaign: 'brand',
    utm_term: 'sluice analytics',
    channel: 'paid',
  },
  {
    utm_source: 'facebook',
    utm_medium: 'paid_social',
    utm_campaign: 'winter-sale',
    utm_content: 'carousel-a',
    channel: 'paid',
  },
  {
    utm_source: 'facebook',
    utm_medium: 'paid_social',
    utm_campaign: 'winter-sale',
    utm_content: 'video-b',
    channel: 'paid',
  },
  {
    utm_source: 'google',
    utm_medium: 'cpc',
    utm_campaign: 'generic',
    utm_term: 'privacy analytics',
    channel: 'paid',
  },
  { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'weekly-48', channel: 'email' },
  { utm_source: 'linkedin', utm_medium: 'social', utm_campaign: 'launch', channel: 'social' },
  { utm_source: 'partner', utm_medium: 'referral', utm_campaign: 'affiliates', channel: 'referral' },
]);

/** Country, then a few of its regions and cities (the tail has none: the geo database knows less there). */
const PLACES: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]> = [
  [
    'US',
    [
      ['California', 'San Francisco'],
      ['New York', 'New York'],
      ['Texas', 'Austin'],
      ['Washington', 'Seattle'],
    ],
  ],
  [
    'DE',
    [
      ['Berlin', 'Berlin'],
      ['Bavaria', 'Munich'],
      ['Hamburg', 'Hamburg'],
    ],
  ],
  [
    'GB',
    [
      ['England', 'London'],
      ['England', 'Manchester'],
      ['Scotland', 'Edinburgh'],
    ],
  ],
  [
    'IN',
    [
      ['Karnataka', 'Bengaluru'],
      ['Maharashtra', 'Mumbai'],
      ['Delhi', 'New Delhi'],
    ],
  ],
  [
    'FR',
    [
      ['Île-de-France', 'Paris'],
      ['Auvergne-Rhône-Alpes', 'Lyon'],
    ],
  ],
  [
    'BR',
    [
      ['São Paulo', 'São Paulo'],
      ['Rio de Janeiro', 'Rio de Janeiro'],
    ],
  ],
  [
    'CA',
    [
      ['Ontario', 'Toronto'],
      ['Newfoundland and Labrador', "St. John's"],
      ['Quebec', 'Montréal'],
    ],
  ],
  [
    'NL',
    [
      ['North Holland', 'Amsterdam'],
      ['South Holland', 'Rotterdam'],
    ],
  ],
  [
    'JP',
    [
      ['Tokyo', 'Tokyo'],
      ['Osaka', 'Osaka'],
    ],
  ],
  [
    'ES',
    [
      ['Madrid', 'Madrid'],
      ['Catalonia', 'Barcelona'],
    ],
  ],
  ...[
    'IT',
    'PL',
    'AU',
    'SE',
    'MX',
    'CH',
    'AT',
    'BE',
    'TR',
    'KR',
    'ID',
    'UA',
    'ZA',
    'AR',
    'NG',
    'DK',
    'NO',
  ].map((country) => [country, [['', '']]] as const),
  ...['FI', 'IE', 'PT', 'CZ', 'RO', 'SG', 'NZ', 'IL', 'PH', 'VN', 'EG', 'CO', 'CL', 'GR', 'HU'].map(
    (country) => [country, [['', '']]] as const,
  ),
  // Addresses the geo database does not know.
  ['', [['', '']]],
];

export interface Place {
  country: string;
  region: string;
  city: string;
  /** The visitor's Accept-Language as the edge stores it. */
  language: string;
}

/** The usual browser language in a country; English elsewhere. */
const LANGUAGES: Record<string, string> = {
  US: 'en-us',
  DE: 'de-de',
  GB: 'en-gb',
  IN: 'en-in',
  FR: 'fr-fr',
  BR: 'pt-br',
  CA: 'en-ca',
  NL: 'nl',
  JP: 'ja',
  ES: 'es-es',
  IT: 'it-it',
  PL: 'pl',
  MX: 'es-mx',
  AR: 'es-419',
};

const COUNTRIES = Weighted.zipf(
  PLACES.map(([country, cities]) =>
    cities.map(([region, city]) => ({ country, region, city, language: LANGUAGES[country] ?? 'en' })),
  ),
  1.1,
);

/** A country by rank, then one of its cities at random. */
export const drawPlace = (random: Random): Place => random.pick(COUNTRIES.draw(random));

/** What the edge derives from a user agent, with a share of traffic each. */
export interface Device {
  browser: string;
  versions: Weighted<string>;
  os: string;
  device: 'desktop' | 'mobile' | 'tablet';
  viewportWidths: readonly number[];
}

const CHROME = Weighted.zipf(['131', '130', '129', '128', '127', '120'], 1.6);
const SAFARI = Weighted.zipf(['18', '17', '16'], 1.4);
const FIREFOX = Weighted.zipf(['133', '132', '128', '115'], 1.4);
const EDGE = Weighted.zipf(['131', '130', '129'], 1.6);
const SAMSUNG = Weighted.zipf(['27', '26', '25'], 1.4);
const DESKTOP = [1280, 1366, 1440, 1536, 1680, 1920, 2560];
const MOBILE = [360, 375, 390, 393, 412, 414, 430];
const TABLET = [768, 810, 820, 1024];

export const DEVICES = Weighted.of<Device>([
  [{ browser: 'Chrome', versions: CHROME, os: 'Windows', device: 'desktop', viewportWidths: DESKTOP }, 30],
  [{ browser: 'Chrome', versions: CHROME, os: 'Android', device: 'mobile', viewportWidths: MOBILE }, 20],
  [{ browser: 'Safari', versions: SAFARI, os: 'iOS', device: 'mobile', viewportWidths: MOBILE }, 17],
  [{ browser: 'Safari', versions: SAFARI, os: 'macOS', device: 'desktop', viewportWidths: DESKTOP }, 8],
  [{ browser: 'Chrome', versions: CHROME, os: 'macOS', device: 'desktop', viewportWidths: DESKTOP }, 7],
  [{ browser: 'Edge', versions: EDGE, os: 'Windows', device: 'desktop', viewportWidths: DESKTOP }, 5],
  [{ browser: 'Firefox', versions: FIREFOX, os: 'Windows', device: 'desktop', viewportWidths: DESKTOP }, 3.5],
  [{ browser: 'Safari', versions: SAFARI, os: 'iOS', device: 'tablet', viewportWidths: TABLET }, 3],
  [
    {
      browser: 'Samsung Internet',
      versions: SAMSUNG,
      os: 'Android',
      device: 'mobile',
      viewportWidths: MOBILE,
    },
    2,
  ],
  [{ browser: 'Firefox', versions: FIREFOX, os: 'Linux', device: 'desktop', viewportWidths: DESKTOP }, 1.5],
  [{ browser: 'Chrome', versions: CHROME, os: 'Chrome OS', device: 'desktop', viewportWidths: DESKTOP }, 1],
  [{ browser: 'Chrome', versions: CHROME, os: 'Android', device: 'tablet', viewportWidths: TABLET }, 1],
]);

/** An element autocapture reports, with the fingerprint the edge would compute for it. */
export interface PageElement {
  el_tag: string;
  el_id?: string;
  el_classes?: string;
  el_text?: string;
  el_selector: string;
  el_href?: string;
  el_context?: string;
  el_fingerprint: string;
}

/** The edge's fingerprint (edge/lua/sluice/row.lua): MD5 of tag, selector and text, NUL-separated. */
export function elementFingerprint(tag: string, selector: string, text: string): string {
  return createHash('md5').update(`${tag}\0${selector}\0${text}`).digest('hex').slice(0, 16);
}

function element(fields: Omit<PageElement, 'el_fingerprint'>): PageElement {
  return {
    ...fields,
    el_fingerprint: elementFingerprint(fields.el_tag, fields.el_selector, fields.el_text ?? ''),
  };
}

const NAV = ['Pricing', 'Features', 'Docs', 'Blog', 'About', 'Contact', 'Sign in', 'Changelog'];

/** A site's clickable elements, most clicked first: buttons, navigation, cards and footer links. */
function elements(): Weighted<PageElement> {
  const list: PageElement[] = [
    element({
      el_tag: 'button',
      el_id: 'add-to-cart',
      el_classes: 'btn btn-primary',
      el_text: 'Add to cart',
      el_selector: '#add-to-cart',
      el_context: 'Product',
    }),
    element({
      el_tag: 'a',
      el_classes: 'btn btn-cta',
      el_text: 'Start free trial',
      el_selector: 'body > header > a.btn-cta',
      el_href: '/signup',
      el_context: 'banner',
    }),
    ...NAV.map((text, k) =>
      element({
        el_tag: 'a',
        el_classes: 'nav-link',
        el_text: text,
        el_selector: `#nav > li:nth-child(${k + 1}) > a`,
        el_href: `/${text.toLowerCase().replace(' ', '-')}`,
        el_context: 'navigation',
      }),
    ),
    element({
      el_tag: 'button',
      el_classes: 'search-toggle',
      el_text: 'Search',
      el_selector: '#nav > button.search-toggle',
      el_context: 'navigation',
    }),
    element({
      el_tag: 'button',
      el_id: 'checkout',
      el_classes: 'btn btn-primary',
      el_text: 'Checkout',
      el_selector: '#checkout',
      el_context: 'Your cart',
    }),
    ...Array.from({ length: 40 }, (_, k) =>
      element({
        el_tag: 'a',
        el_classes: 'card-link',
        el_text: `Read more ${k + 1}`,
        el_selector: `#main > div.cards > article:nth-child(${k + 1}) > a`,
        el_href: `/blog/post-${k + 1}`,
        el_context: 'Latest posts',
      }),
    ),
    ...Array.from({ length: 30 }, (_, k) =>
      element({
        el_tag: 'a',
        el_text: `Footer link ${k + 1}`,
        el_selector: `body > footer > ul > li:nth-child(${k + 1}) > a`,
        el_href: `/legal/page-${k + 1}`,
        el_context: 'contentinfo',
      }),
    ),
  ];
  return Weighted.zipf(list, 1.2);
}

/** Links to other hosts (`$outbound`) and to files (`$download`), as the edge names those clicks. */
const OUTBOUND = Weighted.zipf(
  [
    'https://github.com/sluice/sluice',
    'https://twitter.com/sluice',
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    'https://status.example.com/',
  ].map((href, k) =>
    element({
      el_tag: 'a',
      el_text: ['GitHub', 'Twitter', 'Watch the demo', 'Status'][k],
      el_selector: `body > footer > div.social > a:nth-child(${k + 1})`,
      el_href: href,
      el_context: 'contentinfo',
    }),
  ),
);
const DOWNLOADS = Weighted.zipf(
  ['/files/catalogue-2026.pdf', '/files/price-list.xlsx', '/files/whitepaper.pdf'].map((href, k) =>
    element({
      el_tag: 'a',
      el_classes: 'download',
      el_text: ['Catalogue (PDF)', 'Price list', 'Whitepaper'][k],
      el_selector: `#main > section.downloads > a:nth-child(${k + 1})`,
      el_href: href,
      el_context: 'Downloads',
    }),
  ),
);

/** Forms whose submission autocapture reports: their identity and target, never a field. */
const FORMS = Weighted.zipf([
  element({
    el_tag: 'form',
    el_id: 'newsletter',
    el_classes: 'newsletter',
    el_selector: '#newsletter',
    el_href: '/subscribe',
    el_context: 'Newsletter',
  }),
  element({
    el_tag: 'form',
    el_id: 'search',
    el_selector: '#search',
    el_href: '/search',
    el_context: 'search',
  }),
  element({
    el_tag: 'form',
    el_classes: 'contact-form',
    el_selector: '#main > form.contact-form',
    el_href: '/contact',
    el_context: 'Contact us',
  }),
]);

export interface ScriptError {
  error_message: string;
  error_source: string;
  error_line: number;
  error_column: number;
  error_stack: string;
}

function scriptErrors(domain: string): Weighted<ScriptError> {
  const messages = [
    "TypeError: Cannot read properties of undefined (reading 'price')",
    'ReferenceError: gtag is not defined',
    'TypeError: Failed to fetch',
    "TypeError: null is not an object (evaluating 'el.classList')",
    'Unhandled: Request failed with status code 502',
    'SyntaxError: Unexpected token < in JSON at position 0',
    'RangeError: Maximum call stack size exceeded',
    'Error: ResizeObserver loop completed with undelivered notifications.',
    ...Array.from({ length: 22 }, (_, k) => `Error: widget ${k + 1} failed to render`),
  ];
  return Weighted.zipf(
    messages.map((message, k) => {
      const source = `https://${domain}/assets/app.${(0x5f3a1c + k * 2654435761).toString(16).slice(-8)}.js`;
      const line = 1 + ((k * 37) % 400);
      const column = 1 + ((k * 7919) % 30_000);
      return {
        error_message: message,
        error_source: source,
        error_line: line,
        error_column: column,
        error_stack: `${message}\n    at render (${source}:${line}:${column})\n    at commit (${source}:1:${column + 812})\n    at flush (${source}:1:${column + 2091})`,
      };
    }),
    1.3,
  );
}

/** A custom event the site tracks, with its properties. */
export interface CustomEvent {
  name: string;
  props(random: Random): Array<[string, string]>;
}

const CUSTOM_EVENTS = Weighted.of<CustomEvent>([
  [
    {
      name: 'add_to_cart',
      props: (r) => [
        ['sku', `SKU-${r.int(100, 999)}`],
        ['price', `${r.int(5, 300)}.${r.int(10, 99)}`],
        ['currency', 'EUR'],
      ],
    },
    30,
  ],
  [{ name: 'signup', props: (r) => [['plan', r.pick(['free', 'free', 'pro', 'team'])]] }, 15],
  [{ name: 'search', props: (r) => [['results', String(r.int(0, 50))]] }, 20],
  [
    {
      name: 'purchase',
      props: (r) => [
        // The property convention the edge reads revenue from (REVENUE in the event contract).
        [REVENUE.amountProperty, `${r.int(10, 900)}.${r.int(10, 99)}`],
        [REVENUE.currencyProperty, r.pick(['EUR', 'EUR', 'USD', 'GBP'])],
      ],
    },
    6,
  ],
  [
    {
      name: 'video_play',
      props: (r) => [
        ['video', `intro-${r.int(1, 5)}`],
        ['autoplay', r.pick(['true', 'false'])],
      ],
    },
    10,
  ],
  [{ name: 'newsletter_subscribe', props: () => [] }, 5],
]);

/** Fixed offsets of the benchmark sites' zones in November, for the daily rhythm only. */
const TIME_ZONES: ReadonlyArray<readonly [string, number]> = [
  ['Europe/Berlin', 60],
  ['UTC', 0],
  ['Asia/Kolkata', 330],
  ['America/St_Johns', -210],
  ['America/New_York', -300],
];

/** One site of the benchmark: as created through the API, and what its visitors meet there. */
export interface SiteCatalogue {
  /** The id the backend gives it: sites are created in this order into an empty metadata store. */
  id: number;
  name: string;
  domain: string;
  timezone: string;
  /** Minutes the zone is ahead of UTC: visits follow local office hours and evenings. */
  utcOffsetMinutes: number;
  pages: Weighted<string>;
  referrers: Weighted<Referrer>;
  campaigns: Weighted<Campaign>;
  elements: Weighted<PageElement>;
  outbound: Weighted<PageElement>;
  downloads: Weighted<PageElement>;
  forms: Weighted<PageElement>;
  errors: Weighted<ScriptError>;
  customEvents: Weighted<CustomEvent>;
}

/** Pages of a site, in a random rank order after the home page and a few hubs. */
function pages(random: Random): Weighted<string> {
  const tail = [
    ...Array.from({ length: 400 }, (_, k) => `/blog/post-${k + 1}`),
    ...Array.from({ length: 800 }, (_, k) => `/products/item-${k + 1}`),
    ...Array.from({ length: 300 }, (_, k) => `/docs/topic-${(k % 20) + 1}/page-${k + 1}`),
  ];
  for (let i = tail.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [tail[i], tail[j]] = [tail[j], tail[i]];
  }
  return Weighted.zipf(
    ['/', '/pricing', '/features', '/blog', '/signup', '/docs', '/about', '/cart', ...tail],
    1.05,
  );
}

/** What a generated site is called, where it is, and the zone its visitors live in. */
export type SiteIdentity = Pick<SiteCatalogue, 'name' | 'domain' | 'timezone' | 'utcOffsetMinutes'>;

/** The benchmark's sites: numbered, each in the next of TIME_ZONES. */
function benchmarkIdentity(id: number): SiteIdentity {
  const [timezone, utcOffsetMinutes] = TIME_ZONES[(id - 1) % TIME_ZONES.length];
  return { name: `Benchmark site ${id}`, domain: `site${id}.example.com`, timezone, utcOffsetMinutes };
}

/** The demo site (config's DEMO_SITE) in the first zone's daily rhythm. */
export const DEMO_SITE_IDENTITY: SiteIdentity = {
  name: DEMO_SITE.name,
  domain: DEMO_SITE.domain,
  timezone: DEMO_SITE.timezone,
  utcOffsetMinutes: (TIME_ZONES.find(([zone]) => zone === DEMO_SITE.timezone) ?? TIME_ZONES[0])[1],
};

export function siteCatalogue(
  id: number,
  seed: number,
  identity: SiteIdentity = benchmarkIdentity(id),
): SiteCatalogue {
  const { domain } = identity;
  return {
    id,
    ...identity,
    pages: pages(new Random(seed * 31 + id)),
    referrers: referrers(),
    campaigns: CAMPAIGNS,
    elements: elements(),
    outbound: OUTBOUND,
    downloads: DOWNLOADS,
    forms: FORMS,
    errors: scriptErrors(domain),
    customEvents: CUSTOM_EVENTS,
  };
}

/**
 * The event contract: the one definition of an event, on the wire (tracker → edge)
 * and as a stored row (edge NDJSON → pipeline → ClickHouse → backend).
 *
 * Every other description of an event is derived from this module or tested against it:
 * the edge loads the generated `dist/event-contract.json` at start, the ClickHouse
 * migrations, `pipeline/vector.yaml` and the backend's row type are checked against it.
 * Changing a row field means: bump `version`, add a ClickHouse migration, and let the
 * contract tests point at everything else that must follow.
 */

/**
 * `flag` is a yes/no stored as 0 or 1. `decimal` is an exact amount ≥ 0 with at most DECIMAL_SCALE digits
 * after the point, written in NDJSON as a plain JSON number (`19.99`).
 */
export type FieldType =
  'uuid' | 'uint32' | 'float32' | 'decimal' | 'flag' | 'datetime' | 'string' | 'string[]';

/**
 * Digits after the point a `decimal` keeps: every currency's minor unit fits (ISO 4217's largest is 3, the
 * dinars'; 4 for units of account), so revenue sums are exact.
 */
export const DECIMAL_SCALE = 4;

export interface RowFieldSpec {
  readonly type: FieldType;
  /** Strings are truncated to this many bytes (UTF-8); for `string[]` it bounds each item. */
  readonly maxLength?: number;
  /** `string[]` only: longer arrays are cut to this many items. */
  readonly maxItems?: number;
  /** Numbers: larger values are cut to this (uint32 defaults to its range). */
  readonly max?: number;
  /** Who fills the field: the edge alone, or the edge from what the tracker sent. */
  readonly source: 'edge' | 'wire';
  /**
   * Written on every line. The edge leaves any other field out while it holds its type's default
   * ('', 0 or []), and ClickHouse stores that default for it: most events fill fewer than half the
   * fields, so lines are about half as long, and ClickHouse parses them twice as fast.
   */
  readonly required?: true;
  /** The contract version that added the field (1 when absent); lines an older edge wrote lack it. */
  readonly since?: number;
  readonly description: string;
}

export const EVENT_CONTRACT_VERSION = 8;

/** Fields of a stored event, in ClickHouse column order. NDJSON keys are these names. */
export const EVENT_ROW = {
  event_id: {
    type: 'uuid',
    required: true,
    source: 'wire',
    description:
      'Random 128-bit id minted by the tracker (32 hex digits on the wire; the edge writes UUID text, and mints ' +
      'one when none was sent); a resent event keeps it.',
  },
  site_id: {
    type: 'uint32',
    required: true,
    source: 'edge',
    description: 'Internal site id, looked up from the public site key.',
  },
  ts: {
    type: 'datetime',
    required: true,
    source: 'edge',
    description:
      'When the event happened, UTC, `YYYY-MM-DD hh:mm:ss`: the edge receive time less the age the tracker sent ' +
      '(wire key `a`, at most WIRE.maxAgeMs), so an event resent from the offline queue keeps its own time and day.',
  },
  name: {
    type: 'string',
    required: true,
    maxLength: 64,
    source: 'wire',
    description: "Event name: 'pageview' or a custom name.",
  },
  hostname: {
    type: 'string',
    required: true,
    maxLength: 253,
    source: 'wire',
    description: 'Host of the page URL, lower-cased.',
  },
  pathname: {
    type: 'string',
    required: true,
    maxLength: 1024,
    source: 'wire',
    description: 'Path of the page URL, without query or fragment.',
  },
  referrer: {
    type: 'string',
    maxLength: 2048,
    source: 'wire',
    description: 'document.referrer as the tracker saw it.',
  },
  referrer_source: {
    type: 'string',
    maxLength: 128,
    source: 'edge',
    since: 2,
    description:
      'Where the visit came from: a source of the vendored referrer list by name (Google, Facebook, ChatGPT, …; ' +
      "edge/README.md, Referrers), else the referrer's host without www.; for a page reached by an ad click id " +
      'without a referrer, its ad network (Google for gclid, …); empty for direct visits and navigation within the site.',
  },
  channel: {
    type: 'string',
    // The longest of CHANNELS (channels.ts).
    maxLength: 8,
    source: 'edge',
    since: 8,
    description:
      'The channel the visit came through, one of CHANNELS (search, social, email, paid, video, ai, referral, ' +
      "direct): from the page URL's UTM medium and source and its ad click ids, else the referrer's kind in the " +
      'vendored referrer list (edge/README.md, Channels).',
  },
  utm_source: {
    type: 'string',
    maxLength: 128,
    source: 'wire',
    since: 2,
    description: 'utm_source of the page URL.',
  },
  utm_medium: {
    type: 'string',
    maxLength: 128,
    source: 'wire',
    since: 2,
    description: 'utm_medium of the page URL.',
  },
  utm_campaign: {
    type: 'string',
    maxLength: 256,
    source: 'wire',
    since: 2,
    description: 'utm_campaign of the page URL.',
  },
  utm_term: {
    type: 'string',
    maxLength: 256,
    source: 'wire',
    since: 2,
    description: 'utm_term of the page URL.',
  },
  utm_content: {
    type: 'string',
    maxLength: 256,
    source: 'wire',
    since: 2,
    description: 'utm_content of the page URL.',
  },
  browser: {
    type: 'string',
    maxLength: 64,
    source: 'edge',
    since: 3,
    description: 'Browser from the user agent (Chrome, Safari, Firefox, Edge, …); empty when unknown.',
  },
  browser_version: {
    type: 'string',
    maxLength: 32,
    source: 'edge',
    since: 3,
    description: "The browser's major version.",
  },
  os: {
    type: 'string',
    maxLength: 64,
    source: 'edge',
    since: 3,
    description: 'Operating system (Windows, macOS, iOS, Android, Linux, Chrome OS); empty when unknown.',
  },
  device: {
    type: 'string',
    maxLength: 16,
    source: 'edge',
    since: 3,
    description: 'desktop, mobile, tablet or bot.',
  },
  is_bot: {
    type: 'flag',
    source: 'edge',
    since: 3,
    description: '1 when the user agent is a known crawler, a script or an automated browser.',
  },
  country: {
    type: 'string',
    maxLength: 2,
    source: 'edge',
    since: 5,
    description: 'ISO 3166-1 alpha-2 country of the client address (geo database); empty when unknown.',
  },
  region: {
    type: 'string',
    maxLength: 100,
    source: 'edge',
    since: 5,
    description: 'Region (state, province) of the client address; empty when unknown.',
  },
  city: {
    type: 'string',
    maxLength: 100,
    source: 'edge',
    since: 5,
    description: 'City of the client address; empty when unknown.',
  },
  language: {
    type: 'string',
    // A primary language subtag (2–3 letters), a hyphen and a region (2 letters or 3 digits): `es-419`.
    maxLength: 7,
    source: 'edge',
    since: 7,
    description:
      "The visitor's preferred language: the Accept-Language entry of highest q-value (the first of equals), " +
      'as its lower-case primary subtag and region if it names one (`en`, `en-us`, `pt-br`; a script such as ' +
      "zh-Hant-TW's is left out: `zh-tw`); empty when the header is absent or names no language.",
  },
  visitor_id: {
    type: 'string',
    required: true,
    maxLength: 64,
    source: 'edge',
    description:
      'Cookieless sites: salted hash of site, client IP and user agent (daily random salt; the raw IP is ' +
      "never written). Persistent-mode sites: the tracker's first-party anonymous id when it sent a valid one.",
  },
  session_id: {
    type: 'string',
    maxLength: 64,
    source: 'wire',
    description: 'Session id minted by the tracker.',
  },
  user_id: {
    type: 'string',
    maxLength: 128,
    source: 'wire',
    since: 4,
    description:
      "The site's own id for a signed-in user (setUserId); never an email address. Empty when unset.",
  },
  props_keys: {
    type: 'string[]',
    maxItems: 32,
    maxLength: 64,
    source: 'wire',
    description: 'Custom property names, parallel to props_values.',
  },
  props_values: {
    type: 'string[]',
    maxItems: 32,
    maxLength: 512,
    source: 'wire',
    description: 'Custom property values as strings, parallel to props_keys.',
  },
  // Contract v7: revenue, from the properties named by REVENUE (below). Both are empty (0 and '') on
  // events without revenue, and on events whose amount or currency broke REVENUE's rules.
  revenue_amount: {
    type: 'decimal',
    // 15 significant digits with the scale's 4: any such decimal survives a trip through a double
    // (IEEE 754 keeps 15), which is how Vector, JavaScript and cjson read JSON numbers.
    max: 99_999_999_999.9999,
    source: 'wire',
    since: 7,
    description:
      'Revenue of the event in revenue_currency, exact (at most 4 digits after the point): the `revenue` property ' +
      'of an event that names a valid currency; 0 otherwise.',
  },
  revenue_currency: {
    type: 'string',
    maxLength: 3,
    source: 'wire',
    since: 7,
    description:
      "ISO 4217 code of revenue_amount's currency, upper-case (`EUR`); empty on events without revenue.",
  },
  // Contract v6: what the tracker's autocapture, heatmaps, errors and web vitals report. Each is
  // empty or 0 on events that don't carry it.
  el_tag: {
    type: 'string',
    maxLength: 32,
    source: 'wire',
    since: 6,
    description:
      'Autocapture: tag name of the clicked or submitted element, lower-case (a, button, form, …).',
  },
  el_id: {
    type: 'string',
    maxLength: 128,
    source: 'wire',
    since: 6,
    description: "Autocapture: the element's id attribute.",
  },
  el_classes: {
    type: 'string',
    maxLength: 256,
    source: 'wire',
    since: 6,
    description: "Autocapture: the element's class names, space-separated.",
  },
  el_text: {
    type: 'string',
    maxLength: 100,
    source: 'wire',
    since: 6,
    description: "Autocapture: the element's visible text, whitespace folded.",
  },
  el_selector: {
    type: 'string',
    maxLength: 512,
    source: 'wire',
    since: 6,
    description: 'Autocapture: a stable CSS selector path from the nearest id (or the body) to the element.',
  },
  el_href: {
    type: 'string',
    maxLength: 2048,
    source: 'wire',
    since: 6,
    description: "Autocapture: the link's or form's target URL.",
  },
  el_context: {
    type: 'string',
    maxLength: 200,
    source: 'wire',
    since: 6,
    description: 'Autocapture: the nearest heading or landmark around the element (its text or role).',
  },
  el_fingerprint: {
    type: 'string',
    maxLength: 16,
    source: 'edge',
    since: 6,
    description:
      'Autocapture: 16 hex digits of MD5(el_tag, el_selector, el_text), the key its AI or heuristic name is ' +
      'stored under (autocapture_names); empty when el_tag is.',
  },
  click_x: {
    type: 'uint32',
    max: 1_000_000,
    source: 'wire',
    since: 6,
    description: 'Clicks: CSS pixels from the left of the page (heatmaps).',
  },
  click_y: {
    type: 'uint32',
    max: 1_000_000,
    source: 'wire',
    since: 6,
    description: 'Clicks: CSS pixels from the top of the page (heatmaps).',
  },
  viewport_width: {
    type: 'uint32',
    max: 100_000,
    source: 'wire',
    since: 6,
    description: 'The viewport width in CSS pixels, so heatmaps can group layouts.',
  },
  scroll_depth: {
    type: 'uint32',
    max: 100,
    source: 'wire',
    since: 6,
    description: 'How far down the page the visitor scrolled, in percent (the maximum over the page view).',
  },
  engaged_ms: {
    type: 'uint32',
    max: 86_400_000,
    source: 'wire',
    since: 6,
    description: 'Milliseconds the page was visible and in use.',
  },
  error_message: {
    type: 'string',
    maxLength: 512,
    source: 'wire',
    since: 6,
    description: 'Errors: the message of an uncaught error or unhandled rejection.',
  },
  error_source: {
    type: 'string',
    maxLength: 1024,
    source: 'wire',
    since: 6,
    description: 'Errors: URL of the script that threw.',
  },
  error_line: {
    type: 'uint32',
    source: 'wire',
    since: 6,
    description: 'Errors: line in error_source.',
  },
  error_column: {
    type: 'uint32',
    source: 'wire',
    since: 6,
    description: 'Errors: column in error_source.',
  },
  error_stack: {
    type: 'string',
    maxLength: 4096,
    source: 'wire',
    since: 6,
    description: 'Errors: the stack trace, truncated.',
  },
  lcp_ms: {
    type: 'uint32',
    max: 600_000,
    source: 'wire',
    since: 6,
    description: 'Web vitals: Largest Contentful Paint, milliseconds.',
  },
  inp_ms: {
    type: 'uint32',
    max: 600_000,
    source: 'wire',
    since: 6,
    description: 'Web vitals: Interaction to Next Paint, milliseconds.',
  },
  cls: {
    type: 'float32',
    max: 100,
    source: 'wire',
    since: 6,
    description: 'Web vitals: Cumulative Layout Shift (unitless).',
  },
} as const satisfies Record<string, RowFieldSpec>;

export type EventRowField = keyof typeof EVENT_ROW;

type TsTypeOf<T extends FieldType> = T extends 'uint32' | 'float32' | 'decimal' | 'flag'
  ? number
  : T extends 'string[]'
    ? string[]
    : string;

/** One stored event as the edge writes it to NDJSON and ClickHouse returns it with JSONEachRow. */
export type EventRow = { -readonly [K in EventRowField]: TsTypeOf<(typeof EVENT_ROW)[K]['type']> };

export const EVENT_ROW_FIELDS = Object.keys(EVENT_ROW) as EventRowField[];

/** ClickHouse column type of each contract type, identical on 18.16 and modern servers. */
export const CLICKHOUSE_TYPES: Record<FieldType, string> = {
  uuid: 'UUID',
  uint32: 'UInt32',
  float32: 'Float32',
  // Decimal64 with 4 digits after the point (18.16 has it; ClickHouse prints Decimal64(4) this way): sums
  // are exact, in Decimal(38, 4), where a Float64 would drift by a cent over millions of orders.
  decimal: `Decimal(18, ${DECIMAL_SCALE})`,
  flag: 'UInt8',
  datetime: "DateTime('UTC')",
  string: 'String',
  'string[]': 'Array(String)',
};

/**
 * The wire format, tracker → edge. POST `{"s": siteKey, "e": [event, …]}` as JSON
 * (`text/plain` is accepted so browsers skip the CORS preflight), or one event as a GET
 * query string (`?s=KEY&n=pageview&u=…`) for the image fallback. Keys are short to keep
 * beacons small.
 */
export const WIRE = {
  path: '/telemetry/e',
  siteKey: 's',
  events: 'e',
  maxBodyBytes: 65536,
  maxEventsPerBatch: 50,
  /**
   * The oldest an event may say it is (`a`): the tracker's offline queue keeps events 24 hours. A larger age is
   * cut to this; a negative or non-numeric one is ignored (the event is stamped at arrival). Either way the
   * event is written and counted in `sluice_edge_fields_rejected_total{reason="bad_age"}`.
   */
  maxAgeMs: 86_400_000,
  /**
   * Batches from a customer's own servers, signed with one of the site's secrets: the headers carry
   * the Unix time and `v1=` + hex HMAC-SHA256(secret, timestamp + "." + body). Only such batches may
   * name the end user's address, user agent and Accept-Language header (batch keys `ip`, `ua` and
   * `lang`); the request's own headers are the server's, not the user's.
   */
  signed: {
    timestampHeader: 'X-Sluice-Timestamp',
    signatureHeader: 'X-Sluice-Signature',
    maxSkewSeconds: 300,
    clientIp: 'ip',
    userAgent: 'ua',
    acceptLanguage: 'lang',
  },
  event: {
    id: { field: 'event_id', type: 'uuid' },
    n: { field: 'name', type: 'string' },
    /**
     * Milliseconds since the tracker captured the event, measured when the batch is sent (every send again:
     * a resend from the offline queue is older). The edge stamps `ts` = arrival − age, and hashes the
     * visitor with the salt of that day. Absent: the event happened on arrival (signed batches, the image
     * fallback, older trackers).
     */
    a: { field: 'age', type: 'number' },
    u: {
      field: 'url',
      type: 'string',
      maxLength: 2048,
      into: ['hostname', 'pathname', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'],
    },
    r: { field: 'referrer', type: 'string', into: ['referrer', 'referrer_source', 'channel'] },
    sid: { field: 'session_id', type: 'string' },
    uid: { field: 'user_id', type: 'string' },
    /** The tracker's first-party anonymous id (persistent mode): 32 lower-case hex digits. */
    v: { field: 'visitor_id', type: 'string', pattern: '^[0-9a-f]{32}$' },
    p: { field: 'props', type: 'object', into: ['props_keys', 'props_values'] },
    // Copied as they are: a value of another type is left out (the field stays empty or 0), a
    // longer string or larger number is cut to the row field's limit.
    tag: { field: 'el_tag', type: 'string' },
    eid: { field: 'el_id', type: 'string' },
    cl: { field: 'el_classes', type: 'string' },
    txt: { field: 'el_text', type: 'string' },
    sel: { field: 'el_selector', type: 'string' },
    href: { field: 'el_href', type: 'string' },
    ctx: { field: 'el_context', type: 'string' },
    x: { field: 'click_x', type: 'number' },
    y: { field: 'click_y', type: 'number' },
    vw: { field: 'viewport_width', type: 'number' },
    sd: { field: 'scroll_depth', type: 'number' },
    et: { field: 'engaged_ms', type: 'number' },
    em: { field: 'error_message', type: 'string' },
    es: { field: 'error_source', type: 'string' },
    el: { field: 'error_line', type: 'number' },
    ec: { field: 'error_column', type: 'number' },
    est: { field: 'error_stack', type: 'string' },
    lcp: { field: 'lcp_ms', type: 'number' },
    inp: { field: 'inp_ms', type: 'number' },
    cls: { field: 'cls', type: 'number' },
  },
} as const;

export type WireEvent = {
  id?: string;
  n: string;
  /** Set by the transport when it sends the event, not by whoever tracks it. */
  a?: number;
  u: string;
  r?: string;
  sid?: string;
  uid?: string;
  v?: string;
  p?: Record<string, string | number | boolean>;
  tag?: string;
  eid?: string;
  cl?: string;
  txt?: string;
  sel?: string;
  href?: string;
  ctx?: string;
  x?: number;
  y?: number;
  vw?: number;
  sd?: number;
  et?: number;
  em?: string;
  es?: string;
  el?: number;
  ec?: number;
  est?: string;
  lcp?: number;
  inp?: number;
  cls?: number;
};

export interface WireBatch {
  s: string;
  e: WireEvent[];
  /** Signed batches only: the end user's address, user agent and Accept-Language header. */
  ip?: string;
  ua?: string;
  lang?: string;
}

/**
 * ISO 4217 codes of the currencies revenue may be in: those in circulation and a few withdrawn since
 * 2023 (HRK, SLL, ZWL, ANG, BGN, CUC) whose shops may still report them; no fund, metal or testing codes.
 */
const CURRENCIES = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN ' +
  'BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL ' +
  'GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF ' +
  'KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR ' +
  'MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG ' +
  'SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD ' +
  'UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL'
).split(' ');

/**
 * Revenue, by a property convention (no tracker code, no wire key of its own): an event whose props hold
 * `revenue` (a number, or a decimal string like "19.99": ≥ 0, at most DECIMAL_SCALE digits after the point,
 * below revenue_amount's max) and `currency` (one of `currencies`, in any case) gets revenue_amount and
 * revenue_currency. Usually a custom event: `['track', 'purchase', { revenue: 19.99, currency: 'EUR' }]`.
 * Both properties also stay among the event's props. An event without a `revenue` property has no revenue;
 * one whose amount or currency breaks these rules is written without revenue, and the edge counts it by
 * reason (`bad_revenue`, `bad_currency`).
 */
export const REVENUE = {
  amountProperty: 'revenue',
  currencyProperty: 'currency',
  currencies: CURRENCIES,
} as const;

export const EVENT_CONTRACT = {
  version: EVENT_CONTRACT_VERSION,
  row: EVENT_ROW,
  fields: EVENT_ROW_FIELDS,
  clickhouseTypes: CLICKHOUSE_TYPES,
  decimalScale: DECIMAL_SCALE,
  wire: WIRE,
  revenue: REVENUE,
} as const;

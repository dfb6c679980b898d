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

/** `flag` is a yes/no stored as 0 or 1. */
export type FieldType = 'uuid' | 'uint32' | 'flag' | 'datetime' | 'string' | 'string[]';

export interface RowFieldSpec {
  readonly type: FieldType;
  /** Strings are truncated to this many bytes (UTF-8); for `string[]` it bounds each item. */
  readonly maxLength?: number;
  /** `string[]` only: longer arrays are cut to this many items. */
  readonly maxItems?: number;
  /** Who fills the field: the edge alone, or the edge from what the tracker sent. */
  readonly source: 'edge' | 'wire';
  /**
   * The contract version that added the field (1 when absent). Lines an older edge wrote lack it;
   * the pipeline accepts them and ClickHouse stores the type's default, so an upgrade loses nothing.
   */
  readonly since?: number;
  readonly description: string;
}

export const EVENT_CONTRACT_VERSION = 5;

/** Fields of a stored event, in ClickHouse column order. NDJSON keys are these names. */
export const EVENT_ROW = {
  event_id: {
    type: 'uuid',
    source: 'wire',
    description:
      'Random 128-bit id minted by the tracker (the edge mints one when none was sent); a resent event keeps it.',
  },
  site_id: {
    type: 'uint32',
    source: 'edge',
    description: 'Internal site id, looked up from the public site key.',
  },
  ts: { type: 'datetime', source: 'edge', description: 'Edge receive time, UTC, `YYYY-MM-DD hh:mm:ss`.' },
  name: {
    type: 'string',
    maxLength: 64,
    source: 'wire',
    description: "Event name: 'pageview' or a custom name.",
  },
  hostname: {
    type: 'string',
    maxLength: 253,
    source: 'wire',
    description: 'Host of the page URL, lower-cased.',
  },
  pathname: {
    type: 'string',
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
      "Where the visit came from: a known search engine or social network by name (Google, Facebook…), else the referrer's host without www.; empty for direct visits and navigation within the site.",
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
  visitor_id: {
    type: 'string',
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
} as const satisfies Record<string, RowFieldSpec>;

export type EventRowField = keyof typeof EVENT_ROW;

type TsTypeOf<T extends FieldType> = T extends 'uint32' | 'flag'
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
   * Batches from a customer's own servers, signed with one of the site's secrets: the headers carry
   * the Unix time and `v1=` + hex HMAC-SHA256(secret, timestamp + "." + body). Only such batches may
   * name the end user's address and user agent (batch keys `ip` and `ua`).
   */
  signed: {
    timestampHeader: 'X-Sluice-Timestamp',
    signatureHeader: 'X-Sluice-Signature',
    maxSkewSeconds: 300,
    clientIp: 'ip',
    userAgent: 'ua',
  },
  event: {
    id: { field: 'event_id', type: 'uuid' },
    n: { field: 'name', type: 'string' },
    u: {
      field: 'url',
      type: 'string',
      maxLength: 2048,
      into: ['hostname', 'pathname', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'],
    },
    r: { field: 'referrer', type: 'string', into: ['referrer', 'referrer_source'] },
    sid: { field: 'session_id', type: 'string' },
    uid: { field: 'user_id', type: 'string' },
    /** The tracker's first-party anonymous id (persistent mode): 32 lower-case hex digits. */
    v: { field: 'visitor_id', type: 'string', pattern: '^[0-9a-f]{32}$' },
    p: { field: 'props', type: 'object', into: ['props_keys', 'props_values'] },
  },
} as const;

export type WireEvent = {
  id?: string;
  n: string;
  u: string;
  r?: string;
  sid?: string;
  uid?: string;
  v?: string;
  p?: Record<string, string | number | boolean>;
};

export interface WireBatch {
  s: string;
  e: WireEvent[];
  /** Signed batches only: the end user's address and user agent. */
  ip?: string;
  ua?: string;
}

export const EVENT_CONTRACT = {
  version: EVENT_CONTRACT_VERSION,
  row: EVENT_ROW,
  fields: EVENT_ROW_FIELDS,
  clickhouseTypes: CLICKHOUSE_TYPES,
  wire: WIRE,
} as const;

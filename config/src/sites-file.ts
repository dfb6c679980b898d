/**
 * The sites file: written by the backend (atomically), read by the edge every few seconds. The edge
 * never asks the backend or a database per request; this file is all it knows about sites.
 */
export const SITES_FILE_VERSION = 1;

/**
 * How long after the sites file is replaced every line the edge accepted under the old file is in its
 * NDJSON file: one worker re-reads the file every second and every worker follows within the next second
 * (edge/lua/sluice/sites.lua), and a buffered line is flushed within a second (`flush=1s` in
 * edge/nginx/nginx.conf.template); the rest is room for timers that run late. A site's deletion waits this
 * long after removing the site from the file before it asks the pipeline to pass that moment.
 */
export const SITES_FILE_APPLIED_WITHIN_MS = 5_000;

export const BOT_POLICIES = ['flag', 'drop'] as const;
export type BotPolicy = (typeof BOT_POLICIES)[number];

/**
 * `cookieless` (default): the edge derives the visitor id from a daily-salted hash, as Plausible does;
 * nothing is stored in the browser for it. `persistent`: the tracker keeps a first-party anonymous id
 * in the browser and the edge keeps it, so returning visitors are recognised across days.
 */
export const PRIVACY_MODES = ['cookieless', 'persistent'] as const;
export type PrivacyMode = (typeof PRIVACY_MODES)[number];

export interface SiteEntry {
  /** Internal id, stored in every event row. */
  id: number;
  /** Public key the tracker sends; it identifies the site to the edge and grants nothing. */
  key: string;
  name: string;
  domain: string;
  /** IANA time zone in which the site's reports count days. */
  timezone: string;
  /**
   * Page origins (`https://shop.example`) whose beacons the edge accepts; absent or empty accepts
   * any. A beacon whose Origin header (else its Referer's origin) names another site is refused, and
   * so is one with neither header. Their hosts, with `domain` and its subdomains, are the page hosts
   * that are the site's (any other is flagged or dropped, as bots are).
   */
  allowedOrigins?: string[];
  /**
   * Client addresses whose events the edge drops unseen, answering as it answers any beacon (the site's
   * office, its uptime monitor), as Plausible's IP shield: IPv4 or IPv6 addresses, or ranges in CIDR
   * notation (`198.51.100.0/24`, `2001:db8::/32`); absent or empty blocks none. At most
   * MAX_BLOCKED_ADDRESSES.
   */
  blockedAddresses?: string[];
  /**
   * Countries (ISO 3166-1 alpha-2, upper-case: `CN`) whose visitors' events the edge drops unseen, by the
   * geo database's country of the client address, as Plausible's country shield; absent or empty blocks none.
   */
  blockedCountries?: string[];
  /**
   * Page paths whose events the edge drops unseen (an admin area, previews), as Plausible's page shield: each
   * a pattern with the reports' wildcards, `*` within a path segment and `**` across (`/admin/**`), matched
   * against the whole path without its query string; absent or empty blocks none. At most MAX_BLOCKED_PAGES.
   */
  blockedPages?: string[];
  /** What the edge does with events from bots: keep them with `is_bot = 1` (default), or drop them. */
  botPolicy?: BotPolicy;
  privacyMode?: PrivacyMode;
  /**
   * Keys of the site's signed server-side batches (HMAC-SHA256; see WIRE.signed): one, or two while
   * a key is being replaced. They make the file secret: mode 0640, readable by the edge's group only.
   */
  signingSecrets?: string[];
}

/** A site's blocked addresses and ranges at most. */
export const MAX_BLOCKED_ADDRESSES = 100;

/** A site's blocked page patterns at most, and the longest pattern. */
export const MAX_BLOCKED_PAGES = 30;
export const MAX_BLOCKED_PAGE_LENGTH = 200;

/** A site's signing secrets at once: one, and a second while its servers change over to it. */
export const MAX_SIGNING_SECRETS = 2;

export interface SitesFile {
  version: typeof SITES_FILE_VERSION;
  sites: SiteEntry[];
}

import { createHash } from 'node:crypto';
import { trackerSnippet, type BotPolicy, type PrivacyMode, type SiteEntry } from '@sluice/config';
import { canonicalTimeZone } from '../common/calendar.js';

/** A tracked site with its settings. */
export interface Site {
  id: number;
  /** The public key the tracker sends; it grants nothing. */
  key: string;
  name: string;
  domain: string;
  /** IANA time zone in which the site's reports count days. */
  timezone: string;
  /** Page origins whose beacons the edge accepts; empty accepts any. */
  allowedOrigins: string[];
  /** Client addresses and CIDR ranges whose events the edge drops unseen (SiteEntry); empty blocks none. */
  blockedAddresses: string[];
  /** Countries (ISO 3166-1 alpha-2) whose visitors' events the edge drops unseen; empty blocks none. */
  blockedCountries: string[];
  /** Page path patterns whose events the edge drops unseen (SiteEntry); empty blocks none. */
  blockedPages: string[];
  privacyMode: PrivacyMode;
  botPolicy: BotPolicy;
  /** Months of this site's data kept, when fewer than the server keeps; null: the server's setting. */
  retentionMonths: number | null;
  /** What the site's own servers sign their event batches with (README, "Server-side events"): at most two. */
  signingSecrets: string[];
}

/** A signing secret's id: the first characters of its SHA-256, which name it without giving it away. */
export const signingSecretId = (secret: string) =>
  createHash('sha256').update(secret).digest('hex').slice(0, 12);

export type NewSite = Omit<Site, 'id'>;

/** A site whose deletion was asked for: gone from every list at once, its data erased at `erasedAt`. */
export interface SiteDeletion {
  siteId: number;
  domain: string;
  requestedAt: Date;
  erasedAt: Date | null;
}

/** What a deletion under way waits for: the edge to refuse the key, the pipeline, ClickHouse's erasure. */
export type DeletionStage = 'stopping-intake' | 'draining' | 'erasing';

/** A site's lifecycle, as the deletion of a site needs to be followed after its site is gone from lists. */
export interface SiteStatus {
  id: number;
  domain: string;
  /** `deleting` from its deletion until every row of it is erased, then `deleted`. */
  status: 'active' | 'deleting' | 'deleted';
  /** While deleting: what it waits for (null while a deletion a restart interrupted waits to resume). */
  stage: DeletionStage | null;
  deletionRequestedAt: string | null;
  erasedAt: string | null;
}

export const activeSiteStatus = (site: Site): SiteStatus => ({
  id: site.id,
  domain: site.domain,
  status: 'active',
  stage: null,
  deletionRequestedAt: null,
  erasedAt: null,
});

export const deletedSiteStatus = (deletion: SiteDeletion, stage?: DeletionStage): SiteStatus => ({
  id: deletion.siteId,
  domain: deletion.domain,
  status: deletion.erasedAt ? 'deleted' : 'deleting',
  stage: stage ?? null,
  deletionRequestedAt: deletion.requestedAt.toISOString(),
  erasedAt: deletion.erasedAt?.toISOString() ?? null,
});

/** What an admin may change. */
export type SiteSettings = Pick<
  Site,
  | 'name'
  | 'domain'
  | 'timezone'
  | 'allowedOrigins'
  | 'blockedAddresses'
  | 'blockedCountries'
  | 'blockedPages'
  | 'privacyMode'
  | 'botPolicy'
  | 'retentionMonths'
>;

/** What a new site starts with unless told otherwise. */
export const SITE_DEFAULTS: Readonly<Omit<NewSite, 'key' | 'name' | 'domain'>> = Object.freeze({
  timezone: 'UTC',
  allowedOrigins: [],
  blockedAddresses: [],
  blockedCountries: [],
  blockedPages: [],
  privacyMode: 'cookieless',
  botPolicy: 'flag',
  retentionMonths: null,
  signingSecrets: [],
});

/** The site as the edge reads it: settings at their defaults are left out. */
export const toSiteEntry = (site: Site): SiteEntry => ({
  id: site.id,
  key: site.key,
  name: site.name,
  domain: site.domain,
  timezone: site.timezone,
  ...(site.allowedOrigins.length > 0 && { allowedOrigins: site.allowedOrigins }),
  ...(site.blockedAddresses.length > 0 && { blockedAddresses: site.blockedAddresses }),
  ...(site.blockedCountries.length > 0 && { blockedCountries: site.blockedCountries }),
  ...(site.blockedPages.length > 0 && { blockedPages: site.blockedPages }),
  ...(site.privacyMode !== SITE_DEFAULTS.privacyMode && { privacyMode: site.privacyMode }),
  ...(site.botPolicy !== SITE_DEFAULTS.botPolicy && { botPolicy: site.botPolicy }),
  ...(site.signingSecrets.length > 0 && { signingSecrets: site.signingSecrets }),
});

/** A site of a sites file written before sites moved to the database (its time zone as typed then). */
export const fromSiteEntry = (entry: SiteEntry): Site => ({
  ...SITE_DEFAULTS,
  allowedOrigins: entry.allowedOrigins ?? [],
  blockedAddresses: entry.blockedAddresses ?? [],
  blockedCountries: entry.blockedCountries ?? [],
  blockedPages: entry.blockedPages ?? [],
  signingSecrets: entry.signingSecrets ?? [],
  ...entry,
  timezone: canonicalTimeZone(entry.timezone) ?? entry.timezone,
});

export interface SiteResponse extends SiteSettings {
  id: number;
  siteKey: string;
  /** Its signing secrets by id (signingSecretId): a secret itself is answered once, when it is made. */
  signingSecretIds: string[];
  /** The tag to paste into every page of the site. */
  snippet: string;
}

export const toSiteResponse = (site: Site): SiteResponse => ({
  id: site.id,
  name: site.name,
  domain: site.domain,
  siteKey: site.key,
  timezone: site.timezone,
  allowedOrigins: site.allowedOrigins,
  blockedAddresses: site.blockedAddresses,
  blockedCountries: site.blockedCountries,
  blockedPages: site.blockedPages,
  privacyMode: site.privacyMode,
  botPolicy: site.botPolicy,
  retentionMonths: site.retentionMonths,
  signingSecretIds: site.signingSecrets.map(signingSecretId),
  snippet: trackerSnippet(site.key),
});

import type { SiteEntry } from '@sluice/config';

/** A tracked site, as the sites file the edge reads holds it (config/src/sites-file.ts). */
export type Site = SiteEntry;

export type NewSite = Omit<Site, 'id'>;

export interface SiteResponse {
  id: number;
  name: string;
  domain: string;
  siteKey: string;
  timezone: string;
}

export const toSiteResponse = ({ id, name, domain, key, timezone }: Site): SiteResponse => ({
  id,
  name,
  domain,
  siteKey: key,
  timezone,
});

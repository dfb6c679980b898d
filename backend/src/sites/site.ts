/** A tracked site. */
export interface Site {
  id: number;
  /** Public key the tracker sends; it identifies the site to the edge and grants nothing. */
  key: string;
  name: string;
  domain: string;
  /** IANA time zone in which the site's reports count days. */
  timezone: string;
}

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

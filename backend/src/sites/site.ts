/** A tracked site, as the sites file stores it (the edge reads the same file). */
export interface Site {
  id: number;
  /** Public key the tracker sends; it identifies the site, it grants nothing. */
  key: string;
  name: string;
  domain: string;
  /** IANA time zone in which the site's reports count days. */
  timezone: string;
}

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

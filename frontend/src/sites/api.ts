import { apiGet, apiRequest } from '../shared/api-client';

/** `GET /api/sites`: the sites the signed-in user may see, with their settings. */
export interface Site extends SiteSettings {
  id: number;
  /** The public key the tracker snippet sends. */
  siteKey: string;
  /** The tag to paste into every page of the site. */
  snippet: string;
}

export interface SiteSettings {
  name: string;
  domain: string;
  /** IANA time zone; report dates are days in this zone. */
  timezone: string;
  /** Page origins whose events the edge accepts; empty accepts any. */
  allowedOrigins: string[];
  privacyMode: 'cookieless' | 'persistent';
  botPolicy: 'flag' | 'drop';
  /** Months of data kept; null: the server's setting. */
  retentionMonths: number | null;
}

export function fetchSites(token: string, signal: AbortSignal): Promise<Site[]> {
  return apiGet<Site[]>('/sites', token, signal);
}

export const createSite = (token: string, settings: Partial<SiteSettings>) =>
  apiRequest<Site>('POST', '/sites', { token, body: settings });

export const updateSite = (token: string, id: number, changes: Partial<SiteSettings>) =>
  apiRequest<Site>('PATCH', `/sites/${id}`, { token, body: changes });

export const rotateSiteKey = (token: string, id: number) =>
  apiRequest<Site>('POST', `/sites/${id}/key`, { token });

/** `GET /api/sites/:id/status`: a site is active, or on its way out. */
export interface SiteStatus {
  id: number;
  domain: string;
  /** `deleting` from the deletion until every row of the site is erased, then `deleted`. */
  status: 'active' | 'deleting' | 'deleted';
  /** While deleting: what it waits for. */
  stage: 'stopping-intake' | 'draining' | 'erasing' | null;
  deletionRequestedAt: string | null;
  erasedAt: string | null;
}

/**
 * Deletes the site and all of its data; `confirm` must repeat its domain. The site is gone at once; its data
 * is erased in the background, which the answer's status follows.
 */
export const deleteSite = (token: string, id: number, confirm: string) =>
  apiRequest<SiteStatus>('DELETE', `/sites/${id}?confirm=${encodeURIComponent(confirm)}`, { token });

export function fetchSiteStatus(token: string, id: number, signal: AbortSignal): Promise<SiteStatus> {
  return apiGet<SiteStatus>(`/sites/${id}/status`, token, signal);
}

import type { Schemas } from '../api/schemas.js';
import { api, apiRequest, authorized, dataOf } from '../shared/api-client.js';

/** `GET /api/sites`: the sites the signed-in user may see, with their settings. */
export type Site = Schemas['SiteResponseDto'];

/** What an admin sets on a site. */
export type SiteSettings = Schemas['CreateSiteDto'];

export const fetchSites = (token: string, signal: AbortSignal): Promise<Site[]> =>
  dataOf(api.GET('/api/sites', authorized(token, signal)), signal);

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
  return apiRequest<SiteStatus>('GET', `/sites/${id}/status`, { token, signal });
}

/** A demo site's month of generated traffic, being written (`POST /api/sites/demo`, `GET /api/sites/:id/demo`). */
export type DemoSiteStatus = Schemas['DemoSiteStatusDto'];

export const createDemoSite = (token: string, events: number) =>
  apiRequest<DemoSiteStatus>('POST', '/sites/demo', { token, body: { events } });

export const fetchDemoSiteStatus = (token: string, id: number, signal: AbortSignal) =>
  apiRequest<DemoSiteStatus>('GET', `/sites/${id}/demo`, { token, signal });

/** `POST /api/sites/:id/signing-secrets`: a new secret for the site's servers, answered this once. */
export type NewSigningSecret = Schemas['NewSigningSecretDto'];

export const addSigningSecret = (token: string, id: number) =>
  apiRequest<NewSigningSecret>('POST', `/sites/${id}/signing-secrets`, { token });

export const revokeSigningSecret = (token: string, id: number, secretId: string) =>
  apiRequest<Site>('DELETE', `/sites/${id}/signing-secrets/${secretId}`, { token });

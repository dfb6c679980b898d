import { apiGet } from '../shared/api-client';

/** `GET /api/sites`: the sites this token may see. */
export interface Site {
  id: number;
  name: string;
  domain: string;
  /** The public key the tracker snippet sends. */
  siteKey: string;
  /** IANA time zone; report dates are days in this zone. */
  timezone: string;
}

export function fetchSites(token: string, signal: AbortSignal): Promise<Site[]> {
  return apiGet<Site[]>('/sites', token, signal);
}

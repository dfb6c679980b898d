import { readFileSync } from 'node:fs';

/** A site as the backend writes it to the sites file the edge reads. */
export interface SiteEntry {
  id: number;
  key: string;
  name: string;
  domain: string;
  timezone: string;
}

export function readSites(path: string): SiteEntry[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { sites: SiteEntry[] }).sites;
}

import { readFileSync } from 'node:fs';
import type { SiteEntry, SitesFile } from '@sluice/config';

export function readSites(path: string): SiteEntry[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as SitesFile).sites;
}

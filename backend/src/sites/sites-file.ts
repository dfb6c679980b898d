import { Inject, Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { writeFileAtomically } from '../common/atomic-file.js';
import { isTimeZone } from '../common/calendar.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SITES_FILE_VERSION, type SiteEntry, type SitesFile as SitesFileContent } from '@sluice/config';

/**
 * The file holds the sites' signing secrets: the edge reads it through the group (the folder's group,
 * which new files inherit; see the stack runner and the images), nobody else may.
 */
const FILE_MODE = 0o640;

/**
 * The file the edge reads: `{"version":1,"sites":[{id,key,name,domain,timezone,…}]}`, exported from the
 * sites table after every change. Every write is atomic (temp file in the same folder, fsync, rename,
 * fsync of the folder), so the edge, which re-reads the file every second, sees the old sites or the new
 * ones, never half a file. Writes are queued, so the last one holds the latest sites.
 */
@Injectable()
export class SitesFile {
  private readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.path = config.sitesFile;
  }

  /** The sites in the file (none when there is no file): what an install kept before sites moved to the database. */
  entries(): SiteEntry[] {
    return this.read().sites;
  }

  /** Writes the sites that `load` returns once the writes queued before have finished. */
  export(load: () => Promise<SiteEntry[]>): Promise<void> {
    const next = this.queue.then(async () =>
      this.write({ version: SITES_FILE_VERSION, sites: await load() }),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  private read(): SitesFileContent {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { version: SITES_FILE_VERSION, sites: [] };
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw this.broken('it is not valid JSON');
    }
    const file = parsed as Partial<SitesFileContent> | null;
    if (file?.version !== SITES_FILE_VERSION || !Array.isArray(file.sites)) {
      throw this.broken(`it is not {"version":${SITES_FILE_VERSION},"sites":[…]}`);
    }
    const bad = file.sites.findIndex((site) => !isSite(site));
    if (bad !== -1)
      throw this.broken(`sites[${bad}] needs a positive integer id, key, name, domain and a valid timezone`);
    return file as SitesFileContent;
  }

  private write(file: SitesFileContent): void {
    writeFileAtomically(this.path, `${JSON.stringify(file, null, 2)}\n`, FILE_MODE);
  }

  private broken(problem: string): Error {
    return new Error(`the sites file ${this.path} is broken: ${problem}; fix or remove it`);
  }
}

function isSite(value: unknown): value is SiteEntry {
  const site = value as Partial<SiteEntry> | null;
  return (
    typeof site === 'object' &&
    site !== null &&
    Number.isInteger(site.id) &&
    (site.id as number) > 0 &&
    [site.key, site.name, site.domain].every((text) => typeof text === 'string' && text !== '') &&
    isTimeZone(site.timezone)
  );
}

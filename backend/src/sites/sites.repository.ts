import type { NewSite, Site } from './site.js';

/**
 * Where sites are kept: the metadata database (`SitesTableRepository`). An abstract class rather than an
 * interface so that it can be Nest's injection token.
 */
export abstract class SitesRepository {
  abstract list(): Promise<Site[]>;
  abstract findById(id: number): Promise<Site | undefined>;
  /** Stores a new site under the next free id. */
  abstract create(site: NewSite): Promise<Site>;
  abstract update(id: number, changes: Partial<NewSite>): Promise<void>;
  abstract remove(id: number): Promise<void>;
  /** Stores sites with the ids they already have (a sites file from before the database). */
  abstract importSites(sites: Site[]): Promise<void>;
}

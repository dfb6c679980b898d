import type { NewSite, Site, SiteDeletion } from './site.js';

/**
 * Where sites are kept: the metadata database (`SitesTableRepository`). An abstract class rather than an
 * interface so that it can be Nest's injection token.
 */
export abstract class SitesRepository {
  /** The sites, deleted ones left out (as by findById). */
  abstract list(): Promise<Site[]>;
  abstract findById(id: number): Promise<Site | undefined>;
  /** Stores a new site under the next free id (a deleted site keeps its id: it is never reused). */
  abstract create(site: NewSite): Promise<Site>;
  abstract update(id: number, changes: Partial<NewSite>): Promise<void>;
  /** From now on the site is in no list; its row stays, as the record of its deletion. */
  abstract markDeleted(id: number, at: Date): Promise<void>;
  abstract markErased(id: number, at: Date): Promise<void>;
  /** Every deletion asked for, finished or not. */
  abstract deletions(): Promise<SiteDeletion[]>;
  abstract findDeletion(id: number): Promise<SiteDeletion | undefined>;
  /** Stores sites with the ids they already have (a sites file from before the database). */
  abstract importSites(sites: Site[]): Promise<void>;
}

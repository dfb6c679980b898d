import type { NewSite, Site } from './site.js';

/**
 * Where sites are kept. Narrow on purpose: today the sites file, later a database table (the edge
 * then keeps reading a file exported from it), with nothing above this class changing.
 * An abstract class rather than an interface so that it can be Nest's injection token.
 */
export abstract class SitesRepository {
  abstract list(): Promise<Site[]>;
  abstract findById(id: number): Promise<Site | undefined>;
  /** Stores a new site under the next free id. */
  abstract create(site: NewSite): Promise<Site>;
}

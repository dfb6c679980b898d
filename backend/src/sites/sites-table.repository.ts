import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Not, Repository } from 'typeorm';
import type { NewSite, Site, SiteDeletion } from './site.js';
import { SiteRecord } from './site.entity.js';
import { SitesRepository } from './sites.repository.js';

const IMPORTED_COLUMNS = [
  'id',
  'key',
  'name',
  'domain',
  'timezone',
  'allowed_origins',
  'privacy_mode',
  'bot_policy',
  'retention_months',
  'signing_secrets',
  'blocked_addresses',
  'blocked_countries',
  'blocked_pages',
] as const;

const deletionOf = (site: SiteRecord): SiteDeletion => ({
  siteId: site.id,
  domain: site.domain,
  requestedAt: site.deletedAt!,
  erasedAt: site.erasedAt,
});

@Injectable()
export class SitesTableRepository extends SitesRepository {
  constructor(
    @InjectRepository(SiteRecord) private readonly sites: Repository<SiteRecord>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  list(): Promise<Site[]> {
    return this.sites.find({ where: { deletedAt: IsNull() }, order: { id: 'ASC' } });
  }

  async findById(id: number): Promise<Site | undefined> {
    return (await this.sites.findOneBy({ id, deletedAt: IsNull() })) ?? undefined;
  }

  create(site: NewSite): Promise<Site> {
    return this.sites.save(this.sites.create(site));
  }

  async update(id: number, changes: Partial<NewSite>): Promise<void> {
    await this.sites.update({ id }, changes);
  }

  async markDeleted(id: number, at: Date): Promise<void> {
    await this.sites.update({ id }, { deletedAt: at });
  }

  async markErased(id: number, at: Date): Promise<void> {
    await this.sites.update({ id }, { erasedAt: at });
  }

  async deletions(): Promise<SiteDeletion[]> {
    return (await this.sites.find({ where: { deletedAt: Not(IsNull()) }, order: { id: 'ASC' } })).map(
      deletionOf,
    );
  }

  async findDeletion(id: number): Promise<SiteDeletion | undefined> {
    const site = await this.sites.findOneBy({ id, deletedAt: Not(IsNull()) });
    return site ? deletionOf(site) : undefined;
  }

  async importSites(sites: Site[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // Plain SQL rather than the entity: TypeORM leaves a generated id out of an entity's insert on
      // PostgreSQL, and these ids must stay what the edge and ClickHouse know.
      const postgres = this.dataSource.options.type === 'postgres';
      const placeholders = IMPORTED_COLUMNS.map((_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
      const insert = `INSERT INTO sites (${IMPORTED_COLUMNS.map((column) => `"${column}"`).join(', ')}) VALUES (${placeholders})`;
      for (const site of sites)
        await manager.query(insert, [
          site.id,
          site.key,
          site.name,
          site.domain,
          site.timezone,
          JSON.stringify(site.allowedOrigins),
          site.privacyMode,
          site.botPolicy,
          site.retentionMonths,
          JSON.stringify(site.signingSecrets),
          JSON.stringify(site.blockedAddresses),
          JSON.stringify(site.blockedCountries),
          JSON.stringify(site.blockedPages),
        ]);
      // PostgreSQL's sequence doesn't see ids inserted by hand: the next site must not take one of them.
      if (postgres)
        await manager.query(
          `SELECT setval(pg_get_serial_sequence('sites', 'id'), (SELECT MAX(id) FROM sites))`,
        );
    });
  }
}

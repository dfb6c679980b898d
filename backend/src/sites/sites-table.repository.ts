import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { NewSite, Site } from './site.js';
import { SiteRecord } from './site.entity.js';
import { SitesRepository } from './sites.repository.js';

@Injectable()
export class SitesTableRepository extends SitesRepository {
  constructor(
    @InjectRepository(SiteRecord) private readonly sites: Repository<SiteRecord>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super();
  }

  list(): Promise<Site[]> {
    return this.sites.find({ order: { id: 'ASC' } });
  }

  async findById(id: number): Promise<Site | undefined> {
    return (await this.sites.findOneBy({ id })) ?? undefined;
  }

  create(site: NewSite): Promise<Site> {
    return this.sites.save(this.sites.create(site));
  }

  async update(id: number, changes: Partial<NewSite>): Promise<void> {
    await this.sites.update({ id }, changes);
  }

  async remove(id: number): Promise<void> {
    await this.sites.delete({ id });
  }

  async importSites(sites: Site[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(SiteRecord, sites);
      // PostgreSQL's sequence doesn't see ids inserted by hand: the next site must not take one of them.
      if (this.dataSource.options.type === 'postgres')
        await manager.query(
          `SELECT setval(pg_get_serial_sequence('sites', 'id'), (SELECT MAX(id) FROM sites))`,
        );
    });
  }
}

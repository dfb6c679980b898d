import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { MINUTE_WINDOW } from '../metadata/minute-window.js';
import { SharedLink } from './shared-link.entity.js';

export type NewSharedLink = Pick<
  SharedLink,
  'siteId' | 'dashboardId' | 'reportKey' | 'query' | 'hash' | 'prefix' | 'passwordHash' | 'expiresAt'
>;

/** Shared links in the metadata database; an admin's lookups are by site, a visitor's by token hash. */
@Injectable()
export class SharedLinksRepository {
  constructor(@InjectRepository(SharedLink) private readonly links: Repository<SharedLink>) {}

  create(link: NewSharedLink): Promise<SharedLink> {
    return this.links.save(
      this.links.create({ ...link, revokedAt: null, windowStart: 0, windowRequests: 0 }),
    );
  }

  /** The site's links not revoked, oldest first (expired ones too: they show as expired). */
  listActive(siteId: number): Promise<SharedLink[]> {
    return this.links.find({ where: { siteId, revokedAt: IsNull() }, order: { id: 'ASC' } });
  }

  async findActive(siteId: number, id: number): Promise<SharedLink | undefined> {
    return (await this.links.findOneBy({ siteId, id, revokedAt: IsNull() })) ?? undefined;
  }

  async findByHash(hash: string): Promise<SharedLink | undefined> {
    return (await this.links.findOneBy({ hash })) ?? undefined;
  }

  async revoke(id: number, at: number): Promise<void> {
    await this.links.update({ id, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Counts `cost` requests of the link in the minute starting at `minute` if they fit `budget`; whether they did. */
  async countRequest(id: number, minute: number, budget: number, cost: number): Promise<boolean> {
    const counted = await this.links
      .createQueryBuilder()
      .update()
      .set(MINUTE_WINDOW.set)
      .where(`id = :id AND ${MINUTE_WINDOW.fits}`, { id, minute, budget, cost })
      .execute();
    return counted.affected === 1;
  }
}

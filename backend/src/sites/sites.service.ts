import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SiteAccess } from '../users/site-access.js';
import type { User } from '../users/user.entity.js';
import type { Site } from './site.js';
import { SitesRepository } from './sites.repository.js';

const SITE_KEY_BYTES = 16;

@Injectable()
export class SitesService implements OnModuleInit {
  private readonly logger = new Logger('Sites');

  constructor(
    private readonly sites: SitesRepository,
    private readonly access: SiteAccess,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A first start has one site to track, so the tracker snippet works at once. */
  async onModuleInit(): Promise<void> {
    if ((await this.sites.list()).length > 0) return;
    const domain = this.config.defaultSiteDomain;
    const site = await this.sites.create({
      key: randomBytes(SITE_KEY_BYTES).toString('base64url'),
      name: domain,
      domain,
      timezone: 'UTC',
    });
    this.logger.log(`Created the default site ${site.id} "${domain}"; its site key is ${site.key}`);
  }

  list(): Promise<Site[]> {
    return this.sites.list();
  }

  async visibleTo(user: User): Promise<Site[]> {
    const visible = await this.access.visibleSites(user);
    const sites = await this.sites.list();
    return visible === 'all' ? sites : sites.filter(({ id }) => visible.includes(id));
  }

  /** Unknown and inaccessible sites look the same: not found. */
  async get(id: number): Promise<Site> {
    const site = await this.sites.findById(id);
    if (!site) throw new DomainError(ErrorCode.NotFound, `site ${id} not found`);
    return site;
  }
}

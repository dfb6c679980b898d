import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { Site } from './site.js';
import { SitesFileRepository } from './sites-file.repository.js';

const SITE_KEY_BYTES = 16;

@Injectable()
export class SiteService implements OnModuleInit {
  private readonly logger = new Logger('Sites');

  constructor(
    private readonly sites: SitesFileRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A first start has one site to track, so the printed snippet works at once. */
  onModuleInit(): void {
    if (this.sites.list().length > 0) return;
    const domain = this.config.defaultSiteDomain;
    const site: Site = {
      id: 1,
      key: randomBytes(SITE_KEY_BYTES).toString('base64url'),
      name: domain,
      domain,
      timezone: 'UTC',
    };
    this.sites.saveAll([site]);
    this.logger.log(`created the default site "${domain}" with key ${site.key}`);
  }

  list(): Site[] {
    return this.sites.list();
  }

  /** Unknown and inaccessible sites look the same: not found. */
  get(id: number): Site {
    const site = this.sites.findById(id);
    if (!site) throw new DomainError(ErrorCode.NotFound, `site ${id} not found`);
    return site;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { eraseSiteData, expireSiteData, siteErasure, type SiteErasure } from '@sluice/pipeline';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** A site's rows in ClickHouse, deleted as the admin account (the reader can't, by design). */
@Injectable()
export class SiteData {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** All of a deleted site's data; ClickHouse removes it in the background. */
  erase(siteId: number): Promise<string[]> {
    return eraseSiteData(this.target(), siteId);
  }

  /** Which tables still hold the site's rows, and whether ClickHouse is still applying mutations. */
  erasure(siteId: number): Promise<SiteErasure> {
    return siteErasure(this.target(), siteId);
  }

  /** The site's months before its last `months`. */
  expire(siteId: number, months: number): Promise<string[]> {
    return expireSiteData(this.target(), siteId, months);
  }

  private target() {
    const { url, database, cluster, admin } = this.config.clickhouse;
    return { url, database, cluster, ...admin };
  }
}

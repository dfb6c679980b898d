import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { Database } from 'lmdb';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { HotState } from '../hot-state/hot-state.js';
import { Metrics } from '../observability/metrics.js';
import type { NameSource } from './element-context.js';

/** A stored name, as the hot-state cache keeps it. */
export interface StoredName {
  name: string;
  source: NameSource;
}

/** ClickHouse's DateTime text of a moment (UTC, whole seconds). */
const clickhouseTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/**
 * Where names go: `autocapture_names` in ClickHouse (written as the admin account: the reports' reader
 * can't), which reports join at query time so a name applies to past and future events at once; and the
 * hot state's `autocapture-names` database, this backend's cache of them.
 */
@Injectable()
export class NameStore implements OnModuleDestroy {
  private readonly client: ClickHouseClient;
  private readonly cache: Database<StoredName, string>;
  /** The last `updated_at` written: a rename within the same second still sorts after the name before it. */
  private lastWritten = 0;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    hotState: HotState,
    private readonly metrics: Metrics,
  ) {
    const { url, database, admin } = config.clickhouse;
    this.client = createClient({ url, database, ...admin });
    this.cache = hotState.database<StoredName>('autocapture-names');
  }

  /** The cached name of a site's element, if this backend stored or saw one. */
  cached(siteId: number, fingerprint: string): StoredName | undefined {
    return this.cache.get(`${siteId}:${fingerprint}`);
  }

  async save(siteId: number, fingerprint: string, stored: StoredName): Promise<void> {
    this.lastWritten = Math.max(Date.now(), this.lastWritten + 1000);
    await this.client.insert({
      table: 'autocapture_names',
      values: [{ site_id: siteId, fingerprint, ...stored, updated_at: clickhouseTime(this.lastWritten) }],
      format: 'JSONEachRow',
    });
    await this.cache.put(`${siteId}:${fingerprint}`, stored);
    this.metrics.namingNames.inc({ source: stored.source });
  }

  onModuleDestroy(): Promise<void> {
    return this.client.close();
  }
}

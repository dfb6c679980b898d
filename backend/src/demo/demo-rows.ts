import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { ADMIN_WORK_OPTIONS } from '@sluice/pipeline';
import { ROW_BINARY_INSERT } from '@sluice/traffic';
import { Readable } from 'node:stream';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/**
 * Where demo sites' rows go: straight into `events` as the admin account, as the pipeline would have stored
 * them (the materialized views fill the rollups), one streamed RowBinary insert at a time.
 */
@Injectable()
export class DemoRows implements OnModuleDestroy {
  private readonly client: ClickHouseClient;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { url, database, admin } = config.clickhouse;
    // Two months stream as one INSERT: ClickHouse answers once it has read them all.
    this.client = createClient({ url, database, ...admin, ...ADMIN_WORK_OPTIONS });
  }

  async insert(chunks: Iterable<Buffer>): Promise<void> {
    const { stream } = await this.client.exec({ query: ROW_BINARY_INSERT, values: Readable.from(chunks) });
    stream.resume();
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.close();
  }
}

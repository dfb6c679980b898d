import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { runMigrations } from '@sluice/pipeline';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { render, type SqlFragment } from './sql-binder.js';

export interface NamedQuery {
  /** Shown in logs and timings. */
  name: string;
  sql: SqlFragment;
}

/** Upper bound for any report query; the reader account (readonly=2) may set it per query. */
const MAX_EXECUTION_SECONDS = 30;

/**
 * The single entry point for ClickHouse: migrations at start (admin account), and every report
 * query (read-only account) with its name, limits and timing in one place.
 */
@Injectable()
export class ClickHouseService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ClickHouse');
  private readonly client: ClickHouseClient;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { url, database, reader } = config.clickhouse;
    this.client = createClient({
      url,
      database,
      ...reader,
      request_timeout: (MAX_EXECUTION_SECONDS + 5) * 1000,
    });
  }

  async onModuleInit(): Promise<void> {
    const { url, database, admin } = this.config.clickhouse;
    const { applied } = await runMigrations({
      url,
      database,
      ...admin,
      log: (line) => this.logger.log(line),
    });
    this.logger.log(applied.length ? `applied ${applied.join(', ')}` : 'schema is up to date');
  }

  onModuleDestroy(): Promise<void> {
    return this.client.close();
  }

  async rows<T>(query: NamedQuery): Promise<T[]> {
    const started = performance.now();
    const result = await this.client.query({
      query: render(query.sql),
      format: 'JSONEachRow',
      clickhouse_settings: { max_execution_time: MAX_EXECUTION_SECONDS },
    });
    const rows = await result.json<T>();
    this.logger.debug(`${query.name}: ${rows.length} rows in ${(performance.now() - started).toFixed(1)} ms`);
    return rows;
  }
}

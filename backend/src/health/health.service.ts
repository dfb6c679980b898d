import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ClickHouseService } from '../clickhouse/clickhouse.service.js';
import { sql } from '../clickhouse/sql-binder.js';
import { errorMessage } from '../common/error-message.js';

type Check = 'ok' | 'unavailable';

export interface Readiness {
  status: 'ready' | 'unavailable';
  clickhouse: Check;
  metadata: Check;
}

/**
 * Whether the stores the API needs answer, each checked on its own (one down doesn't hide the other).
 * The answer is public, so why a store is unavailable goes to the log only.
 */
@Injectable()
export class HealthService {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly clickhouse: ClickHouseService,
    @InjectDataSource() private readonly metadata: DataSource,
  ) {}

  async readiness(): Promise<Readiness> {
    const [clickhouse, metadata] = await Promise.all([
      this.check('ClickHouse', () => this.clickhouse.rows({ name: 'ready-check', sql: sql`SELECT 1 AS ok` })),
      this.check('the metadata database', () => this.metadata.query('SELECT 1')),
    ]);
    return {
      status: clickhouse === 'ok' && metadata === 'ok' ? 'ready' : 'unavailable',
      clickhouse,
      metadata,
    };
  }

  private async check(store: string, probe: () => Promise<unknown>): Promise<Check> {
    try {
      await probe();
      return 'ok';
    } catch (error) {
      this.logger.warn(`not ready: ${store}: ${errorMessage(error)}`);
      return 'unavailable';
    }
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import {
  createClient,
  type ClickHouseClient,
  type ClickHouseSettings,
  type Logger as ClientLogger,
  type WarnLogParams,
} from '@clickhouse/client';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { render, sql, type SqlFragment } from './sql-binder.js';

/** A query as every report hands it over: named for logs and timings, values bound by the binder. */
export interface NamedQuery {
  name: string;
  sql: SqlFragment;
  /** Overrides of `DEFAULT_SETTINGS` for this query; the reader account (readonly=2) may set them. */
  settings?: ClickHouseSettings;
}

/** Bounds for any report query: a runaway query is stopped by the server, not left to the HTTP timeout. */
const DEFAULT_SETTINGS: ClickHouseSettings = { max_execution_time: 30 };
const REQUEST_TIMEOUT_MS = 35_000;

/** The client's own log lines, in the app's log. */
class ClientLogs implements ClientLogger {
  private readonly logger = new Logger('ClickHouseClient');
  trace(): void {}
  debug(): void {}
  info(): void {}
  warn({ message }: WarnLogParams): void {
    this.logger.warn(message);
  }
  /** Every error is also thrown to the caller, which logs it once with its context (`rows`, ErrorFilter). */
  error(): void {}
}

/**
 * The one entry point of every report query, as the read-only account: logging, timing and limits
 * live here. (Migrations run as the admin account in `SchemaMigrations`, once, at start.)
 */
@Injectable()
export class ClickHouseService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ClickHouse');
  private readonly client: ClickHouseClient;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { url, database, reader } = config.clickhouse;
    this.client = createClient({
      url,
      database,
      ...reader,
      request_timeout: REQUEST_TIMEOUT_MS,
      log: { LoggerClass: ClientLogs },
    });
  }

  /** After the migrations (module init): a wrong reader password stops the start instead of the first report. */
  async onApplicationBootstrap(): Promise<void> {
    await this.rows({ name: 'reader-check', sql: sql`SELECT 1 AS ok` });
  }

  onModuleDestroy(): Promise<void> {
    return this.client.close();
  }

  async rows<T>(query: NamedQuery): Promise<T[]> {
    const started = performance.now();
    const elapsed = () => `${(performance.now() - started).toFixed(1)} ms`;
    try {
      const result = await this.client.query({
        query: render(query.sql),
        format: 'JSONEachRow',
        clickhouse_settings: { ...DEFAULT_SETTINGS, ...query.settings },
      });
      const rows = await result.json<T>();
      this.logger.log(`${query.name}: ${rows.length} rows in ${elapsed()}`);
      return rows;
    } catch (error) {
      this.logger.warn(`${query.name}: failed after ${elapsed()}`);
      throw error;
    }
  }
}

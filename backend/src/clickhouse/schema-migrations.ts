import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { runMigrations } from '@sluice/pipeline';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** Brings the ClickHouse schema up to date, as the admin account, before the app accepts a request. */
@Injectable()
export class SchemaMigrations implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const { url, database, cluster, admin } = this.config.clickhouse;
    const { applied } = await runMigrations({
      url,
      database,
      cluster,
      ...admin,
      log: (line) => this.logger.log(line),
    });
    this.logger.log(applied.length > 0 ? `Applied ${applied.join(', ')}` : 'The schema is up to date');
  }
}

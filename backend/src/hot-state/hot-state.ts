import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { open, type Database, type RootDatabase } from 'lmdb';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** The LMDB environment's folder inside the backend's data folder (backups copy it from there). */
export const HOT_STATE_FOLDER = 'hot-state';

/**
 * Hot state: small values read far more often than written (element names, the naming worker's
 * budget and breaker) that should survive a restart without a metadata-database round trip each
 * time. One LMDB environment in the data folder, one named database per purpose. Each backend keeps
 * its own: what is here is a cache or a local counter, never the only copy of something durable.
 */
@Injectable()
export class HotState implements OnApplicationShutdown {
  private readonly root: RootDatabase;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = open({ path: join(config.dataDir, HOT_STATE_FOLDER) });
  }

  /** The named database `name`, keys strings and values structured-cloned by lmdb's msgpack. */
  database<V>(name: string): Database<V, string> {
    return this.root.openDB<V, string>({ name });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.root.close();
  }
}

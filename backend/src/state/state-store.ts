import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, type RootDatabase } from 'lmdb';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/**
 * Hot key-value state in LMDB (`<BACKEND_DATA_DIR>/state.lmdb`): refresh-token families, login
 * throttling, generated secrets. Reads are memory-mapped and writes synchronous, so a read-modify-write
 * in `update` is atomic for this process; other backends keep their own state.
 */
@Injectable()
export class StateStore implements OnModuleDestroy {
  private readonly db: RootDatabase<unknown, string>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    this.db = open<unknown, string>({ path: join(config.dataDir, 'state.lmdb'), compression: false });
  }

  get<T>(key: string): T | undefined {
    return this.db.get(key) as T | undefined;
  }

  /** Sets (or, with `undefined`, removes) `key` to what `change` makes of its current value, atomically. */
  update<T>(key: string, change: (current: T | undefined) => T | undefined): T | undefined {
    return this.db.transactionSync(() => {
      const next = change(this.db.get(key) as T | undefined);
      if (next === undefined) this.db.removeSync(key);
      else this.db.putSync(key, next);
      return next;
    });
  }

  put<T>(key: string, value: T): void {
    this.db.putSync(key, value);
  }

  remove(key: string): void {
    this.db.removeSync(key);
  }

  /** Keys starting with `prefix`, in order. */
  keys(prefix: string): string[] {
    return [...this.db.getKeys({ start: prefix, end: `${prefix}\uffff` })];
  }

  onModuleDestroy(): Promise<void> {
    return this.db.close();
  }
}

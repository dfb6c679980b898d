import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, type RootDatabase } from 'lmdb';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** A value that is worthless after `expiresAt` (ms since the epoch): `sweepExpired` removes it. */
export interface Expiring {
  expiresAt: number;
}

const isExpired = (value: unknown, now: number) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Partial<Expiring>).expiresAt === 'number' &&
  (value as Expiring).expiresAt <= now;

/**
 * Hot key-value state in LMDB (`<BACKEND_DATA_DIR>/state.lmdb`): refresh-token families, login
 * throttling, sign-ins under way, generated secrets. Reads are memory-mapped and writes synchronous, so
 * a read-modify-write in `update` is atomic for this process; other backends keep their own state.
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

  /**
   * Removes every `Expiring` value past its time, so what nobody comes back for (an abandoned sign-in, a
   * session never refreshed again, old failed logins) does not pile up. Returns how many went.
   */
  sweepExpired(now = Date.now()): number {
    const candidates = [...this.db.getRange()].filter(({ value }) => isExpired(value, now));
    let removed = 0;
    // Checked again inside a transaction: an `update` may have renewed the value since it was read.
    for (const { key } of candidates)
      this.db.transactionSync(() => {
        if (!isExpired(this.db.get(key), now)) return;
        this.db.removeSync(key);
        removed++;
      });
    return removed;
  }

  /** Keys starting with `prefix`, in order. */
  keys(prefix: string): string[] {
    return [...this.db.getKeys({ start: prefix, end: `${prefix}\uffff` })];
  }

  onModuleDestroy(): Promise<void> {
    return this.db.close();
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FlagsDocument, PublishedFlag } from '@sluice/config';
import { syncFolder, writeFileAtomically } from '../common/atomic-file.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { FeatureFlag } from './feature-flag.entity.js';

/** Readable by the edge through the folder's group, as the sites file is (see the stack runner and the images). */
const FILE_MODE = 0o640;
const DOCUMENT_NAME = /^(\d+)\.json$/;

/** What the edge needs of a flag, and nothing else (no ids, descriptions or dates). */
export const toPublishedFlag = (flag: FeatureFlag): PublishedFlag => ({
  key: flag.key,
  enabled: flag.enabled,
  rollout: flag.rollout,
  variants: flag.variants,
  rules: flag.rules,
});

/** The document the edge reads for a site: its flags by key, versioned by a hash of their content. */
export function flagsDocument(flags: FeatureFlag[]): FlagsDocument {
  const published = flags.map(toPublishedFlag).sort((a, b) => (a.key < b.key ? -1 : 1));
  const version = createHash('sha256').update(JSON.stringify(published)).digest('hex').slice(0, 16);
  return { version, flags: published };
}

/**
 * Publishes each site's flags as `<flags dir>/<site id>.json` (config/src/flags-document.ts), atomically,
 * for the edge, which re-reads a site's document at most a second after a request asks for it. Writes are
 * queued, so the last one holds the latest flags.
 */
@Injectable()
export class FlagsPublisher {
  private readonly dir: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir = config.flagsDir;
  }

  /** Writes the site's flags that `load` returns once the writes queued before have finished. */
  publish(siteId: number, load: () => Promise<FeatureFlag[]>): Promise<void> {
    return this.enqueue(async () => this.write(siteId, await load()));
  }

  /**
   * Writes every site's document and removes those of sites without flags (deleted sites included): what
   * a start does, so the folder matches the database whatever happened while the backend was down.
   */
  publishAll(load: () => Promise<Map<number, FeatureFlag[]>>): Promise<void> {
    return this.enqueue(async () => {
      const sites = await load();
      for (const [siteId, flags] of sites) this.write(siteId, flags);
      let removed = false;
      for (const name of this.documents()) {
        const siteId = Number(DOCUMENT_NAME.exec(name)![1]);
        if (!sites.has(siteId)) {
          rmSync(join(this.dir, name), { force: true });
          removed = true;
        }
      }
      if (removed) syncFolder(this.dir);
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private write(siteId: number, flags: FeatureFlag[]): void {
    const path = join(this.dir, `${siteId}.json`);
    writeFileAtomically(path, `${JSON.stringify(flagsDocument(flags))}\n`, FILE_MODE);
  }

  private documents(): string[] {
    try {
      return readdirSync(this.dir).filter((name) => DOCUMENT_NAME.test(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}

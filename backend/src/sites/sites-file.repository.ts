import { Inject, Injectable } from '@nestjs/common';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { Site } from './site.js';

const FORMAT_VERSION = 1;

/**
 * Sites in the file the edge reads (`{"version":1,"sites":[…]}`). Writes are atomic — temp file,
 * fsync, rename — so the edge, which re-reads it every few seconds, never sees half a file.
 */
@Injectable()
export class SitesFileRepository {
  private readonly path: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.path = config.sitesFile;
  }

  list(): Site[] {
    if (!existsSync(this.path)) return [];
    return (JSON.parse(readFileSync(this.path, 'utf8')) as { sites: Site[] }).sites;
  }

  findById(id: number): Site | undefined {
    return this.list().find((site) => site.id === id);
  }

  saveAll(sites: Site[]): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', 0o644);
    try {
      writeSync(fd, JSON.stringify({ version: FORMAT_VERSION, sites }, null, 2) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.path);
  }
}

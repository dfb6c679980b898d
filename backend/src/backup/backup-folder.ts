import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARCHIVE_PATTERN, readManifest } from './archive-file.js';
import { referencedArchives, type Manifest } from './manifest.js';

/**
 * The backups folder: archives named by time, each with its manifest beside it (`<archive>.manifest.json`), so
 * that listing and retention never unpack an archive (restore checks the archive's own copy).
 */

export interface StoredBackup {
  name: string;
  bytes: number;
  createdAt: string;
  /** The archive it builds on, or null for a full backup. */
  previous: string | null;
  /** Every archive a restore of this one needs beside it. */
  needs: string[];
  partitionsWritten: number;
  partitionsUnchanged: number;
}

const sidecarOf = (folder: string, name: string) => join(folder, `${name}.manifest.json`);

export function writeSidecar(folder: string, name: string, manifest: Manifest): void {
  writeFileSync(sidecarOf(folder, name), JSON.stringify(manifest));
}

async function manifestOf(folder: string, name: string): Promise<Manifest> {
  const sidecar = sidecarOf(folder, name);
  if (existsSync(sidecar)) return JSON.parse(readFileSync(sidecar, 'utf8')) as Manifest;
  // An archive brought in from elsewhere, without its sidecar: its own manifest, once.
  const scratch = mkdtempSync(join(folder, '.reading-'));
  try {
    const manifest = await readManifest(join(folder, name), scratch);
    writeSidecar(folder, name, manifest);
    return manifest;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The archives in `folder`, newest first. */
export async function listBackups(folder: string): Promise<StoredBackup[]> {
  if (!existsSync(folder)) return [];
  const names = readdirSync(folder)
    .filter((name) => ARCHIVE_PATTERN.test(name))
    .sort()
    .reverse();
  const backups: StoredBackup[] = [];
  for (const name of names) {
    const manifest = await manifestOf(folder, name);
    const written = manifest.clickhouse.partitions.filter((copy) => copy.archive === null).length;
    backups.push({
      name,
      bytes: statSync(join(folder, name)).size,
      createdAt: manifest.createdAt,
      previous: manifest.previous,
      needs: referencedArchives(manifest),
      partitionsWritten: written,
      partitionsUnchanged: manifest.clickhouse.partitions.length - written,
    });
  }
  return backups;
}

/**
 * Keeps the newest `keep` archives and every earlier one they need (an incremental archive's chain), deleting
 * the rest with their sidecars. Answers the names deleted.
 */
export async function applyRetention(folder: string, keep: number): Promise<string[]> {
  const backups = await listBackups(folder);
  const kept = new Set(backups.slice(0, keep).flatMap((backup) => [backup.name, ...backup.needs]));
  const deleted = backups.filter((backup) => !kept.has(backup.name)).map((backup) => backup.name);
  for (const name of deleted) {
    rmSync(join(folder, name), { force: true });
    rmSync(sidecarOf(folder, name), { force: true });
  }
  return deleted;
}

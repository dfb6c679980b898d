import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { SQLITE_FILE } from './metadata-copy.js';

/**
 * What the backend keeps in its data folder besides the metadata database: LMDB environments (the hot state),
 * and key files. Backups written into the data folder are never part of one.
 */

/** Where the environments' copies go in the archive. */
export const LMDB_FOLDER = 'lmdb';
/** LMDB's file in an environment's folder (lmdb-js's default layout: a folder with `data.mdb` and `lock.mdb`). */
const LMDB_DATA = 'data.mdb';
const LMDB_LOCK = 'lock.mdb';
/** The SQLite database and its side files are the metadata copy's, not key files. */
const METADATA_FILES = new Set(
  ['', '-wal', '-shm', '-journal', '.restoring'].map((suffix) => SQLITE_FILE + suffix),
);

/** Every LMDB environment under `dataDir` (`/`-separated folders relative to it), except under `skip`. */
export function findLmdbEnvironments(dataDir: string, skip?: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    if (!existsSync(folder) || (skip && folder === skip)) return;
    const entries = readdirSync(folder, { withFileTypes: true });
    if (entries.some((entry) => entry.isFile() && entry.name === LMDB_DATA))
      found.push(relative(dataDir, folder).split(sep).join('/'));
    for (const entry of entries) if (entry.isDirectory()) walk(join(folder, entry.name));
  };
  walk(dataDir);
  return found.sort();
}

/**
 * A consistent copy of the environment at `source` into `target` (LMDB's own copy, `mdb_env_copy2`, through
 * lmdb-js: one read transaction, so writers go on and the copy is one moment). lmdb is loaded only when an
 * environment exists.
 */
export async function copyLmdbEnvironment(source: string, target: string): Promise<void> {
  const { open } = await import('lmdb');
  mkdirSync(target, { recursive: true });
  const environment = open({ path: source, readOnly: true });
  try {
    await environment.backup(target, false);
  } finally {
    await environment.close();
  }
}

/** Puts a copied environment in place: its data file, and no lock file left from what was there. */
export function placeLmdbEnvironment(copy: string, target: string): void {
  mkdirSync(target, { recursive: true });
  rmSync(join(target, LMDB_LOCK), { force: true });
  copyFileSync(join(copy, LMDB_DATA), join(target, LMDB_DATA));
}

/** The key files: every plain file directly in the data folder that is not the metadata database. */
export function readKeyFiles(dataDir: string): Record<string, string> {
  if (!existsSync(dataDir)) return {};
  return Object.fromEntries(
    readdirSync(dataDir)
      .filter((name) => !METADATA_FILES.has(name) && statSync(join(dataDir, name)).isFile())
      .sort()
      .map((name) => [name, readFileSync(join(dataDir, name)).toString('base64')]),
  );
}

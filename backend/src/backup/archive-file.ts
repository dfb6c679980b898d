import { createHash } from 'node:crypto';
import {
  createReadStream,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { create, extract } from 'tar';
import { BackupError } from './backup-error.js';
import { MANIFEST_FILE, type ArchiveFile, type Manifest } from './manifest.js';

/** Backups are named by when they were written, so the folder's order is their order. */
export const ARCHIVE_PATTERN = /^sluice-backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.tar\.gz$/;

export const archiveName = (at: Date): string =>
  `sluice-backup-${at.toISOString().replace(/[:.]/g, '-')}.tar.gz`;

/** The size and SHA-256 of a file, streamed. */
export async function describeFile(root: string, path: string): Promise<ArchiveFile> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(join(root, path)), hash);
  return { path, bytes: statSync(join(root, path)).size, sha256: hash.digest('hex') };
}

/** Every file under `folder` (relative to `root`, `/`-separated), described. */
export async function describeFolder(root: string, folder: string): Promise<ArchiveFile[]> {
  const files: ArchiveFile[] = [];
  for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
      files.push(await describeFile(root, path));
    }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Packs `stage` (its manifest first) into `target`, written beside it under a temporary name and renamed once
 * whole: a listing never shows half an archive.
 */
export async function pack(stage: string, manifest: Manifest, target: string): Promise<void> {
  const partial = `${target}.partial`;
  try {
    await create({ gzip: true, cwd: stage, file: partial, portable: true }, [
      MANIFEST_FILE,
      ...manifest.files.map((file) => file.path),
    ]);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Unpacks `archive` (or only `paths` of it) into `into`; an archive that can't be read whole is refused. */
export async function unpack(archive: string, into: string, paths?: string[]): Promise<void> {
  mkdirSync(into, { recursive: true });
  try {
    await extract({ file: archive, cwd: into, strict: true }, paths ?? []);
  } catch (error) {
    throw new BackupError(
      `${basename(archive)} can't be read: it is truncated or corrupt (${error instanceof Error ? error.message : String(error)}). Nothing was restored`,
    );
  }
}

/** An archive's manifest, read without unpacking the rest. */
export async function readManifest(archive: string, scratch: string): Promise<Manifest> {
  await unpack(archive, scratch, [MANIFEST_FILE]);
  try {
    return JSON.parse(readFileSync(join(scratch, MANIFEST_FILE), 'utf8')) as Manifest;
  } catch {
    throw new BackupError(
      `${basename(archive)} has no readable ${MANIFEST_FILE}: it is no Sluice backup, or is corrupt`,
    );
  }
}

/** Refuses the archive unless every file is there with the size and SHA-256 its manifest says. */
export async function verifyFiles(archive: string, root: string, files: ArchiveFile[]): Promise<void> {
  for (const file of files) {
    let found: ArchiveFile;
    try {
      found = await describeFile(root, file.path);
    } catch {
      throw new BackupError(
        `${basename(archive)} is incomplete: ${file.path} is missing. Nothing was restored`,
      );
    }
    if (found.bytes !== file.bytes || found.sha256 !== file.sha256)
      throw new BackupError(
        `${basename(archive)} is corrupt: ${file.path} does not match its SHA-256 in the manifest. Nothing was restored`,
      );
  }
}

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadMigrations, migrationLabel, runMigrations } from '@sluice/pipeline';
import { BackupError } from './backup-error.js';
import { readManifest, unpack, verifyFiles } from './archive-file.js';
import { ClickHousePartitions, partitionIdOf } from './clickhouse-partitions.js';
import { LMDB_FOLDER, placeLmdbEnvironment } from './data-folder.js';
import { ARCHIVE_FORMAT, referencedArchives, type Manifest, type PartitionCopy } from './manifest.js';
import {
  copyMetadataIn,
  knownMetadataMigrations,
  METADATA_FOLDER,
  metadataMismatch,
} from './metadata-copy.js';
import { startingProgress, type BackupProgress } from './progress.js';
import { openSecrets, placeSecretFiles, SECRETS_FILE, type SecretsBundle } from './secrets-bundle.js';
import { checkPassphrase } from './sealed-secrets.js';
import { SLUICE_VERSION, type BackupSources } from './sources.js';

export interface RestoreOptions {
  archive: string;
  passphrase: string | undefined;
  onProgress?: (progress: BackupProgress) => void;
}

export interface RestoredBackup {
  manifest: Manifest;
  partitions: number;
  rows: number;
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/** Why this version can't restore the archive's schema, or undefined when it can. */
function schemaMismatch(manifest: Manifest, database: string): string | undefined {
  const clickhouse = loadMigrations(database).map(migrationLabel);
  const metadata = knownMetadataMigrations();
  if (sameList(manifest.schema.clickhouse, clickhouse) && sameList(manifest.schema.metadata, metadata))
    return undefined;
  return `The archive's schema is Sluice ${manifest.sluiceVersion}'s (ClickHouse migrations up to ${manifest.schema.clickhouse.at(-1) ?? 'none'}, metadata up to ${manifest.schema.metadata.at(-1) ?? 'none'}); this is Sluice ${SLUICE_VERSION} (${clickhouse.at(-1)}, ${metadata.at(-1)}). Restore it with the version that wrote it, then upgrade`;
}

/** Where each partition's file is: this archive's unpacked folder, or the folder of the earlier one holding it. */
const fileOf = (root: string, copy: PartitionCopy) =>
  copy.archive === null ? join(root, copy.file.path) : join(root, '.chain', copy.archive, copy.file.path);

/**
 * Everything checked before anything changes: the archive reads whole, its format and schema are this version's,
 * every file matches its SHA-256 (those of the earlier archives of its chain too), its metadata store is the
 * installation's kind, and the passphrase opens its secrets. Answers the unpacked manifest and secrets.
 */
async function verify(
  sources: BackupSources,
  archive: string,
  root: string,
  passphrase: string,
): Promise<{ manifest: Manifest; secrets: SecretsBundle }> {
  const manifest = await readManifest(archive, root);
  if (manifest.format !== ARCHIVE_FORMAT)
    throw new BackupError(
      `${basename(archive)} is in archive format ${manifest.format}; this version reads format ${ARCHIVE_FORMAT}. Nothing was restored`,
    );
  const refused =
    schemaMismatch(manifest, sources.clickhouse.database) ??
    metadataMismatch(sources.metadata, manifest.metadata.store);
  if (refused) throw new BackupError(`${refused}. Nothing was restored`);
  await unpack(archive, root);
  await verifyFiles(archive, root, manifest.files);
  for (const earlier of referencedArchives(manifest)) {
    const path = join(dirname(archive), earlier);
    const needed = manifest.clickhouse.partitions
      .filter((copy) => copy.archive === earlier)
      .map((copy) => copy.file);
    if (!existsSync(path))
      throw new BackupError(
        `${basename(archive)} is incremental: it needs ${earlier} (an earlier backup of its chain) beside it in ${dirname(archive)}. Nothing was restored`,
      );
    await unpack(
      path,
      join(root, '.chain', earlier),
      needed.map((file) => file.path),
    );
    await verifyFiles(path, join(root, '.chain', earlier), needed);
  }
  const secrets = await openSecrets(readFileSync(join(root, SECRETS_FILE)), passphrase);
  return { manifest, secrets };
}

/**
 * Restores an archive into this installation (a fresh one, or one whose backend is stopped): verified whole
 * first (`verify`), then ClickHouse (the migrations, then each partition in the archive replaced by its copy,
 * with the materialized views detached so nothing is counted twice), the metadata with its secret columns, the
 * LMDB environments, the sites file and the key files.
 */
export async function restoreBackup(
  sources: BackupSources,
  options: RestoreOptions,
): Promise<RestoredBackup> {
  const passphrase = checkPassphrase(options.passphrase);
  const archive = resolve(options.archive);
  const progress = startingProgress();
  const report = (change: Partial<BackupProgress>) => {
    Object.assign(progress, change);
    options.onProgress?.(progress);
  };
  const root = mkdtempSync(join(dirname(archive), '.restoring-'));
  try {
    report({ stage: 'verifying' });
    const { manifest, secrets } = await verify(sources, archive, root, passphrase);

    report({
      stage: 'clickhouse',
      tablesTotal: new Set(manifest.clickhouse.partitions.map((copy) => copy.table)).size,
      partitionsTotal: manifest.clickhouse.partitions.length,
    });
    const { url, database, admin } = sources.clickhouse;
    await runMigrations({ url, database, ...admin });
    const clickhouse = new ClickHousePartitions(sources.clickhouse);
    const tablesDone = new Set<string>();
    await clickhouse.withViewsDetached(async () => {
      for (const copy of manifest.clickhouse.partitions) {
        report({ current: `${copy.table} ${copy.partition}` });
        const columns = manifest.clickhouse.tables[copy.table];
        await clickhouse.copyIn(copy.table, partitionIdOf(copy.parts[0]), columns, fileOf(root, copy));
        tablesDone.add(copy.table);
        report({
          partitionsDone: progress.partitionsDone + 1,
          tablesDone: tablesDone.size,
          rows: progress.rows + copy.rows,
          bytes: progress.bytes + copy.file.bytes,
        });
      }
    });

    report({ stage: 'metadata', current: null });
    await copyMetadataIn(
      sources.metadata,
      join(root, METADATA_FOLDER),
      manifest.schema.metadata,
      secrets.columns,
    );
    report({ stage: 'hot state' });
    for (const environment of manifest.lmdb)
      placeLmdbEnvironment(join(root, LMDB_FOLDER, environment), join(sources.metadata.dataDir, environment));
    report({ stage: 'secrets' });
    placeSecretFiles(secrets, sources.sitesFile, sources.metadata.dataDir);
    report({ stage: 'done' });
    return { manifest, partitions: progress.partitionsDone, rows: progress.rows };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

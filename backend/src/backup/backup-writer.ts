import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { BackupError } from './backup-error.js';
import { archiveName, describeFile, describeFolder, pack, readManifest } from './archive-file.js';
import { writeSidecar } from './backup-folder.js';
import { ClickHousePartitions, partitionIdOf, type LivePartition } from './clickhouse-partitions.js';
import { copyLmdbEnvironment, findLmdbEnvironments, LMDB_FOLDER } from './data-folder.js';
import { ARCHIVE_FORMAT, MANIFEST_FILE, type Manifest, type PartitionCopy } from './manifest.js';
import { copyMetadataOut, METADATA_FOLDER } from './metadata-copy.js';
import { startingProgress, type BackupProgress } from './progress.js';
import { gatherSecrets, sealSecrets, SECRETS_FILE } from './secrets-bundle.js';
import { checkPassphrase } from './sealed-secrets.js';
import { SLUICE_VERSION, type BackupSources } from './sources.js';

export interface BackupOptions {
  /** Where the archive is written. */
  folder: string;
  passphrase: string | undefined;
  /** An earlier archive in `folder` to build on: its unchanged partitions are referred to, not written. */
  previous?: string;
  onProgress?: (progress: BackupProgress) => void;
}

export interface WrittenBackup {
  file: string;
  manifest: Manifest;
}

const CLICKHOUSE_FOLDER = 'clickhouse';

/** The copy an earlier archive holds of `live`, if the partition has not changed since (the same parts). */
function unchangedCopy(previous: Manifest | undefined, previousName: string, live: LivePartition) {
  const copy = previous?.clickhouse.partitions.find(
    (earlier) => earlier.table === live.table && earlier.partition === live.partition,
  );
  if (!copy || copy.signature !== live.signature) return undefined;
  return { file: copy.file, archive: copy.archive ?? previousName };
}

/**
 * Writes one backup archive into `options.folder`: the metadata (secret columns blanked), the LMDB environments,
 * the sealed secrets (those columns, the sites file, key files) and every ClickHouse partition, with a manifest.
 * Nothing is changed in the stores; the archive appears in the folder only once it is whole.
 */
export async function writeBackup(sources: BackupSources, options: BackupOptions): Promise<WrittenBackup> {
  const passphrase = checkPassphrase(options.passphrase);
  const folder = resolve(options.folder);
  if (options.previous && dirname(resolve(options.previous)) !== folder)
    throw new BackupError(
      `An incremental backup is written into the folder of the archive it builds on (${dirname(resolve(options.previous))}), not ${folder}`,
    );
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const progress = startingProgress();
  const report = (change: Partial<BackupProgress>) => {
    Object.assign(progress, change);
    options.onProgress?.(progress);
  };
  const stage = mkdtempSync(join(folder, '.writing-'));
  try {
    const previousName = options.previous ? basename(options.previous) : null;
    const previous = options.previous
      ? await readManifest(resolve(options.previous), join(stage, '.previous'))
      : undefined;
    rmSync(join(stage, '.previous'), { recursive: true, force: true });

    report({ stage: 'metadata' });
    const { dataDir } = sources.metadata;
    const metadata = await copyMetadataOut(sources.metadata, join(stage, METADATA_FOLDER));

    report({ stage: 'hot state' });
    const lmdb = findLmdbEnvironments(dataDir, folder);
    for (const environment of lmdb)
      await copyLmdbEnvironment(join(dataDir, environment), join(stage, LMDB_FOLDER, environment));

    report({ stage: 'secrets' });
    const bundle = gatherSecrets(metadata.secrets, sources.sitesFile, dataDir);
    writeFileSync(join(stage, SECRETS_FILE), await sealSecrets(bundle, passphrase));

    report({ stage: 'clickhouse' });
    const clickhouse = new ClickHousePartitions(sources.clickhouse);
    const migrations = await clickhouse.appliedMigrations();
    const tables = await clickhouse.tables();
    const live = await clickhouse.partitions(Object.keys(tables));
    report({
      tablesTotal: new Set(live.map((partition) => partition.table)).size,
      partitionsTotal: live.length,
    });
    const partitions: PartitionCopy[] = [];
    const tablesDone = new Set<string>();
    for (const partition of live) {
      const current = `${partition.table} ${partition.partition}`;
      report({ current });
      const unchanged = previousName ? unchangedCopy(previous, previousName, partition) : undefined;
      if (unchanged) {
        partitions.push({ ...partition, ...unchanged });
        progress.partitionsUnchanged++;
      } else {
        const path = `${CLICKHOUSE_FOLDER}/${partition.table}/${partitionIdOf(partition.parts[0])}.native.gz`;
        mkdirSync(join(stage, CLICKHOUSE_FOLDER, partition.table), { recursive: true });
        const { bytes, sha256, ...copied } = await clickhouse.copyOut(
          partition,
          tables[partition.table],
          join(stage, path),
        );
        partitions.push({ ...copied, file: { path, bytes, sha256 }, archive: null });
        progress.rows += copied.rows;
        progress.bytes += bytes;
      }
      tablesDone.add(partition.table);
      report({ partitionsDone: progress.partitionsDone + 1, tablesDone: tablesDone.size });
    }

    report({ stage: 'packing', current: null });
    const createdAt = new Date();
    const secrets = await describeFile(stage, SECRETS_FILE);
    const files = [
      ...(await describeFolder(stage, METADATA_FOLDER)),
      ...(lmdb.length > 0 ? await describeFolder(stage, LMDB_FOLDER) : []),
      secrets,
      ...partitions.flatMap((copy) => (copy.archive === null ? [copy.file] : [])),
    ];
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      sluiceVersion: SLUICE_VERSION,
      createdAt: createdAt.toISOString(),
      schema: { clickhouse: migrations, metadata: metadata.migrations },
      metadata: { store: metadata.store },
      secrets,
      lmdb,
      clickhouse: { tables, partitions },
      previous: previousName,
      files,
    };
    writeFileSync(join(stage, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    const file = join(folder, archiveName(createdAt));
    await pack(stage, manifest, file);
    writeSidecar(folder, basename(file), manifest);
    report({ stage: 'done' });
    return { file, manifest };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

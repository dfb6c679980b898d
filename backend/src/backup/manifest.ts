/**
 * What a backup archive says about itself (`manifest.json`, the archive's first file). Restore reads it before
 * anything else: the format, the schema versions and every file's SHA-256 are checked before a byte is changed.
 */

/** Bumped when an archive's layout changes in a way an older restore could not read. */
export const ARCHIVE_FORMAT = 1;

export const MANIFEST_FILE = 'manifest.json';

/** A file of this archive, as written. */
export interface ArchiveFile {
  /** Relative to the archive's root, `/`-separated. */
  path: string;
  bytes: number;
  sha256: string;
}

/** A column of a ClickHouse table as it was backed up: an insert names these, in this order. */
export interface TableColumn {
  name: string;
  type: string;
}

/** The rows of one partition of one ClickHouse table, as a gzipped `Native` file. */
export interface PartitionCopy {
  table: string;
  /** The partition as `system.parts` spells it (`202611`, `tuple()`): what `ALTER … DROP PARTITION` takes. */
  partition: string;
  rows: number;
  /** The partition's active parts when it was read. */
  parts: string[];
  /**
   * Each part's name and when it was written. ClickHouse never changes a part (an insert, a merge or a mutation
   * makes new ones), so the same signature means the same rows, and a later backup refers to this copy instead.
   * The times tell apart parts of the same name in another installation (a restored one numbers its parts anew).
   */
  signature: string;
  /** The file holding the rows, in the archive named by `archive`. */
  file: ArchiveFile;
  /** The archive holding `file`: null for this one, else an earlier archive's file name (same folder). */
  archive: string | null;
}

export type MetadataStoreKind = 'sqlite' | 'postgres';

export interface Manifest {
  format: number;
  sluiceVersion: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  schema: {
    /** The ClickHouse migrations applied (`0001_create_events`, …), in order. */
    clickhouse: string[];
    /** The metadata migrations applied (TypeORM's names), in order. */
    metadata: string[];
  };
  metadata: { store: MetadataStoreKind };
  /** Sealed with the passphrase: its key derivation and cipher parameters are in the file itself. */
  secrets: ArchiveFile;
  /** LMDB environments, each a folder relative to the data folder. */
  lmdb: string[];
  clickhouse: { tables: Record<string, TableColumn[]>; partitions: PartitionCopy[] };
  /** The archive this one was written against (its file name), or null for a full backup. */
  previous: string | null;
  /** Every file of this archive but the manifest. */
  files: ArchiveFile[];
}

/** The archives `manifest` needs beside it: every one a partition refers to. */
export const referencedArchives = (manifest: Manifest): string[] =>
  [...new Set(manifest.clickhouse.partitions.flatMap((copy) => (copy.archive ? [copy.archive] : [])))].sort();

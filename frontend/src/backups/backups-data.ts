import { formatCount, formatDecimal } from '../shared/format.js';
import type { BackupJob, StoredBackup } from './api.js';

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** A size in the largest unit under 1024 of it: `912 bytes`, `4.2 MB`. */
export function formatSize(bytes: number, locale?: string): string {
  let unit = 0;
  let size = bytes;
  while (size >= 1024 && unit < UNITS.length - 1) {
    size /= 1024;
    unit++;
  }
  return unit === 0
    ? `${formatCount(bytes, locale)} bytes`
    : `${formatDecimal(size, 1, locale)} ${UNITS[unit]}`;
}

/** What an archive is: a full backup, or one that needs earlier archives beside it to restore. */
export function backupKind(backup: StoredBackup): string {
  if (backup.previous === null) return 'Full';
  const unchanged = `${backup.partitionsWritten} partitions written, ${backup.partitionsUnchanged} unchanged`;
  return `Incremental (${unchanged}; needs ${backup.needs.join(', ')})`;
}

/** How far a job is, as a fraction of its partitions (the bulk of the work), for a progress bar. */
export function jobFraction(job: BackupJob): number {
  if (job.state !== 'running') return 1;
  const { partitionsDone, partitionsTotal } = job.progress;
  return partitionsTotal === 0 ? 0 : partitionsDone / partitionsTotal;
}

/**
 * One line on the job: where it is, or how it ended. Its size is of the ClickHouse partitions copied (compressed);
 * the archive's, with the metadata stores, is in the list.
 */
export function jobSummary(job: BackupJob, locale?: string): string {
  if (job.state === 'failed') return `The backup failed: ${job.error ?? 'no reason given'}`;
  const { progress } = job;
  const copied = `${formatCount(progress.partitionsDone, locale)} of ${formatCount(progress.partitionsTotal, locale)} partitions, ${formatCount(progress.rows, locale)} rows, ${formatSize(progress.bytes, locale)} of ClickHouse data`;
  if (job.state === 'done') return `Written: ${job.file ?? ''} (${copied})`;
  const at = progress.current ? ` ${progress.current}` : '';
  return progress.stage === 'clickhouse' ? `Copying${at}: ${copied}` : `Backing up: ${progress.stage}`;
}

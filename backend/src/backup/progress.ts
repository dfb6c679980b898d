/** How far a backup or restore has come: printed on stderr by the CLI, polled by the panel. */
export interface BackupProgress {
  stage: 'metadata' | 'hot state' | 'secrets' | 'clickhouse' | 'packing' | 'verifying' | 'done';
  /** Tables with a partition copied so far, and in all. */
  tablesDone: number;
  tablesTotal: number;
  partitionsDone: number;
  partitionsTotal: number;
  /** Partitions an incremental backup did not write again (unchanged since the archive it builds on). */
  partitionsUnchanged: number;
  rows: number;
  /** Bytes of partition files written (compressed). */
  bytes: number;
  /** The table and partition at hand, while copying. */
  current: string | null;
}

export const startingProgress = (): BackupProgress => ({
  stage: 'metadata',
  tablesDone: 0,
  tablesTotal: 0,
  partitionsDone: 0,
  partitionsTotal: 0,
  partitionsUnchanged: 0,
  rows: 0,
  bytes: 0,
  current: null,
});

/** One line for a terminal: the CLI's progress on stderr. */
export function progressLine(progress: BackupProgress): string {
  const partitions = `${progress.partitionsDone}/${progress.partitionsTotal} partitions`;
  const unchanged = progress.partitionsUnchanged ? ` (${progress.partitionsUnchanged} unchanged)` : '';
  const at = progress.current ? ` ${progress.current}` : '';
  return progress.stage === 'clickhouse'
    ? `clickhouse${at}: ${progress.tablesDone}/${progress.tablesTotal} tables, ${partitions}${unchanged}, ${progress.rows} rows, ${progress.bytes} bytes`
    : progress.stage;
}
